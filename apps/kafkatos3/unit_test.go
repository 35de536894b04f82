package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := LoadConfig(env(map[string]string{"BOOTSTRAP_BROKERS": "b-1.x:9098, b-2.x:9098", "TOPIC": "t", "GROUP_ID": "g", "BUCKET": "b", "AWS_REGION": "eu-west-1"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Brokers) != 2 || c.Auth != "iam" || c.Prefix != "data" || c.BufferInterval != 5*time.Second || c.BufferBytes != 5<<20 ||
		c.StartOffset != "earliest" || c.SessionTimeout != 45*time.Second || c.ShutdownGrace != 25*time.Second || c.MetricNamespace != "CdkDataPatterns/KafkaToS3" {
		t.Errorf("defaults: %+v", c)
	}
}

func TestConfigReportsEveryProblem(t *testing.T) {
	_, err := LoadConfig(env(map[string]string{"BOOTSTRAP_BROKERS": "nohost", "AUTH": "plaintext", "BUFFER_INTERVAL": "1h", "BUFFER_BYTES": "12", "START_OFFSET": "middle", "SESSION_TIMEOUT": "x"}))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"TOPIC is required", "GROUP_ID is required", "BUCKET is required", `"nohost" is not host:port`,
		"there is no plaintext", "BUFFER_INTERVAL=1h0m0s is outside", "BUFFER_BYTES=12 is outside", `START_OFFSET="middle"`, `SESSION_TIMEOUT="x" is not a duration`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	_, err = LoadConfig(env(map[string]string{"BOOTSTRAP_BROKERS": "a:1", "TOPIC": "t", "GROUP_ID": "g", "BUCKET": "b"}))
	if err == nil || !strings.Contains(err.Error(), "AWS_REGION is required") {
		t.Errorf("IAM without a region: %v", err)
	}
	_, err = LoadConfig(env(map[string]string{"BOOTSTRAP_BROKERS": "a:1", "TOPIC": "t", "GROUP_ID": "g", "BUCKET": "b", "AUTH": "SCRAM-SHA-512"}))
	if err == nil || !strings.Contains(err.Error(), "SASL_USERNAME and SASL_PASSWORD") {
		t.Errorf("SCRAM without credentials: %v", err)
	}
}

func TestObjectKey(t *testing.T) {
	got := objectKey("iot", time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("x", 3600)), "readings", 7, 12, 345)
	want := "iot/year=2026/month=03/day=04/hour=04/readings-7-00000000000000000012-00000000000000000345.jsonl"
	if got != want {
		t.Errorf("key %q, want %q", got, want)
	}
}

type fakePutter struct {
	fail int // refuse this many writes first
	keys []string
	body map[string]string
}

func (f *fakePutter) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	if f.fail > 0 {
		f.fail--
		return nil, errors.New("SlowDown")
	}
	b, _ := io.ReadAll(in.Body)
	f.keys = append(f.keys, aws.ToString(in.Key))
	if f.body == nil {
		f.body = map[string]string{}
	}
	f.body[aws.ToString(in.Key)] = string(b)
	return &s3.PutObjectOutput{}, nil
}

type fakeCommitter struct{ commits []map[int32]kgo.EpochOffset }

func (f *fakeCommitter) CommitOffsetsSync(_ context.Context, offs map[string]map[int32]kgo.EpochOffset,
	onDone func(*kgo.Client, *kmsg.OffsetCommitRequest, *kmsg.OffsetCommitResponse, error)) {
	f.commits = append(f.commits, offs["t"])
	onDone(nil, nil, nil, nil)
}

func testConsumer(put *fakePutter, com *fakeCommitter, out io.Writer) (*Consumer, *time.Time) {
	cfg := Config{Topic: "t", Prefix: "p", BufferInterval: 5 * time.Second, BufferBytes: 1 << 10, RevokeTimeout: time.Second}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	m := NewMetrics(out, "ns", "t", "g")
	c := NewConsumer(cfg, com, &Sink{S3: put, Bucket: "b", InitialBackoff: time.Millisecond, MaxBackoff: time.Millisecond, Log: log, Metrics: m}, m, log)
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	c.now = func() time.Time { return now }
	return c, &now
}

func recs(from, n int64, ts time.Time, size int) []*kgo.Record {
	var out []*kgo.Record
	for i := int64(0); i < n; i++ {
		out = append(out, &kgo.Record{Offset: from + i, Timestamp: ts, Value: bytes.Repeat([]byte("x"), size), LeaderEpoch: 3})
	}
	return out
}

// A buffer is written when due, then its offset (last + 1) committed; an
// S3 write that never succeeds commits nothing and keeps the records.
func TestFlushThenCommit(t *testing.T) {
	put, com := &fakePutter{}, &fakeCommitter{}
	var metrics bytes.Buffer
	c, now := testConsumer(put, com, &metrics)
	c.Add(0, 10, recs(0, 3, now.Add(-time.Second), 10))
	if err := c.FlushDue(context.Background()); err != nil || len(put.keys) != 0 {
		t.Fatalf("flushed before due: %v %v", put.keys, err)
	}
	*now = now.Add(4 * time.Second)
	if err := c.FlushDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(put.keys) != 1 || put.keys[0] != "p/year=2026/month=01/day=02/hour=03/t-0-00000000000000000000-00000000000000000002.jsonl" {
		t.Fatalf("keys %v", put.keys)
	}
	if len(com.commits) != 1 || com.commits[0][0] != (kgo.EpochOffset{Epoch: 3, Offset: 3}) {
		t.Fatalf("commits %v", com.commits)
	}
	if lag := c.Lag(); lag != 7 {
		t.Errorf("lag %d, want 10 - 3", lag)
	}
	if !strings.Contains(metrics.String(), `"FlushReason":"interval"`) {
		t.Errorf("metrics %s", metrics.String())
	}

	// Size: 1 KiB reached. S3 down until ctx ends: no commit, records kept.
	put.fail = 1 << 30
	c.Add(0, 200, recs(3, 100, *now, 20))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := c.FlushDue(ctx); !errors.Is(err, errGaveUp) {
		t.Fatalf("FlushDue during an outage: %v", err)
	}
	if len(com.commits) != 1 {
		t.Fatalf("committed during an outage: %v", com.commits)
	}
	put.fail = 0
	if err := c.FlushAll(context.Background(), "shutdown"); err != nil {
		t.Fatal(err)
	}
	if len(com.commits) != 2 || com.commits[1][0].Offset != 103 || strings.Count(put.body[put.keys[1]], "\n") != 100 {
		t.Fatalf("after recovery: commits %v keys %v", com.commits, put.keys)
	}
	if !strings.Contains(metrics.String(), `"S3PutFailures":1`) {
		t.Error("no S3PutFailures metric")
	}
}

// Revoked partitions are flushed and committed before the rebalance goes
// on; lost partitions are dropped without a commit.
func TestRevokedAndLost(t *testing.T) {
	put, com := &fakePutter{}, &fakeCommitter{}
	c, now := testConsumer(put, com, io.Discard)
	c.Add(0, 5, recs(0, 5, *now, 10))
	c.Add(1, 5, recs(0, 5, *now, 10))
	c.Add(2, 5, recs(0, 5, *now, 10))
	c.Revoked(context.Background(), map[string][]int32{"t": {0, 1}, "other": {0}})
	if len(put.keys) != 2 || len(com.commits) != 2 {
		t.Fatalf("revoke: keys %v commits %v", put.keys, com.commits)
	}
	c.Lost(map[string][]int32{"t": {2}})
	if err := c.FlushAll(context.Background(), "shutdown"); err != nil || len(put.keys) != 2 || len(com.commits) != 2 {
		t.Fatalf("a lost partition was written or committed: %v %v %v", put.keys, com.commits, err)
	}
	if c.Lag() != 0 {
		t.Errorf("lag of forgotten partitions: %d", c.Lag())
	}
}
