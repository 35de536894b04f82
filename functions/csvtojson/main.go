package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	lambda.Start(handler(NewConverter(cfg), log))
}

// handler adapts the converter to Firehose's transformation contract and
// logs one line per invocation (WARN when a record failed; each failed
// record also has its own WARN line with its reason). It never returns an
// error: a bad record is reported as ProcessingFailed, not by failing the
// batch.
func handler(conv *Converter, log *slog.Logger) func(context.Context, events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
	return func(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, error) {
		began := time.Now()
		b := newBatch(conv)
		resp, c := firehoseproc.Process(ctx, ev, b.transform, log)
		level := slog.LevelInfo
		if c.Failed > 0 {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "batch",
			"records", c.Records, "ok", c.Ok, "dropped", c.Dropped, "failed", c.Failed, "over_limit", c.OverLimit,
			"rows", b.rows, "in_bytes", c.InBytes, "out_bytes", c.OutBytes,
			"duration_ms", time.Since(began).Milliseconds(),
			"delivery_stream_arn", ev.DeliveryStreamArn, "invocation_id", ev.InvocationID)
		return resp, nil
	}
}
