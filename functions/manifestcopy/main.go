package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	lambda.Start(handler(NewLoader(cfg, s3.NewFromConfig(awsCfg), redshiftdata.NewFromConfig(awsCfg), log), log))
}

// NewLoader is the loader with the function's timings.
func NewLoader(cfg Config, s3c S3API, data DataAPI, log *slog.Logger) *Loader {
	return &Loader{
		Config: cfg,
		Store:  &Store{S3: s3c, Bucket: cfg.Bucket, SourcePrefix: cfg.SourcePrefix, ManifestPrefix: cfg.ManifestPrefix},
		DB: &Warehouse{API: data, Target: cfg.Target(),
			FirstPoll: 250 * time.Millisecond, MaxPoll: 5 * time.Second, Margin: 10 * time.Second},
		Log:         log,
		Settle:      60 * time.Second,
		MaxWait:     15 * time.Minute,
		BatchBudget: 60 * time.Second,
	}
}

// Trigger is the part of an EventBridge event the function looks at: an
// invocation is only a signal to look at the bucket.
type Trigger struct {
	Source     string         `json:"source"`
	DetailType string         `json:"detail-type"`
	Detail     s3event.Detail `json:"detail"`
}

// Kind names the trigger for the log: "schedule" (EventBridge rule or
// Scheduler), "s3" (an Object Created event), or "other" (a manual
// invoke or anything else; the function runs the same way).
func (t Trigger) Kind() string {
	switch {
	case t.Source == "aws.scheduler" || t.DetailType == "Scheduled Event" || t.DetailType == "Scheduled Event (EventBridge Scheduler)":
		return "schedule"
	case t.Source == s3event.Source && t.DetailType == s3event.DetailType:
		return "s3"
	}
	return "other"
}

func parseTrigger(raw json.RawMessage) Trigger {
	var t Trigger
	_ = json.Unmarshal(raw, &t) // any payload is a trigger; unknown shapes are "other"
	return t
}

// handler runs the loader and logs one line per invocation.
func handler(l *Loader, log *slog.Logger) func(context.Context, json.RawMessage) (Result, error) {
	return func(ctx context.Context, raw json.RawMessage) (Result, error) {
		began := time.Now()
		t := parseTrigger(raw)
		res, err := l.Run(ctx, t.Kind())
		attrs := []any{"result", res, "duration_ms", time.Since(began).Milliseconds()}
		if t.Kind() == "s3" {
			attrs = append(attrs, "s3_bucket", t.Detail.Bucket.Name, "s3_key", t.Detail.Object.Key)
		}
		if err != nil {
			log.Error("run", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("run", attrs...)
		return res, nil
	}
}
