package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

var keyPattern = regexp.MustCompile(`^iot-data/year=\d{4}/month=\d{2}/day=\d{2}/hour=\d{2}/shardId-\d{12}-\d+-\d+\.jsonl$`)

// Records produced to a two-shard stream all land in S3, once, byte for
// byte, under hour partitions, and every shard is checkpointed.
func TestEndToEndDelivery(t *testing.T) {
	p := newPipeline(t, 2)
	c := p.startConsumer(nil)
	sent := p.produce("a", 2000, 1000, 0)
	d := p.waitDelivered(30*time.Second, sent)
	if dups := d.check(t, sent); dups != 0 {
		t.Errorf("%d duplicates without any fault; want 0", dups)
	}
	if len(d.keys) < 2 {
		t.Errorf("objects %v: want at least one per shard", d.keys)
	}
	for _, k := range d.keys {
		if !keyPattern.MatchString(k) {
			t.Errorf("object key %q does not match %s", k, keyPattern)
		}
	}
	c.stop(t, 15*time.Second)
	cps := p.checkpoints()
	if len(cps) != 2 {
		t.Fatalf("lease table holds %v; want 2 shards", cps)
	}
	for shard, cp := range cps {
		if cp == "" || cp == "TRIM_HORIZON" {
			t.Errorf("shard %s not checkpointed: %q", shard, cp)
		}
	}
}

// SIGTERM (ECS stopping the task) flushes buffers that are not due yet and
// checkpoints them before the process exits.
func TestShutdownFlushes(t *testing.T) {
	p := newPipeline(t, 2)
	c := p.startConsumer(map[string]string{"BUFFER_INTERVAL": "60s"})
	sent := p.produce("a", 300, 500, 0)
	c.waitLog(t, "shard lease taken", 2, 20*time.Second)
	time.Sleep(2 * time.Second) // read, but far from due
	if d := p.collect(); len(d.keys) != 0 {
		t.Fatalf("objects %v written before the interval elapsed", d.keys)
	}
	c.stop(t, 15*time.Second)
	d := p.collect()
	if dups := d.check(t, sent); dups != 0 {
		t.Errorf("%d duplicates", dups)
	}
	for shard, cp := range p.checkpoints() {
		if cp == "" || cp == "TRIM_HORIZON" {
			t.Errorf("shard %s not checkpointed at shutdown: %q", shard, cp)
		}
	}
}

// While S3 refuses writes the consumer retries and does not advance any
// checkpoint; when S3 recovers everything is delivered.
func TestS3OutageNeverAdvancesCheckpoint(t *testing.T) {
	p := newPipeline(t, 2)
	p.startConsumer(nil)
	before := p.produce("before", 400, 800, 0)
	p.waitDelivered(30*time.Second, before)
	time.Sleep(500 * time.Millisecond)
	cps := p.checkpoints()

	failedBefore := p.e.s3.failed.Load()
	p.e.s3.failing.Store(true)
	during := p.produce("during", 400, 800, 0)
	time.Sleep(5 * time.Second) // several flush attempts and lease renewals
	if n := p.e.s3.failed.Load() - failedBefore; n < 2 {
		t.Fatalf("%d PUTs refused during the outage; want retries", n)
	}
	if got := p.checkpoints(); !equalMaps(got, cps) {
		t.Errorf("checkpoints moved during the S3 outage:\nbefore %v\nduring %v", cps, got)
	}
	p.e.s3.failing.Store(false)
	d := p.waitDelivered(60*time.Second, before, during)
	dups := d.check(t, before, during)
	t.Logf("S3 outage of 5 s: %d PUTs refused, %d records delivered, %d duplicates", p.e.s3.failed.Load()-failedBefore, d.records, dups)
	time.Sleep(time.Second)
	if got := p.checkpoints(); equalMaps(got, cps) {
		t.Errorf("checkpoints did not advance after S3 recovered: %v", got)
	}
}

// A consumer killed with SIGKILL mid-stream loses nothing: a new worker
// takes the expired leases and resumes after the last checkpoint. The
// duplicates are bounded by what one buffer interval holds.
func TestKillAndRestart(t *testing.T) {
	p := newPipeline(t, 2)
	first := p.startConsumer(nil)
	const rate, seconds = 400, 8
	done := make(chan *producer.Sent, 1)
	errs := make(chan error, 1)
	go func() {
		sent, err := producer.Run(context.Background(), p.kc, producer.Options{Stream: p.name, RunID: p.name, Size: 500, Rate: rate, Keep: true}, rate*seconds)
		errs <- err
		done <- sent
	}()
	time.Sleep(seconds / 2 * time.Second)
	first.kill(t)
	second := p.startConsumer(nil) // a new task: another worker id; it waits for the leases to expire
	if err := <-errs; err != nil {
		t.Fatalf("producing: %v", err)
	}
	sent := <-done
	d := p.waitDelivered(60*time.Second, sent)
	dups := d.check(t, sent)
	// Unflushed at the kill: at most one interval (1 s) plus one poll of
	// records per shard, and a flush whose checkpoint was not yet written.
	bound := rate * 2
	t.Logf("killed mid-stream: %d records delivered, %d duplicates (bound %d)", d.records, dups, bound)
	if dups > bound {
		t.Errorf("%d duplicates; want at most %d (one buffer interval of records)", dups, bound)
	}
	if !second.logContains("shard lease taken") {
		t.Error("the second worker never took a lease")
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A shard split while consuming (ING-14 resharding): the parent is read to
// its end and checkpointed SHARD_END, then its children are read; nothing is
// lost.
func TestShardSplitWhileConsuming(t *testing.T) {
	p := newPipeline(t, 1)
	p.startConsumer(nil)
	before := p.produce("before", 500, 500, 0)
	p.waitDelivered(30*time.Second, before)

	ctx := context.Background()
	shards, err := p.kc.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(p.name)})
	if err != nil {
		t.Fatal(err)
	}
	parent := aws.ToString(shards.Shards[0].ShardId)
	// Split at the middle of the hash key range: 2^127.
	if _, err := p.kc.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String(p.name), ShardToSplit: aws.String(parent),
		NewStartingHashKey: aws.String("170141183460469231731687303715884105728")}); err != nil {
		t.Fatalf("SplitShard: %v", err)
	}
	p.waitStreamActive()
	after := p.produce("after", 500, 500, 0)
	d := p.waitDelivered(60*time.Second, before, after)
	dups := d.check(t, before, after)
	t.Logf("split %s while consuming: %d records delivered, %d duplicates", parent, d.records, dups)

	var children int
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		cps := p.checkpoints()
		children = 0
		for shard, cp := range cps {
			if shard != parent && cp != "" {
				children++
			}
		}
		if cps[parent] == "SHARD_END" && children == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("lease table %v: want %s at SHARD_END and both children checkpointed", cps, parent)
		}
	}
	var fromChildren int
	for _, k := range d.keys {
		if !strings.Contains(k, "/"+parent+"-") {
			fromChildren++
		}
	}
	if fromChildren == 0 {
		t.Errorf("no object from a child shard: %v", d.keys)
	}
}

// The lease guard turns a checkpoint by a worker that lost its lease into a
// refused conditional write, against the real DynamoDB protocol (dynalite).
func TestLeaseGuardRefusesZombieCheckpoint(t *testing.T) {
	p := newPipeline(t, 1)
	table := aws.String(p.name + "-leases")
	ctx := context.Background()
	item := func(owner, cp string) map[string]ddbtypes.AttributeValue {
		return map[string]ddbtypes.AttributeValue{
			"ShardID":    &ddbtypes.AttributeValueMemberS{Value: "shardId-000000000000"},
			"AssignedTo": &ddbtypes.AttributeValueMemberS{Value: owner},
			"Checkpoint": &ddbtypes.AttributeValueMemberS{Value: cp},
		}
	}
	if _, err := p.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item("new-owner", "200")}); err != nil {
		t.Fatal(err)
	}
	guard := leaseGuard{p.ddb}
	_, err := guard.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item("zombie", "100")})
	if !isLeaseLost(err) {
		t.Fatalf("zombie checkpoint: err = %v; want a ConditionalCheckFailed", err)
	}
	if got := p.checkpoints()["shardId-000000000000"]; got != "200" {
		t.Errorf("checkpoint = %q after the zombie's write; want 200", got)
	}
	if _, err := guard.PutItem(ctx, &dynamodb.PutItemInput{TableName: table, Item: item("new-owner", "300")}); err != nil {
		t.Fatalf("owner's checkpoint refused: %v", err)
	}
	if got := p.checkpoints()["shardId-000000000000"]; got != "300" {
		t.Errorf("checkpoint = %q after the owner's write; want 300", got)
	}
}
