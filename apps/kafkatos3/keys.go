package main

import (
	"fmt"
	"time"
)

// objectKey names the object holding one flush of a partition:
//
//	<prefix>/year=YYYY/month=MM/day=DD/hour=HH/<topic>-<partition>-<first offset>-<last offset>.jsonl
//
// The hour is the UTC timestamp of the first record (the producer's create
// time, or the broker's append time on a LogAppendTime topic), so a replay of
// the same buffer lands on the same key and overwrites it. Offsets are
// zero-padded to 20 digits so that keys list in offset order.
func objectKey(prefix string, t time.Time, topic string, partition int32, first, last int64) string {
	t = t.UTC()
	return fmt.Sprintf("%s/year=%04d/month=%02d/day=%02d/hour=%02d/%s-%d-%020d-%020d.jsonl",
		prefix, t.Year(), int(t.Month()), t.Day(), t.Hour(), topic, partition, first, last)
}
