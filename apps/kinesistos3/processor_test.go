package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	kcl "github.com/vmware/vmware-go-kcl-v2/clientlibrary/interfaces"
)

// putter is an in-memory S3 that can fail the next n writes.
type putter struct {
	objects map[string][]byte
	order   []string
	failN   int
	calls   int
}

func (p *putter) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	p.calls++
	if p.failN > 0 {
		p.failN--
		return nil, errors.New("SlowDown: injected")
	}
	b, _ := io.ReadAll(in.Body)
	if p.objects == nil {
		p.objects = map[string][]byte{}
	}
	p.objects[aws.ToString(in.Key)] = b
	p.order = append(p.order, aws.ToString(in.Key))
	return &s3.PutObjectOutput{}, nil
}

// checkpointer records checkpoints; err is returned by the next calls.
type checkpointer struct {
	seqs []string // "" for SHARD_END (nil)
	err  error
}

func (c *checkpointer) Checkpoint(seq *string) error {
	if c.err != nil {
		return c.err
	}
	c.seqs = append(c.seqs, aws.ToString(seq))
	return nil
}

func (c *checkpointer) PrepareCheckpoint(*string) (kcl.IPreparedCheckpointer, error) {
	return nil, errors.New("not used")
}

type harness struct {
	t      *testing.T
	clock  time.Time
	s3     *putter
	cp     *checkpointer
	p      *processor
	sleeps []time.Duration
	cancel context.CancelFunc
}

func newHarness(t *testing.T, mutate func(*Config)) *harness {
	h := &harness{t: t, clock: time.Date(2026, 11, 25, 9, 59, 58, 0, time.UTC), s3: &putter{}, cp: &checkpointer{}}
	cfg := Config{Prefix: "iot-data", BufferInterval: 5 * time.Second, BufferBytes: 5 << 20, Compression: "none", StreamName: "s"}
	if mutate != nil {
		mutate(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	sink := &Sink{S3: h.s3, Bucket: "b", Compression: cfg.Compression, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 400 * time.Millisecond, Log: log}
	sink.sleep = func(ctx context.Context, d time.Duration) error {
		h.sleeps = append(h.sleeps, d)
		return ctx.Err()
	}
	f := &processorFactory{cfg: cfg, sink: sink, log: log, shutdownCtx: ctx, now: func() time.Time { return h.clock }}
	h.p = f.CreateProcessor().(*processor)
	h.p.Initialize(&kcl.InitializationInput{ShardId: "shardId-000000000001"})
	return h
}

func rec(seq, data string, arrival time.Time) types.Record {
	r := types.Record{SequenceNumber: aws.String(seq), Data: []byte(data), PartitionKey: aws.String("k")}
	if !arrival.IsZero() {
		r.ApproximateArrivalTimestamp = aws.Time(arrival)
	}
	return r
}

func (h *harness) poll(records ...types.Record) {
	h.p.ProcessRecords(&kcl.ProcessRecordsInput{Records: records, Checkpointer: h.cp})
}

func (h *harness) advance(d time.Duration) { h.clock = h.clock.Add(d) }

func TestFlushesWhenIntervalElapsesEvenWithoutNewRecords(t *testing.T) {
	h := newHarness(t, nil)
	h.poll(rec("100", `{"a":1}`, time.Time{}), rec("101", `{"a":2}`, time.Time{}))
	h.advance(4900 * time.Millisecond)
	h.poll()
	if len(h.s3.order) != 0 {
		t.Fatalf("flushed before the interval: %v", h.s3.order)
	}
	h.advance(100 * time.Millisecond)
	h.poll() // an empty poll: the KCL calls ProcessRecords for it
	if len(h.s3.order) != 1 {
		t.Fatalf("objects %v; want one after 5 s", h.s3.order)
	}
	key := h.s3.order[0]
	if want := "iot-data/year=2026/month=11/day=25/hour=09/shardId-000000000001-100-101.jsonl"; key != want {
		t.Errorf("key %q; want %q", key, want)
	}
	if got := string(h.s3.objects[key]); got != "{\"a\":1}\n{\"a\":2}\n" {
		t.Errorf("body %q", got)
	}
	if strings.Join(h.cp.seqs, ",") != "101" {
		t.Errorf("checkpoints %v; want [101]", h.cp.seqs)
	}
}

func TestAgeCountsFromKinesisArrival(t *testing.T) {
	h := newHarness(t, nil)
	// The record waited 4 s in the stream (consumer lagging): 1 s to go.
	h.poll(rec("100", "x", h.clock.Add(-4*time.Second)))
	h.advance(time.Second)
	h.poll()
	if len(h.s3.order) != 1 {
		t.Fatalf("objects %v; want the record flushed 5 s after it arrived", h.s3.order)
	}
	// The partition is the hour the record arrived in (09), not the flush's.
	if !strings.Contains(h.s3.order[0], "/hour=09/") {
		t.Errorf("key %s", h.s3.order[0])
	}
}

func TestSizeFlushKeepsObjectsUnderTheLimitAndAggregatesWhole(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.BufferBytes = 1024 })
	data := strings.Repeat("d", 299) // 300 bytes with the newline
	// 1-3 are plain records, 4 is a KPL aggregate of three user records
	// (same sequence number), 5 is plain.
	h.poll(rec("1", data, time.Time{}), rec("2", data, time.Time{}), rec("3", data, time.Time{}),
		rec("4", data, time.Time{}), rec("4", data, time.Time{}), rec("4", data, time.Time{}), rec("5", data, time.Time{}))
	want := []string{"1-3", "4-4"}
	if len(h.s3.order) != len(want) {
		t.Fatalf("objects %v; want ranges %v", h.s3.order, want)
	}
	for i, k := range h.s3.order {
		if !strings.HasSuffix(k, "-"+want[i]+".jsonl") {
			t.Errorf("object %d is %s; want range %s", i, k, want[i])
		}
	}
	if n := len(h.s3.objects[h.s3.order[0]]); n > 1024 {
		t.Errorf("first object %d bytes; limit 1024", n)
	}
	if n := bytes.Count(h.s3.objects[h.s3.order[1]], []byte("\n")); n != 3 {
		t.Errorf("aggregate split: second object holds %d records; want all 3", n)
	}
	if strings.Join(h.cp.seqs, ",") != "3,4" {
		t.Errorf("checkpoints %v; want [3 4]", h.cp.seqs)
	}
}

func TestS3FailureRetriesWithBackoffBeforeCheckpoint(t *testing.T) {
	h := newHarness(t, nil)
	h.s3.failN = 4
	h.poll(rec("7", "x", time.Time{}))
	h.advance(5 * time.Second)
	h.poll()
	if h.s3.calls != 5 || len(h.s3.order) != 1 {
		t.Fatalf("%d PUT calls, %d stored; want 4 failures then 1 success", h.s3.calls, len(h.s3.order))
	}
	if strings.Join(h.cp.seqs, ",") != "7" {
		t.Errorf("checkpoints %v; want [7] once, after the successful write", h.cp.seqs)
	}
	// Backoff doubles from 100 ms and is capped at 400 ms, jittered to [d/2, d].
	caps := []time.Duration{100, 200, 400, 400}
	for i, d := range h.sleeps {
		c := caps[i] * time.Millisecond
		if d < c/2 || d > c {
			t.Errorf("pause %d = %s; want within [%s, %s]", i, d, c/2, c)
		}
	}
}

func TestShutdownDeadlineDuringS3FailureDoesNotCheckpoint(t *testing.T) {
	h := newHarness(t, nil)
	h.s3.failN = 1000
	h.poll(rec("7", "x", time.Time{}))
	h.cancel() // the grace period after SIGTERM is over
	h.p.Shutdown(&kcl.ShutdownInput{ShutdownReason: kcl.REQUESTED, Checkpointer: h.cp})
	if len(h.cp.seqs) != 0 {
		t.Errorf("checkpointed %v although S3 never accepted the records", h.cp.seqs)
	}
}

func TestLeaseLossStopsTheShard(t *testing.T) {
	h := newHarness(t, nil)
	h.cp.err = &ddbtypes.ConditionalCheckFailedException{Message: aws.String("The conditional request failed")}
	h.poll(rec("1", "x", time.Time{}))
	h.advance(5 * time.Second)
	h.poll()
	h.poll(rec("2", "y", time.Time{}))
	h.advance(5 * time.Second)
	h.poll()
	if len(h.s3.order) != 1 || !h.p.lost {
		t.Errorf("objects %v, lost=%v; want one write, then nothing after the refused checkpoint", h.s3.order, h.p.lost)
	}
}

func TestShutdownReasons(t *testing.T) {
	for _, tc := range []struct {
		reason      kcl.ShutdownReason
		checkpoints string
	}{
		{kcl.REQUESTED, "9"},  // SIGTERM: store and checkpoint
		{kcl.TERMINATE, "9,"}, // shard end: store, checkpoint, then SHARD_END
		{kcl.ZOMBIE, ""},      // lease lost: store, never checkpoint
	} {
		t.Run(aws.ToString(kcl.ShutdownReasonMessage(tc.reason)), func(t *testing.T) {
			h := newHarness(t, nil)
			h.poll(rec("9", "x", time.Time{}))
			h.p.Shutdown(&kcl.ShutdownInput{ShutdownReason: tc.reason, Checkpointer: h.cp})
			if len(h.s3.order) != 1 {
				t.Errorf("objects %v; want the buffer stored", h.s3.order)
			}
			if got := strings.Join(h.cp.seqs, ","); got != tc.checkpoints {
				t.Errorf("checkpoints %q; want %q", got, tc.checkpoints)
			}
		})
	}
}

func TestGzipObjects(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Compression = "gzip" })
	h.poll(rec("1", `{"a":1}`, time.Time{}))
	h.advance(5 * time.Second)
	h.poll()
	key := h.s3.order[0]
	if !strings.HasSuffix(key, ".jsonl.gz") {
		t.Fatalf("key %s", key)
	}
	zr, err := gzip.NewReader(bytes.NewReader(h.s3.objects[key]))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if string(body) != "{\"a\":1}\n" {
		t.Errorf("body %q", body)
	}
}
