package main

import (
	"fmt"
	"time"
)

// objectKey names the object holding one flush of a shard:
//
//	<prefix>/year=YYYY/month=MM/day=DD/hour=HH/<shard>-<first seq>-<last seq>.<ext>
//
// The hour is the UTC arrival time of the oldest record, so a replay of the
// same records lands on the same key. Shard and sequence numbers make the key
// unique: the notes' iot-data/{epoch}.json collides as soon as two shards (or
// two workers) flush in the same second, and the later write silently
// replaces the earlier one.
func objectKey(prefix string, t time.Time, shard, firstSeq, lastSeq, ext string) string {
	t = t.UTC()
	return fmt.Sprintf("%s/year=%04d/month=%02d/day=%02d/hour=%02d/%s-%s-%s.%s",
		prefix, t.Year(), int(t.Month()), t.Day(), t.Hour(), shard, firstSeq, lastSeq, ext)
}
