package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	lambda.Start(handler(NewMover(cfg, s3.NewFromConfig(awsCfg), log)))
}

// NewMover is the mover of the function.
func NewMover(cfg Config, client S3API, log *slog.Logger) *Mover {
	return &Mover{S3: client, Config: cfg, Validator: NewValidator(cfg.Schema), Log: log, Now: time.Now}
}

// handler decodes an invocation (an S3 event notification or an EventBridge
// "Object Created" event from S3, see Invocation) and processes its records.
// A shape it does not know is logged and returned as an error, so that the
// event ends in the on-failure destination rather than vanishing.
func handler(m *Mover) func(context.Context, json.RawMessage) error {
	return func(ctx context.Context, raw json.RawMessage) error {
		var ev Invocation
		if err := json.Unmarshal(raw, &ev); err != nil {
			event := string(raw)
			if len(event) > maxLoggedEvent {
				event = event[:maxLoggedEvent] + "…"
			}
			m.Log.Error("invocation", "error", err.Error(), "event", event)
			return err
		}
		return m.Handle(ctx, ev)
	}
}

// maxLoggedEvent caps the part of an unknown event that is logged.
const maxLoggedEvent = 2048

// Handle processes every record of ev. It returns an error when any record
// could not be processed, so that Lambda retries the event (asynchronous
// invocation) and finally sends it to the on-failure destination; records
// done before are skipped on the retry (their source is gone and their
// destination exists).
func (m *Mover) Handle(ctx context.Context, ev Invocation) error {
	var errs []error
	for _, rec := range ev.Records {
		began := time.Now()
		out, err := m.Process(ctx, rec)
		attrs := []any{"trigger", ev.Trigger, "bucket", rec.S3.Bucket.Name, "key", out.Key, "outcome", out.Outcome,
			"duration_ms", time.Since(began).Milliseconds()}
		if out.Report != nil {
			attrs = append(attrs, "verdict", out.Report.Verdict, "rows", out.Report.Rows, "bad_rows", out.Report.BadRows,
				"bytes", out.Report.Bytes, "destination", out.Report.Destination)
		}
		switch {
		case err != nil:
			m.Log.Error("file", append(attrs, "error", err.Error())...)
			errs = append(errs, err)
		case out.Outcome == OutcomeQuarantined:
			m.Log.Warn("file", append(attrs, "reason", out.Report.Reason)...)
		default:
			m.Log.Info("file", attrs...)
		}
	}
	return errors.Join(errs...)
}
