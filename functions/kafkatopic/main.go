package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	awsCfg := startup.AWSConfig(log)
	lambda.Start(handler(iamClients(awsCfg.Credentials), log))
}

// clients opens an admin client to the brokers of one request.
type clients func(brokers []string) (*kadm.Client, func(), error)

// iamClients connects over TLS with AWS_MSK_IAM as the function's role.
func iamClients(creds aws.CredentialsProvider) clients {
	return func(brokers []string) (*kadm.Client, func(), error) {
		opts, err := kafkaconn.ClientOpts(kafkaconn.Options{Brokers: brokers, Auth: kafkaconn.AuthIAM, Credentials: creds, UserAgent: "cdk-data-patterns/kafkatopic"})
		if err != nil {
			return nil, nil, err
		}
		cl, err := kgo.NewClient(append(opts, kgo.RequestTimeoutOverhead(20*time.Second))...)
		if err != nil {
			return nil, nil, err
		}
		return kadm.NewClient(cl), cl.Close, nil
	}
}

// handler parses the request, connects, applies it and logs one line.
func handler(open clients, log *slog.Logger) func(context.Context, json.RawMessage) (customresource.Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (customresource.Response, error) {
		ev, err := customresource.Parse(raw)
		if err != nil {
			log.Error("kafka topic", "error", err.Error())
			return customresource.Response{}, err
		}
		res, err := run(ctx, open, ev)
		attrs := []any{"requestType", ev.RequestType, "physicalResourceId", res.PhysicalResourceID}
		if err != nil {
			log.Error("kafka topic", append(attrs, "error", err.Error())...)
			return res, err
		}
		log.Info("kafka topic", append(attrs, "partitions", res.Data["Partitions"])...)
		return res, nil
	}
}

// run checks the properties and applies the request with a client to the
// request's brokers. A Delete whose properties do not parse succeeds
// without a call: it is the rollback of a Create that failed its checks.
func run(ctx context.Context, open clients, ev customresource.Event) (customresource.Response, error) {
	spec, err := parseSpec(ev.ResourceProperties)
	if err != nil {
		if ev.RequestType == "Delete" {
			return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, nil
		}
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, err
	}
	adm, closeFn, err := open(spec.Brokers)
	if err != nil {
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, err
	}
	defer closeFn()
	switch ev.RequestType {
	case "Create":
		return ensure(ctx, adm, spec, nil)
	case "Update":
		old, _ := parseSpec(ev.OldResourceProperties)
		if old.Topic != spec.Topic {
			return ensure(ctx, adm, spec, nil)
		}
		return ensure(ctx, adm, spec, &old)
	default:
		return remove(ctx, adm, spec, ev.PhysicalResourceID)
	}
}
