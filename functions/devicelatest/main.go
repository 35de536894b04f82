package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	p := &Processor{Config: cfg, Table: dynamodb.NewFromConfig(awsCfg), Log: log}
	lambda.Start(handler(p, log))
}

// handler adapts Process to Lambda and logs one line per invocation. It
// never returns an error: a failure is reported per record, so that Lambda
// checkpoints the records before it.
func handler(p *Processor, log *slog.Logger) func(context.Context, events.KinesisEvent) (events.KinesisEventResponse, error) {
	return func(ctx context.Context, ev events.KinesisEvent) (events.KinesisEventResponse, error) {
		res, s := p.Process(ctx, ev)
		attrs := []any{
			"records", s.Records, "user_records", s.UserRecords, "written", s.Written,
			"stale_or_duplicate", s.StaleOrDuplicate, "invalid", s.Invalid,
			"max_age_ms", s.MaxAge.Milliseconds(),
		}
		if len(ev.Records) > 0 {
			attrs = append(attrs, "event_source_arn", ev.Records[0].EventSourceArn)
		}
		if s.FailedAt != "" {
			log.Error("batch", append(attrs, "failed_at", s.FailedAt, "error", s.Error)...)
		} else {
			log.Info("batch", attrs...)
		}
		return res, nil
	}
}
