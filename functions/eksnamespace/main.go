package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	awsCfg := startup.AWSConfig(log)
	m := &Manager{Credentials: awsCfg.Credentials, Region: awsCfg.Region, Now: time.Now}
	lambda.Start(handler(m, log))
}

// handler adapts Run to Lambda and logs one line per request (never the
// token).
func handler(m *Manager, log *slog.Logger) func(context.Context, json.RawMessage) (customresource.Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (customresource.Response, error) {
		ev, err := customresource.Parse(raw)
		if err != nil {
			log.Error("eks namespace", "error", err.Error())
			return customresource.Response{}, err
		}
		res, err := m.Run(ctx, ev)
		attrs := []any{"requestType", ev.RequestType, "physicalResourceId", res.PhysicalResourceID}
		if err != nil {
			log.Error("eks namespace", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("eks namespace", attrs...)
		return res, nil
	}
}
