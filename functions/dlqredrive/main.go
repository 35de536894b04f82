package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	r := &Redriver{Config: cfg, SQS: sqs.NewFromConfig(awsCfg)}
	lambda.Start(handler(r, log))
}

// handler adapts Run to Lambda and logs one line per invocation.
func handler(r *Redriver, log *slog.Logger) func(context.Context, json.RawMessage) (Result, error) {
	return func(ctx context.Context, raw json.RawMessage) (Result, error) {
		req, err := parseRequest(raw)
		if err != nil {
			log.Error("redrive", "error", err.Error())
			return Result{QueueARN: r.Config.QueueARN}, err
		}
		res, err := r.Run(ctx, req)
		if err != nil {
			log.Error("redrive", "error", err.Error(), "result", res)
			return res, err
		}
		log.Info("redrive", "result", res, "dryRun", req.DryRun)
		return res, nil
	}
}
