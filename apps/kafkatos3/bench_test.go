package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

// BenchmarkLatency is apps/kinesistos3's BenchmarkLatency for the Kafka
// consumer: the same records (producer.Record JSON of 1 KB), the same loads
// and the production defaults (buffer 5 s / 5 MiB), on one partition of
// kfake (TLS + SCRAM-SHA-512) instead of one shard of kinesalite. Latency is
// a record's SentAt, stamped by the producer just before Produce, to the
// moment the fake S3 stored the object holding it; CPU is the consumer
// process's user + system time.
//
//   - notes: 10 records of 1 KB per second for 60 s;
//   - shard-limit: 1,000 records of 1 KB per second for 30 s.
//
// Run: go test -run '^$' -bench Latency -benchtime 1x ./apps/kafkatos3
// Both brokers are in-process fakes or emulators, so the figures compare
// the clients' paths (poll loop, buffering, S3 write, commit), not MSK with
// Kinesis.
func BenchmarkLatency(b *testing.B) {
	for _, sc := range []struct {
		name              string
		rate, size, count int
	}{
		{"notes-100KB-per-10s", 10, 1000, 600},
		{"shard-limit-1MBps", 1000, 1000, 30000},
	} {
		b.Run(sc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r := runLoad(b, sc.rate, sc.size, sc.count)
				b.ReportMetric(r.p50.Seconds()*1000, "p50-ms")
				b.ReportMetric(r.p99.Seconds()*1000, "p99-ms")
				b.ReportMetric(r.max.Seconds()*1000, "max-ms")
				b.ReportMetric(r.cpuShare*100, "consumer-cpu-%")
				b.ReportMetric(r.cpuPerRecord.Seconds()*1e6, "cpu-us/record")
				b.ReportMetric(float64(r.objects), "objects")
				b.ReportMetric(float64(r.duplicates), "duplicates")
			}
		})
	}
}

type loadResult struct {
	p50, p99, max time.Duration
	cpuShare      float64
	cpuPerRecord  time.Duration
	objects       int
	duplicates    int
}

func runLoad(b *testing.B, rate, size, count int) loadResult {
	p := newPipeline(b, 1)
	start := time.Now()
	c := p.startConsumer(map[string]string{"BUFFER_INTERVAL": "5s", "SHUTDOWN_GRACE": "25s", "SESSION_TIMEOUT": "45s", "LAG_INTERVAL": "60s"})
	c.waitLog(b, "partitions assigned", 1, 30*time.Second)
	sent := p.produce(fmt.Sprintf("bench-%d", rate), count, size, rate)
	d := p.waitDelivered(time.Minute, sent)
	c.stop(b, 30*time.Second)
	wall := time.Since(start)

	lat := make([]time.Duration, 0, len(sent.IDs))
	for _, id := range sent.IDs {
		var rec producer.Record
		if err := json.Unmarshal(d.data[id], &rec); err != nil {
			b.Fatalf("record %s: %v", id, err)
		}
		lat = append(lat, d.stored[id].Sub(time.Unix(0, rec.SentAt)))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	at := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	return loadResult{
		p50: at(0.50), p99: at(0.99), max: lat[len(lat)-1],
		cpuShare:     c.cpu().Seconds() / wall.Seconds(),
		cpuPerRecord: c.cpu() / time.Duration(count),
		objects:      len(d.keys),
		duplicates:   d.check(b, sent),
	}
}
