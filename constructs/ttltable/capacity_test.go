package ttltable

import (
	"math"
	"strings"
	"testing"
)

// The notes (catalogue STO-02) only say to provision read and write
// throughput and let auto scaling adjust it; they give no numbers. The
// worked examples are those of the DynamoDB developer guide and the usual
// exam questions on its arithmetic.
func TestCapacity(t *testing.T) {
	for _, c := range []struct {
		name     string
		w        Workload
		rcu, wcu float64
	}{
		// Developer guide: an 8 KB item costs 2 RCU strongly consistent,
		// 1 RCU eventually consistent, 4 RCU transactional.
		{"8 KB strong", Workload{ItemSizeBytes: 8 * 1024, ReadsPerSecond: 1, Consistency: Strong}, 2, 0},
		{"8 KB eventual", Workload{ItemSizeBytes: 8 * 1024, ReadsPerSecond: 1, Consistency: Eventual}, 1, 0},
		{"8 KB transactional", Workload{ItemSizeBytes: 8 * 1024, ReadsPerSecond: 1, Consistency: Transactional}, 4, 0},
		// A 1.5 KB write is rounded up to 2 KB: 2 WCU; transactional 4.
		{"1.5 KB write", Workload{ItemSizeBytes: 1536, WritesPerSecond: 1}, 0, 2},
		{"1.5 KB transactional write", Workload{ItemSizeBytes: 1536, WritesPerSecond: 1, Consistency: Transactional}, 0, 4},
		// 10 strongly consistent reads/s of 6 KB items: 2 units each, 20 RCU.
		{"6 KB x 10 strong", Workload{ItemSizeBytes: 6 * 1024, ReadsPerSecond: 10, Consistency: Strong}, 20, 0},
		// 16 eventually consistent reads/s of 12 KB items: 3 units x 16 / 2 = 24 RCU.
		{"12 KB x 16 eventual", Workload{ItemSizeBytes: 12 * 1024, ReadsPerSecond: 16}, 24, 0},
		// 6 writes/s of 4.5 KB items: 5 units each, 30 WCU.
		{"4.5 KB x 6 writes", Workload{ItemSizeBytes: 4.5 * 1024, WritesPerSecond: 6}, 0, 30},
		// Rounding is per item: 100 reads/s of 1 KB items strongly is 100
		// RCU, not 25 (four 1 KB items do not share a 4 KB unit).
		{"1 KB x 100 strong", Workload{ItemSizeBytes: 1024, ReadsPerSecond: 100, Consistency: Strong}, 100, 0},
		// Eventual halves the total, rounded up at the end: 3 reads/s of
		// 4 KB = 1.5, so 2 RCU.
		{"4 KB x 3 eventual", Workload{ItemSizeBytes: 4096, ReadsPerSecond: 3}, 2, 0},
		// A mixed workload: 50 strong reads and 20 writes per second of
		// 2.5 KB items: 50 RCU and 60 WCU.
		{"2.5 KB mixed", Workload{ItemSizeBytes: 2560, ReadsPerSecond: 50, WritesPerSecond: 20, Consistency: Strong}, 50, 60},
		// The largest item: 400 KB is 100 read units, 400 write units.
		{"400 KB", Workload{ItemSizeBytes: MaxItemSizeBytes, ReadsPerSecond: 1, WritesPerSecond: 1, Consistency: Strong}, 100, 400},
		// Exactly 4 KB and 1 KB are one unit; one byte more is two.
		{"4097 B", Workload{ItemSizeBytes: 4097, ReadsPerSecond: 1, WritesPerSecond: 1, Consistency: Strong}, 2, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			rcu, wcu, err := Capacity(c.w)
			if err != nil {
				t.Fatal(err)
			}
			if rcu != c.rcu || wcu != c.wcu {
				t.Errorf("Capacity(%+v) = %v RCU, %v WCU, want %v, %v", c.w, rcu, wcu, c.rcu, c.wcu)
			}
		})
	}
}

func TestCapacityRejects(t *testing.T) {
	for _, c := range []struct {
		w    Workload
		want string
	}{
		{Workload{ItemSizeBytes: 0, ReadsPerSecond: 1}, "ItemSizeBytes = 0: an item is 1 to 409600 bytes"},
		{Workload{ItemSizeBytes: -5, ReadsPerSecond: 1}, "ItemSizeBytes = -5"},
		{Workload{ItemSizeBytes: MaxItemSizeBytes + 1, ReadsPerSecond: 1}, "ItemSizeBytes = 409601"},
		{Workload{ItemSizeBytes: math.NaN(), ReadsPerSecond: 1}, "ItemSizeBytes = NaN"},
		{Workload{ItemSizeBytes: 100, ReadsPerSecond: -1}, "ReadsPerSecond = -1: a finite rate, zero or more"},
		{Workload{ItemSizeBytes: 100, ReadsPerSecond: math.Inf(1)}, "ReadsPerSecond = +Inf"},
		{Workload{ItemSizeBytes: 100, WritesPerSecond: -2}, "WritesPerSecond = -2"},
		{Workload{ItemSizeBytes: 100}, "ReadsPerSecond = 0 and WritesPerSecond = 0"},
		{Workload{ItemSizeBytes: 100, ReadsPerSecond: 1, Consistency: 7}, "Consistency = Consistency(7): Eventual, Strong or Transactional"},
	} {
		_, _, err := Capacity(c.w)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Capacity(%+v) error = %v, want %q", c.w, err, c.want)
		}
	}
}
