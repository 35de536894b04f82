package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	awsCfg := startup.AWSConfig(log)
	p := &Provisioner{S3: s3.NewFromConfig(awsCfg), Region: awsCfg.Region, Now: time.Now}
	lambda.Start(handler(p, log))
}

// handler adapts Run to Lambda and logs one line per request (never the
// bundle).
func handler(p *Provisioner, log *slog.Logger) func(context.Context, json.RawMessage) (customresource.Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (customresource.Response, error) {
		ev, err := customresource.Parse(raw)
		if err != nil {
			log.Error("emr certificates", "error", err.Error())
			return customresource.Response{}, err
		}
		res, err := p.Run(ctx, ev)
		attrs := []any{"requestType", ev.RequestType, "physicalResourceId", res.PhysicalResourceID, "notAfter", res.Data["NotAfter"], "serial", res.Data["Serial"]}
		if err != nil {
			log.Error("emr certificates", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("emr certificates", attrs...)
		return res, nil
	}
}
