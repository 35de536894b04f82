package main

import (
	"regexp"
	"testing"
	"time"
)

var keyPattern = regexp.MustCompile(`^sensor-data/year=\d{4}/month=\d{2}/day=\d{2}/hour=\d{2}/readings-\d+-\d{20}-\d{20}\.jsonl$`)

// Records produced to a three-partition topic all land in S3 once, byte for
// byte, under hour partitions; every partition's offset is committed.
func TestEndToEndDelivery(t *testing.T) {
	p := newPipeline(t, 3)
	c := p.startConsumer(nil)
	sent := p.produce("a", 3000, 1000, 0)
	d := p.waitDelivered(30*time.Second, sent)
	if dups := d.check(t, sent); dups != 0 {
		t.Errorf("%d duplicates without any fault; want 0", dups)
	}
	if len(d.keys) < 3 {
		t.Errorf("objects %v: want at least one per partition", d.keys)
	}
	for _, k := range d.keys {
		if !keyPattern.MatchString(k) {
			t.Errorf("object key %q does not match %s", k, keyPattern)
		}
	}
	c.waitLog(t, `"OffsetLag"`, 1, 10*time.Second)
	c.stop(t, 15*time.Second)
	total := int64(0)
	for part, off := range p.committed() {
		if off <= 0 {
			t.Errorf("partition %d not committed: %d", part, off)
		}
		total += off
	}
	if total != 3000 {
		t.Errorf("committed offsets sum to %d; want 3000 (every record)", total)
	}
}

// SIGTERM (ECS stopping the task) flushes buffers that are not due yet and
// commits them before the process leaves the group.
func TestShutdownFlushes(t *testing.T) {
	p := newPipeline(t, 2)
	c := p.startConsumer(map[string]string{"BUFFER_INTERVAL": "60s"})
	c.waitLog(t, "partitions assigned", 1, 20*time.Second)
	sent := p.produce("a", 300, 500, 0)
	time.Sleep(2 * time.Second) // read, far from due
	if d := p.collect(); len(d.keys) != 0 {
		t.Fatalf("objects %v written before the interval elapsed", d.keys)
	}
	c.stop(t, 15*time.Second)
	if dups := p.collect().check(t, sent); dups != 0 {
		t.Errorf("%d duplicates", dups)
	}
	var total int64
	for _, off := range p.committed() {
		total += off
	}
	if total != 300 {
		t.Errorf("committed offsets sum to %d at shutdown; want 300", total)
	}
}

// While S3 refuses writes nothing is committed; when it recovers everything
// is delivered and committed.
func TestS3OutageNeverCommits(t *testing.T) {
	p := newPipeline(t, 2)
	c := p.startConsumer(nil)
	before := p.produce("before", 400, 800, 0)
	p.waitDelivered(30*time.Second, before)
	time.Sleep(500 * time.Millisecond)
	committed := p.committed()

	p.h.s3.failing.Store(true)
	during := p.produce("during", 400, 800, 0)
	for deadline := time.Now().Add(10 * time.Second); p.h.s3.failed.Load() < 4 && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
	}
	time.Sleep(2 * time.Second)
	if got := p.committed(); !equalOffsets(got, committed) {
		t.Errorf("offsets moved during the outage: %v -> %v", committed, got)
	}
	p.h.s3.failing.Store(false)
	d := p.waitDelivered(60*time.Second, before, during)
	if dups := d.check(t, before, during); dups != 0 {
		t.Errorf("%d duplicates after an outage without restart; want 0", dups)
	}
	c.waitLog(t, `"S3PutFailures"`, 1, time.Second)
	c.stop(t, 15*time.Second)
	var total int64
	for _, off := range p.committed() {
		total += off
	}
	if total != 800 {
		t.Errorf("committed offsets sum to %d; want 800", total)
	}
}

// A second consumer joining takes partitions away from the first, which
// flushes them before the revoke completes; the first is then killed without
// any flush, and the second takes every partition over from the committed
// offsets: no record is lost, and the duplicates are at most what the killed
// consumer had buffered.
func TestRevocationAndCrashLoseNothing(t *testing.T) {
	p := newPipeline(t, 4)
	a := p.startConsumer(map[string]string{"BUFFER_INTERVAL": "3s"})
	a.waitLog(t, "partitions assigned", 1, 20*time.Second)
	first := p.produce("first", 2000, 500, 1000) // 2 s of traffic
	b := p.startConsumer(map[string]string{"BUFFER_INTERVAL": "3s"})
	second := p.produce("second", 2000, 500, 1000)
	a.waitLog(t, "partitions revoked", 1, 30*time.Second)
	b.waitLog(t, "partitions assigned", 1, 30*time.Second)
	p.waitDelivered(30*time.Second, first, second)
	if a.logCount(`"FlushReason":"revoked"`) == 0 {
		t.Error("the first consumer wrote no object for the partitions it gave up (flush before revoke)")
	}

	// Records a has read but not flushed when it dies.
	third := p.produce("third", 1000, 500, 0)
	time.Sleep(500 * time.Millisecond)
	a.kill(t)
	d := p.waitDelivered(60*time.Second, first, second, third)
	dups := d.check(t, first, second, third)
	if dups > 1000 {
		t.Errorf("%d duplicates; want at most the 1000 records the killed consumer could have buffered", dups)
	}
	t.Logf("duplicates after revocation and a crash: %d (bounded by one unflushed buffer per partition)", dups)
	b.stop(t, 15*time.Second)
	var total int64
	for _, off := range p.committed() {
		total += off
	}
	if total != 5000 {
		t.Errorf("committed offsets sum to %d; want 5000", total)
	}
}

func equalOffsets(a, b map[int32]int64) bool {
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
