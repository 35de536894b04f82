package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	x := &Exporter{
		Config: cfg,
		RDS:    &Client{Endpoint: Endpoint(awsCfg.Region), Region: awsCfg.Region, Credentials: awsCfg.Credentials},
		Now:    time.Now, Sleep: time.Sleep,
	}
	lambda.Start(handler(x, log))
}

// handler adapts Run to Lambda (the scheduler's input is ignored) and logs
// one line per invocation.
func handler(x *Exporter, log *slog.Logger) func(context.Context, json.RawMessage) (Result, error) {
	return func(ctx context.Context, _ json.RawMessage) (Result, error) {
		res, err := x.Run(ctx)
		if err != nil {
			log.Error("export", "error", err.Error(), "result", res)
			return res, err
		}
		if res.Action == NoSnapshot {
			log.Warn("export", "result", res, "note", "no available automated snapshot yet: nothing to export")
			return res, nil
		}
		log.Info("export", "result", res)
		return res, nil
	}
}
