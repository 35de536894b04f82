package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

// main starts the role named by ROLE: "approval" is the approval function
// of the gate's human review (Step Functions requests and the approve/deny
// API, see approval.go); anything else is the gate.
func main() {
	log := startup.Logger()
	if os.Getenv("ROLE") == "approval" {
		cfg, err := ApprovalConfigFromEnv(os.Getenv)
		startup.Check(log, "configuration", err)
		awsCfg := startup.AWSConfig(log)
		a := &Approver{Config: cfg, Table: dynamodb.NewFromConfig(awsCfg), SFN: sfn.NewFromConfig(awsCfg), SNS: sns.NewFromConfig(awsCfg), Log: log, Now: time.Now}
		lambda.Start(a.Handler())
		return
	}
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	g := &Guard{Config: cfg, S3: s3.NewFromConfig(awsCfg), SNS: sns.NewFromConfig(awsCfg), Log: log}
	if cfg.StateMachineArn != "" {
		g.SFN = sfn.NewFromConfig(awsCfg)
	}
	lambda.Start(handler(g))
}

// maxLoggedEvent caps the part of an unknown event that is logged.
const maxLoggedEvent = 2048

// handler parses the event and acts on it. Findings it does not act on are
// logged and acknowledged; a malformed event or a failed step is returned
// as an error (Lambda retries, then the dead-letter queue keeps the event).
func handler(g *Guard) func(context.Context, json.RawMessage) error {
	return func(ctx context.Context, raw json.RawMessage) error {
		if g.Config.Remediate && IsPolicyFinding(raw) {
			return g.handlePublic(ctx, raw)
		}
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

// handlePublic is the public-bucket remediation path (policy findings).
func (g *Guard) handlePublic(ctx context.Context, raw json.RawMessage) error {
	t, err := ParsePublic(raw)
	if errors.Is(err, ErrIgnored) {
		g.Log.Info("finding ignored", "reason", err.Error())
		return nil
	}
	if err != nil {
		g.Log.Error("event", "error", err.Error())
		return err
	}
	res, err := g.Remediate(ctx, t)
	if err != nil {
		g.Log.Error("public bucket", "finding", t.FindingID, "bucket", t.Bucket, "error", err.Error())
		return err
	}
	g.Log.Info("public bucket", slog.String("finding", t.FindingID), slog.String("bucket", t.Bucket),
		slog.String("action", res.Action), slog.Any("steps", res.Steps))
	return nil
}
