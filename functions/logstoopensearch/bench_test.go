package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
)

// BenchmarkBuild turns a 1 MB batch (about 4,000 events, half of them JSON)
// into _bulk bodies: the loader's own work per invocation, without the
// network.
func BenchmarkBuild(b *testing.B) {
	var evs []cwlogs.LogEvent
	size := 0
	for i := 0; size < 1<<20; i++ {
		msg := fmt.Sprintf("2026-11-25T10:00:00Z INFO request %d served in 12 ms path=/orders/%d", i, i)
		if i%2 == 0 {
			msg = fmt.Sprintf(`{"level":"INFO","request":%d,"latency_ms":12,"path":"/orders/%d","user":{"id":"u-%d","country":"KR"}}`, i, i, i)
		}
		msg += strings.Repeat(" ", 160-len(msg)%160)
		evs = append(evs, cwlogs.LogEvent{ID: fmt.Sprintf("3700000000000000000000000000000000000000000000000%07d", i), Timestamp: t0 + int64(i), Message: msg})
		size += len(msg)
	}
	env := envelope(evs...)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		docs := BuildDocs(&env, "logs")
		bulkBodies(docs, nil, all(len(docs)))
	}
	b.ReportMetric(float64(len(evs))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
