package main

import (
	"math/rand/v2"
	"testing"
	"time"
)

func checkTimestamp(t *testing.T, tm time.Time) {
	if got, want := string(appendTimestamp(nil, tm)), tm.UTC().Format(timeLayout); got != want {
		t.Fatalf("appendTimestamp(%v) = %s, want %s", tm, got, want)
	}
}

func TestAppendTimestamp(t *testing.T) {
	for _, tm := range []time.Time{{}, time.Unix(0, 0), time.UnixMilli(1795600800250),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 25, 19, 0, 5, 250e6, time.FixedZone("KST", 9*3600))} {
		checkTimestamp(t, tm)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		checkTimestamp(t, time.Unix(rng.Int64N(1<<40)-1<<39, rng.Int64N(1e9)))
	}
}
