package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	lambdaloop.Check(log, "configuration", err)
	lambdaloop.Start(handler(NewRedactor(cfg), log))
}

// Summary counts what one invocation did; the handler logs it.
type Summary struct {
	firehoseproc.Counts
	Redacted   int // Ok records with at least one redaction
	Redactions Counts
}

// Process redacts every record of ev.
func (r *Redactor) Process(ctx context.Context, ev events.KinesisFirehoseEvent, log *slog.Logger) (events.KinesisFirehoseResponse, Summary) {
	var sum Summary
	resp, counts := firehoseproc.Process(ctx, ev, r.transform(&sum, nil), log)
	sum.Counts = counts
	return resp, sum
}

// ProcessEvent is Process on the handler's path: an event read by
// firehoseproc.ParseEvent, each record redacted into one buffer kept from
// one invocation to the next, the response written to out. It is not safe
// for concurrent use (a Lambda execution environment handles one
// invocation at a time).
func (r *Redactor) ProcessEvent(ctx context.Context, ev *firehoseproc.Event, log *slog.Logger, out *bytes.Buffer) Summary {
	var sum Summary
	sum.Counts = firehoseproc.ProcessEvent(ctx, ev, r.transform(&sum, &r.w), log, out)
	return sum
}

// transform redacts one record, counting into sum, with w's buffers (nil:
// new ones for every record).
func (r *Redactor) transform(sum *Summary, w *walker) firehoseproc.Transform {
	return func(_ context.Context, data []byte) firehoseproc.Result {
		res, c := r.redact(data, w)
		if res.Status == firehoseproc.Ok {
			sum.Redactions.Add(c)
			if c.Total() > 0 {
				sum.Redacted++
			}
		}
		return res
	}
}

// handler adapts ProcessEvent to lambdaloop and logs one line per
// invocation. It returns an error only for an event that is not a Firehose
// event (as aws-lambda-go did): every record gets its own result, and an
// error would make Firehose retry the whole batch.
func handler(r *Redactor, log *slog.Logger) lambdaloop.Handler {
	var ev firehoseproc.Event
	return func(ctx context.Context, event []byte, out *bytes.Buffer) error {
		if err := firehoseproc.ParseEvent(event, &ev); err != nil {
			return err
		}
		sum := r.ProcessEvent(ctx, &ev, log, out)
		level := slog.LevelInfo
		if sum.Failed > 0 {
			level = slog.LevelWarn
		}
		c := sum.Redactions
		log.Log(ctx, level, "batch",
			"records", sum.Records, "ok", sum.Ok, "dropped", sum.Dropped, "failed", sum.Failed,
			"over_limit", sum.OverLimit, "in_bytes", sum.InBytes, "out_bytes", sum.OutBytes,
			"records_redacted", sum.Redacted,
			slog.Group("redactions", KindField, c.Field, KindEmail, c.Email, KindPhone, c.Phone,
				KindCreditCard, c.CreditCard, KindKRRRN, c.KRRRN),
			"mode", string(r.mode), "detect", r.detect,
			"invocation_id", ev.InvocationID, "delivery_stream_arn", ev.DeliveryStreamArn)
		return nil
	}
}
