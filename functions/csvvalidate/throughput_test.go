package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
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

// TestThroughput prints the validator's throughput on the benchmark file in
// MB per second of CPU time and of wall time (best run), the same measures
// python/bench.py prints. It runs only with CSVVALIDATE_THROUGHPUT=<runs>:
// on a shared machine CPU time is the fair measure (docs/performance.md).
func TestThroughput(t *testing.T) {
	runs, _ := strconv.Atoi(os.Getenv("CSVVALIDATE_THROUGHPUT"))
	if runs <= 0 {
		t.Skip("set CSVVALIDATE_THROUGHPUT=<runs>")
	}
	data := benchFile(benchRows)
	v := NewValidator(ordersSchema())
	bestWall, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
	for range runs {
		w, c := time.Now(), cpuTime()
		res, err := v.Validate(bytes.NewReader(data))
		dw, dc := time.Since(w), cpuTime()-c
		if err != nil || res.Verdict != Valid {
			t.Fatal(err, res)
		}
		bestWall, bestCPU = min(bestWall, dw), min(bestCPU, dc)
	}
	mb := float64(len(data)) / 1e6
	fmt.Printf(`{"what": "go validate", "bytes": %d, "rows": %d, "wall_s": %.4f, "MBps_wall": %.1f, "cpu_s": %.4f, "MBps_cpu": %.1f}`+"\n",
		len(data), benchRows, bestWall.Seconds(), mb/bestWall.Seconds(), bestCPU.Seconds(), mb/bestCPU.Seconds())
}
