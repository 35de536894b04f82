package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	lambdaloop.Check(log, "configuration", err)
	lambdaloop.Start(handler(NewConverter(cfg), log))
}

// handler adapts the converter to Firehose's transformation contract and
// logs one line per invocation (WARN when a record failed; each record the
// converter failed also has its own WARN line with its reason, the records
// over the response limit one line together). It returns an error
// only for an event that is not a Firehose event (as aws-lambda-go did): a
// bad record is reported as ProcessingFailed, not by failing the batch.
//
// The event is read by firehoseproc.ParseEvent and the response written by
// firehoseproc.ProcessEvent, which encodes each record's JSON before the
// next is converted, so one buffer, kept from one invocation to the next,
// holds every record's JSON in turn.
func handler(conv *Converter, log *slog.Logger) lambdaloop.Handler {
	var ev firehoseproc.Event
	b := newBatch(conv)
	return func(ctx context.Context, event []byte, out *bytes.Buffer) error {
		began := time.Now()
		if err := firehoseproc.ParseEvent(event, &ev); err != nil {
			return err
		}
		b.rows = 0
		c := firehoseproc.ProcessEvent(ctx, &ev, b.transformInto, log, out)
		level := slog.LevelInfo
		if c.Failed > 0 {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "batch",
			"records", c.Records, "ok", c.Ok, "dropped", c.Dropped, "failed", c.Failed, "over_limit", c.OverLimit,
			"rows", b.rows, "in_bytes", c.InBytes, "out_bytes", c.OutBytes,
			"duration_ms", time.Since(began).Milliseconds(),
			"delivery_stream_arn", ev.DeliveryStreamArn, "invocation_id", ev.InvocationID)
		return nil
	}
}
