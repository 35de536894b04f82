package main

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	lambda.Start(handler(&Shaper{Log: log}, log))
}

// handler adapts Process to Lambda and logs one line per invocation. It
// never returns an error: every record gets its own result, and an error
// would make Firehose retry the whole batch.
func handler(s *Shaper, log *slog.Logger) func(context.Context, events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
	return func(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
		resp, sum := s.Process(ctx, ev)
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
		return resp, nil
	}
}
