package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	s := &Scaler{Config: cfg, Kinesis: kinesis.NewFromConfig(awsCfg)}
	lambda.Start(handler(s, log))
}

// handler adapts Run to Lambda and logs one line per invocation.
func handler(s *Scaler, log *slog.Logger) func(context.Context, events.CloudWatchEvent) (Result, error) {
	return func(ctx context.Context, ev events.CloudWatchEvent) (Result, error) {
		res, err := s.Run(ctx, ev)
		if err != nil {
			log.Error("shard scaling failed", "error", err.Error(), "result", res)
			return res, err
		}
		log.Log(ctx, res.Level(), res.Message(), "result", res)
		return res, nil
	}
}
