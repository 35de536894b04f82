package main

import (
	"bytes"
	"context"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

// Shaper turns Firehose batches of producer events into search documents.
type Shaper struct {
	Log *slog.Logger     // failed records (firehoseproc logs them); nil discards
	Now func() time.Time // nil is time.Now

	// ProcessEvent's document buffer and members, reused from record to
	// record.
	buf    []byte
	arenas arenas
}

// Summary counts what one invocation did; the handler logs it.
type Summary struct {
	firehoseproc.Counts
	FromArrival    int // documents timed by the record's arrival (no usable occurred_at)
	FromProcessing int // ... by the invocation's time (no arrival time either)
	WithExtra      int // documents with an extra object
}

func (s *Shaper) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// count adds a shaped record to the summary.
func (sum *Summary) count(res firehoseproc.Result, info shaped) {
	if res.Status != firehoseproc.Ok {
		return
	}
	switch info.source {
	case fromArrival:
		sum.FromArrival++
	case fromProcessing:
		sum.FromProcessing++
	}
	if info.hasExtra {
		sum.WithExtra++
	}
}

// Process shapes every record of ev.
func (s *Shaper) Process(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, Summary) {
	now := s.now()
	var sum Summary
	finder := recordFinder{records: ev.Records}
	transform := func(_ context.Context, data []byte) firehoseproc.Result {
		var arrival time.Time
		if rec := finder.find(data); rec != nil && rec.ApproximateArrivalTimestamp.UnixMilli() > 0 {
			arrival = rec.ApproximateArrivalTimestamp.Time
		}
		res, info := shape(data, arrival, now)
		sum.count(res, info)
		return res
	}
	resp, counts := firehoseproc.Process(ctx, ev, transform, s.Log)
	sum.Counts = counts
	return resp, sum
}

// ProcessEvent is Process on the handler's path: an event read by
// firehoseproc.ParseEvent, each record's arrival time read from the record
// itself, the documents shaped one after the other into one buffer kept
// from one invocation to the next and the response written to out. It is
// not safe for concurrent use (a Lambda execution environment handles one
// invocation at a time).
func (s *Shaper) ProcessEvent(ctx context.Context, ev *firehoseproc.Event, out *bytes.Buffer) Summary {
	now := s.now().UnixMilli()
	var sum Summary
	sum.Counts = firehoseproc.ProcessRecords(ctx, ev, func(_ context.Context, i int) firehoseproc.Result {
		rec := &ev.Records[i]
		arrival := int64(noArrival)
		if rec.ArrivalMs > 0 {
			arrival = rec.ArrivalMs
		}
		res, info := shapeInto(s.buf, &s.arenas, rec.Data, arrival, now)
		if res.Status == firehoseproc.Ok {
			s.buf = res.Data
		}
		sum.count(res, info)
		return res
	}, s.Log, out)
	return sum
}
