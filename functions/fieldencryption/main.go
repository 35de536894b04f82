package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg := startup.AWSConfig(log)
	endpoint, region := Endpoint(cfg.Region)
	api := &Client{Endpoint: endpoint, SigningRegion: region, Credentials: cfg.Credentials, HTTP: &http.Client{Timeout: 30 * time.Second}}
	lambda.Start(handler(api, log))
}

// handler parses the request, applies it and logs one line.
func handler(api API, log *slog.Logger) func(context.Context, json.RawMessage) (customresource.Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (customresource.Response, error) {
		ev, err := customresource.Parse(raw)
		if err != nil {
			log.Error("field-level encryption", "error", err.Error())
			return customresource.Response{}, err
		}
		res, err := Run(ctx, api, ev)
		attrs := []any{"requestType", ev.RequestType, "physicalResourceId", ev.PhysicalResourceID}
		if err != nil {
			log.Error("field-level encryption", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("field-level encryption", append(attrs, "configId", res.Data["ConfigId"], "profileId", res.Data["ProfileId"])...)
		return res, nil
	}
}
