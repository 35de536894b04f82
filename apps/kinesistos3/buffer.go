package main

import (
	"bytes"
	"time"
)

// buffer holds the records of one shard that are not yet in S3: the
// records to deliver, and the records the schema registry rejected (written
// beside them under _rejected/, so that the checkpoint can move past them).
type buffer struct {
	data      bytes.Buffer
	rejected  bytes.Buffer
	records   int // both kinds
	rejects   int
	firstSeq  string
	lastSeq   string
	oldest    time.Time // arrival time of the oldest record in the buffer
	firstSeen time.Time // when this process received the oldest record
}

// add appends one record, followed by a newline unless it ends with one.
// arrival is the record's Kinesis arrival time (zero when unknown).
func (b *buffer) add(data []byte, seq string, arrival, now time.Time) {
	b.note(seq, arrival, now)
	appendLine(&b.data, data)
}

// addRejected appends the line describing a rejected record.
func (b *buffer) addRejected(line []byte, seq string, arrival, now time.Time) {
	b.note(seq, arrival, now)
	appendLine(&b.rejected, line)
	b.rejects++
}

func appendLine(w *bytes.Buffer, data []byte) {
	w.Write(data)
	if len(data) == 0 || data[len(data)-1] != '\n' {
		w.WriteByte('\n')
	}
}

// note counts one record and keeps the sequence range and the age.
func (b *buffer) note(seq string, arrival, now time.Time) {
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
	b.records++
	b.lastSeq = seq
}

func (b *buffer) empty() bool { return b.records == 0 }

func (b *buffer) size() int { return b.data.Len() + b.rejected.Len() }

// age is how long the oldest buffered record has been waiting.
func (b *buffer) age(now time.Time) time.Duration {
	if b.records == 0 {
		return 0
	}
	return now.Sub(b.oldest)
}

func (b *buffer) reset() {
	b.data.Reset()
	b.rejected.Reset()
	b.records, b.rejects = 0, 0
	b.firstSeq, b.lastSeq = "", ""
	b.oldest, b.firstSeen = time.Time{}, time.Time{}
}
