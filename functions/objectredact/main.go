package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
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
	r := &Redactor{
		Config: cfg,
		S3:     s3.NewFromConfig(awsCfg),
		HTTP:   &http.Client{Timeout: 50 * time.Second},
		Log:    log,
	}
	lambda.Start(handler(r))
}

// maxLoggedEvent caps the part of an unknown event that is logged.
const maxLoggedEvent = 2048

// handler chooses the entry point by the event's shape and logs one line
// per event (never object data).
//
// An Object Lambda request is always answered through
// WriteGetObjectResponse, with an error status when needed; the handler
// returns an error only when that answer itself could not be sent. An
// Object Created or Object Deleted event that fails returns the error, so
// that Lambda retries the asynchronous invocation and then sends the event
// to the failure queue.
func handler(r *Redactor) func(context.Context, json.RawMessage) error {
	return func(ctx context.Context, raw json.RawMessage) error {
		ev, err := Parse(raw)
		switch {
		case ev.Kind == ObjectLambda:
			a, werr := r.ServeObjectLambda(ctx, ev, err)
			level := slog.LevelInfo
			if a.Status != 200 || werr != nil {
				level = slog.LevelWarn
			}
			attrs := []any{"status", a.Status, "error_code", a.ErrorCode,
				"in_bytes", a.Stats.InBytes, "out_bytes", a.Stats.OutBytes, "lines", a.Stats.Lines, "json_lines", a.Stats.JSONLines,
				"redactions", a.Stats.Redactions.Total(), "request_id", ev.Lambda.XAmzRequestID,
				"access_point", ev.Lambda.Configuration.AccessPointARN}
			if werr != nil {
				attrs = append(attrs, "write_error", werr.Error())
			}
			r.Log.Log(ctx, level, "object lambda", attrs...)
			return werr
		case err != nil:
			event := string(raw)
			if len(event) > maxLoggedEvent {
				event = event[:maxLoggedEvent]
			}
			r.Log.Error("unknown event", "error", err.Error(), "event", event)
			return err
		}
		if ev.Kind == ObjectDeleted {
			cp, err := r.RemoveRedacted(ctx, ev.Created)
			switch {
			case errors.Is(err, ErrIgnored):
				r.Log.Info("deletion ignored", "reason", err.Error())
				return nil
			case err != nil:
				r.Log.Error("deleting the redacted copy failed", "error", err.Error(), "source", cp.Source)
				return err
			}
			r.Log.Info("redacted copy deleted", "source", cp.Source, "dest", cp.Dest)
			return nil
		}
		cp, err := r.CopyRedacted(ctx, ev.Created)
		if errors.Is(err, ErrIgnored) {
			r.Log.Info("object ignored", "reason", err.Error())
			return nil
		}
		if err != nil {
			r.Log.Error("redacted copy failed", "error", err.Error(), "source", cp.Source)
			return err
		}
		s := cp.Stats
		r.Log.Info("redacted copy", "source", cp.Source, "dest", cp.Dest, "in_bytes", s.InBytes, "out_bytes", s.OutBytes,
			"lines", s.Lines, "json_lines", s.JSONLines, "redactions", s.Redactions.Total(),
			"email", s.Redactions.Email, "phone", s.Redactions.Phone, "credit_card", s.Redactions.CreditCard, "kr_rrn", s.Redactions.KRRRN)
		return nil
	}
}
