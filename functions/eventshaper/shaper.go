package main

import (
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
}

// Summary counts what one invocation did; the handler logs it.
type Summary struct {
	firehoseproc.Counts
	FromArrival    int // documents timed by the record's arrival (no usable occurred_at)
	FromProcessing int // ... by the invocation's time (no arrival time either)
	WithExtra      int // documents with an extra object
}

// Process shapes every record of ev.
func (s *Shaper) Process(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, Summary) {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	var sum Summary
	finder := recordFinder{records: ev.Records}
	transform := func(_ context.Context, data []byte) firehoseproc.Result {
		var arrival time.Time
		if rec := finder.find(data); rec != nil && rec.ApproximateArrivalTimestamp.UnixMilli() > 0 {
			arrival = rec.ApproximateArrivalTimestamp.Time
		}
		res, info := shape(data, arrival, now)
		if res.Status == firehoseproc.Ok {
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
		return res
	}
	resp, counts := firehoseproc.Process(ctx, ev, transform, s.Log)
	sum.Counts = counts
	return resp, sum
}
