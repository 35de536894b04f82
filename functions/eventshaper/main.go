package main

import (
	"bytes"
	"context"
	"log/slog"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	lambdaloop.Start(handler(&Shaper{Log: log}, log))
}

// handler adapts ProcessEvent to lambdaloop and logs one line per
// invocation. It returns an error only for an event that is not a Firehose
// event (as aws-lambda-go did): every record gets its own result, and an
// error would make Firehose retry the whole batch.
func handler(s *Shaper, log *slog.Logger) lambdaloop.Handler {
	var ev firehoseproc.Event
	return func(ctx context.Context, event []byte, out *bytes.Buffer) error {
		if err := firehoseproc.ParseEvent(event, &ev); err != nil {
			return err
		}
		sum := s.ProcessEvent(ctx, &ev, out)
		level := slog.LevelInfo
		if sum.Failed > 0 {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "batch",
			"records", sum.Records, "ok", sum.Ok, "dropped", sum.Dropped, "failed", sum.Failed,
			"over_limit", sum.OverLimit, "in_bytes", sum.InBytes, "out_bytes", sum.OutBytes,
			"timestamp_from_arrival", sum.FromArrival, "timestamp_from_processing", sum.FromProcessing,
			"with_extra", sum.WithExtra,
			"invocation_id", ev.InvocationID, "delivery_stream_arn", ev.DeliveryStreamArn)
		return nil
	}
}
