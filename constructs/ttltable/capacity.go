package ttltable

import (
	"fmt"
	"math"
)

// Consistency is how a workload reads (and, for Transactional, writes).
type Consistency int

const (
	// Eventual reads cost half a read capacity unit per 4 KB.
	Eventual Consistency = iota
	// Strong reads cost one read capacity unit per 4 KB.
	Strong
	// Transactional reads (TransactGetItems) cost two read capacity units
	// per 4 KB, and transactional writes (TransactWriteItems) two write
	// capacity units per 1 KB.
	Transactional
)

func (c Consistency) String() string {
	switch c {
	case Eventual:
		return "eventual"
	case Strong:
		return "strong"
	case Transactional:
		return "transactional"
	}
	return fmt.Sprintf("Consistency(%d)", int(c))
}

// MaxItemSizeBytes is DynamoDB's item size limit (400 KB, attribute names
// included).
const MaxItemSizeBytes = 400 * 1024

const (
	readUnitBytes  = 4 * 1024
	writeUnitBytes = 1024
)

// Workload is the steady traffic a provisioned table must serve.
type Workload struct {
	// ItemSizeBytes is the size of one item (attribute names and values),
	// 1 to 409600 bytes. Reads are billed per started 4 KB of each item,
	// writes per started 1 KB.
	ItemSizeBytes float64
	// ReadsPerSecond and WritesPerSecond are item reads and writes per
	// second, zero or more (not both zero).
	ReadsPerSecond  float64
	WritesPerSecond float64
	// Consistency of the reads; Transactional also doubles the writes.
	Consistency Consistency
}

// Capacity is the provisioned throughput a workload needs, without
// headroom: 1 RCU is one strongly consistent read per second of an item up
// to 4 KB (eventual: two such reads, transactional: half of one), 1 WCU is
// one write per second of an item up to 1 KB (transactional: half of one).
// Item sizes are rounded up per item (a 4.5 KB item is two 4 KB read units
// and five 1 KB write units), then the per-second total is rounded up.
//
// An auto-scaled table sets its maximum at least this high and its target
// utilisation below 100 % to absorb bursts before scaling reacts.
func Capacity(w Workload) (rcu, wcu float64, err error) {
	switch {
	case math.IsNaN(w.ItemSizeBytes) || w.ItemSizeBytes <= 0 || w.ItemSizeBytes > MaxItemSizeBytes:
		return 0, 0, fmt.Errorf("ttltable.Capacity: ItemSizeBytes = %v: an item is 1 to %d bytes (DynamoDB's 400 KB limit)", w.ItemSizeBytes, MaxItemSizeBytes)
	case math.IsNaN(w.ReadsPerSecond) || math.IsInf(w.ReadsPerSecond, 0) || w.ReadsPerSecond < 0:
		return 0, 0, fmt.Errorf("ttltable.Capacity: ReadsPerSecond = %v: a finite rate, zero or more", w.ReadsPerSecond)
	case math.IsNaN(w.WritesPerSecond) || math.IsInf(w.WritesPerSecond, 0) || w.WritesPerSecond < 0:
		return 0, 0, fmt.Errorf("ttltable.Capacity: WritesPerSecond = %v: a finite rate, zero or more", w.WritesPerSecond)
	case w.ReadsPerSecond == 0 && w.WritesPerSecond == 0:
		return 0, 0, fmt.Errorf("ttltable.Capacity: ReadsPerSecond = 0 and WritesPerSecond = 0: a workload reads or writes")
	case w.Consistency < Eventual || w.Consistency > Transactional:
		return 0, 0, fmt.Errorf("ttltable.Capacity: Consistency = %v: Eventual, Strong or Transactional", w.Consistency)
	}
	readUnits := math.Ceil(w.ItemSizeBytes / readUnitBytes)
	writeUnits := math.Ceil(w.ItemSizeBytes / writeUnitBytes)
	readFactor, writeFactor := 1.0, 1.0
	switch w.Consistency {
	case Eventual:
		readFactor = 0.5
	case Transactional:
		readFactor, writeFactor = 2, 2
	}
	rcu = math.Ceil(w.ReadsPerSecond * readUnits * readFactor)
	wcu = math.Ceil(w.WritesPerSecond * writeUnits * writeFactor)
	return rcu, wcu, nil
}
