package main

import (
	"context"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

// batch converts the records of one invocation. Their JSON is appended to
// blocks of blockSize bytes, and each Ok result is a slice of a block, so
// that a batch costs a few allocations rather than one per record, and
// memory in proportion to its output. (When a record outgrows its block,
// append moves the block; earlier results keep the old array, and nothing
// is written over them.)
type batch struct {
	conv *Converter
	buf  []byte
	rows int // rows converted (including records the response limit then turned away)
}

const blockSize = 512 << 10

func newBatch(conv *Converter) *batch {
	return &batch{conv: conv}
}

// transform is the batch's firehoseproc.Transform.
func (b *batch) transform(_ context.Context, data []byte) firehoseproc.Result {
	// JSON with its keys is typically two to three times the CSV.
	if need := 3*len(data) + 1024; cap(b.buf)-len(b.buf) < need {
		b.buf = make([]byte, 0, max(blockSize, need))
	}
	start := len(b.buf)
	out, rows, err := b.conv.AppendRecord(b.buf, data)
	if err != nil {
		b.buf = out[:start]
		return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: err.Error()}
	}
	if rows == 0 {
		b.buf = out[:start]
		return firehoseproc.Result{Status: firehoseproc.Dropped, Reason: "no data rows: blank, or only a header"}
	}
	b.buf = out
	b.rows += rows
	return firehoseproc.Result{Status: firehoseproc.Ok, Data: out[start:len(out):len(out)]}
}

// transformInto is transform for firehoseproc.ProcessEvent, which encodes
// each result before the next transform: every record's JSON is written
// over the previous one's, at the start of the same buffer.
func (b *batch) transformInto(ctx context.Context, data []byte) firehoseproc.Result {
	b.buf = b.buf[:0]
	return b.transform(ctx, data)
}
