package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	g := &Guard{Config: cfg, S3: s3.NewFromConfig(awsCfg), SNS: sns.NewFromConfig(awsCfg), Log: log}
	lambda.Start(handler(g))
}

// maxLoggedEvent caps the part of an unknown event that is logged.
const maxLoggedEvent = 2048

// handler parses the event and acts on it. Findings it does not act on are
// logged and acknowledged; a malformed event or a failed step is returned
// as an error (Lambda retries, then the dead-letter queue keeps the event).
func handler(g *Guard) func(context.Context, json.RawMessage) error {
	return func(ctx context.Context, raw json.RawMessage) error {
		t, err := Parse(raw)
		if errors.Is(err, ErrIgnored) {
			g.Log.Info("finding ignored", "reason", err.Error())
			return nil
		}
		if err != nil {
			event := string(raw)
			if len(event) > maxLoggedEvent {
				event = event[:maxLoggedEvent] + "…"
			}
			g.Log.Error("event", "error", err.Error(), "event", event)
			return err
		}
		res, err := g.Handle(ctx, t)
		if err != nil {
			g.Log.Error("finding", "finding", t.FindingID, "bucket", t.Bucket, "error", err.Error())
			return err
		}
		g.Log.Info("finding", slog.String("finding", t.FindingID), slog.String("bucket", t.Bucket),
			slog.String("action", res.Action), slog.Any("steps", res.Steps))
		return nil
	}
}
