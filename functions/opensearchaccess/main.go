package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	awsCfg := startup.AWSConfig(log)
	if awsCfg.Region == "" {
		startup.Check(log, "configuration", errNoRegion)
	}
	c := &Client{
		HTTP:   &http.Client{},
		Signer: &sigv4.Signer{Credentials: awsCfg.Credentials, Region: awsCfg.Region},
		Retry:  DefaultRetry,
	}
	lambda.Start(handler(&Provisioner{API: c, Margin: 5 * time.Second}, c, log))
}

// handler adapts Run to Lambda and logs one line per invocation.
func handler(p *Provisioner, c *Client, log *slog.Logger) func(context.Context, json.RawMessage) (Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (Response, error) {
		c.Calls() // forget what an earlier, failed invocation left
		ev, err := parseEvent(raw)
		if err != nil {
			log.Error("opensearch access", "error", err.Error())
			return Response{}, err
		}
		endpoint, _ := ev.ResourceProperties["DomainEndpoint"].(string)
		roleName, _ := ev.ResourceProperties["RoleName"].(string)
		res, err := p.Run(ctx, ev)
		attrs := []any{
			"requestType", ev.RequestType, "endpoint", endpoint, "roleName", roleName,
			"physicalResourceId", res.PhysicalResourceID, "calls", c.Calls(),
		}
		if err != nil {
			log.Error("opensearch access", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("opensearch access", attrs...)
		return res, nil
	}
}
