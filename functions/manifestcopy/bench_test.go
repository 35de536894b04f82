package main

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkBuildManifest builds the manifest and batch id of 10,000 files
// with Firehose-like keys: the function's own work for ten full batches.
func BenchmarkBuildManifest(b *testing.B) {
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	objs := make([]Object, 10000)
	for i := range objs {
		objs[i] = Object{
			Key:          fmt.Sprintf("incoming/2026/11/25/%02d/orders-stream-1-2026-11-25-%02d-%02d-%02d-%08x-%04d.csv.gz", i/600%24, i/600%24, i/10%60, i%60, i*2654435761, i),
			Size:         int64(64<<20 + i),
			LastModified: t0,
		}
	}
	table := Table{"analytics", "events"}
	var size int
	b.ReportAllocs()
	for b.Loop() {
		m, err := BuildManifest("lake-eu-west-1-111111111111", objs)
		if err != nil {
			b.Fatal(err)
		}
		_ = BatchID(table, m)
		size = len(m)
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(len(objs))*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
}
