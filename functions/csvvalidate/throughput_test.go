package main

import (
	"bytes"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkThroughputCPU validates the benchmark file and reports the
// throughput in MB per second of process CPU time ("MB/s-cpu"), the measure
// python/bench.py prints too: on a shared machine CPU time is the fair
// comparison (docs/performance.md). go test -bench's own MB/s is wall time.
func BenchmarkThroughputCPU(b *testing.B) {
	data := benchFile(benchRows)
	v := NewValidator(ordersSchema())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	start := cpuTime()
	for range b.N {
		res, err := v.Validate(bytes.NewReader(data))
		if err != nil || res.Verdict != Valid {
			b.Fatal(err, res)
		}
	}
	cpu := (cpuTime() - start).Seconds()
	b.ReportMetric(float64(len(data))*float64(b.N)/1e6/cpu, "MB/s-cpu")
}
