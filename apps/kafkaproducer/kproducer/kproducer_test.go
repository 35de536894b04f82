package kproducer

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

// Records are acknowledged by all replicas, keyed by device, and are the
// sensor readings kinesisproducer writes, padded to the size.
func TestRunAgainstKfake(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(3), kfake.SeedTopics(2, "readings"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	opts, err := ProducerOpts(5*time.Millisecond, 1<<20, "lz4")
	if err != nil {
		t.Fatal(err)
	}
	cl, err := kgo.NewClient(append(opts, kgo.SeedBrokers(c.ListenAddrs()...))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	sent, err := Run(context.Background(), cl, Options{Topic: "readings", RunID: "r", Size: 300, Rate: 1000, Devices: 4, Keep: true}, 200)
	if err != nil || len(sent.Acked) != 200 || sent.Failures != 0 {
		t.Fatalf("sent %d acked %d failures %d: %v", len(sent.IDs), len(sent.Acked), sent.Failures, err)
	}
	var rec producer.Record
	if err := json.Unmarshal(sent.Data["r-00000007"], &rec); err != nil || rec.Device != "sensor-003" || len(sent.Data["r-00000007"]) != 300 {
		t.Errorf("record %s: %v", sent.Data["r-00000007"], err)
	}

	rd, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumeTopics("readings"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	got := 0
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for got < 200 && ctx.Err() == nil {
		rd.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
			var x producer.Record
			if json.Unmarshal(r.Value, &x) == nil && string(r.Key) == x.Device {
				got++
			}
		})
	}
	if got != 200 {
		t.Errorf("read back %d keyed records, want 200", got)
	}
	if _, err := ProducerOpts(0, 1, "gzip9"); err == nil {
		t.Error("unknown compression accepted")
	}
	if _, err := Run(context.Background(), cl, Options{}, 1); err == nil {
		t.Error("no topic accepted")
	}
}
