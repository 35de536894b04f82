package main

import (
	"bytes"
	"time"
)

// buffer holds the records of one shard that are not yet in S3.
type buffer struct {
	data      bytes.Buffer
	records   int
	firstSeq  string
	lastSeq   string
	oldest    time.Time // arrival time of the oldest record in the buffer
	firstSeen time.Time // when this process received the oldest record
}

// add appends one record, followed by a newline unless it ends with one.
// arrival is the record's Kinesis arrival time (zero when unknown).
func (b *buffer) add(data []byte, seq string, arrival, now time.Time) {
	if b.records == 0 {
		b.firstSeq = seq
		b.firstSeen = now
		b.oldest = now
		// Kinesis's clock decides the age, so a record that waited in the
		// stream is flushed sooner; a clock ahead of ours is ignored.
		if !arrival.IsZero() && arrival.Before(now) {
			b.oldest = arrival
		}
	}
	b.data.Write(data)
	if len(data) == 0 || data[len(data)-1] != '\n' {
		b.data.WriteByte('\n')
	}
	b.records++
	b.lastSeq = seq
}

func (b *buffer) empty() bool { return b.records == 0 }

func (b *buffer) size() int { return b.data.Len() }

// age is how long the oldest buffered record has been waiting.
func (b *buffer) age(now time.Time) time.Duration {
	if b.records == 0 {
		return 0
	}
	return now.Sub(b.oldest)
}

func (b *buffer) reset() {
	b.data.Reset()
	b.records = 0
	b.firstSeq, b.lastSeq = "", ""
	b.oldest, b.firstSeen = time.Time{}, time.Time{}
}
