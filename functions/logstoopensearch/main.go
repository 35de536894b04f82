package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	l, err := fromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	if awsCfg.Region == "" {
		startup.Check(log, "configuration", errors.New("AWS_REGION is empty: the region of the domain (Lambda sets it)"))
	}
	l.HTTP = &http.Client{Timeout: 30 * time.Second}
	l.Signer = &sigv4.Signer{Credentials: awsCfg.Credentials, Region: awsCfg.Region}
	lambda.Start(handler(l, log))
}

// fromEnv reads DOMAIN_ENDPOINT and INDEX_PREFIX.
func fromEnv(getenv func(string) string) (*Loader, error) {
	l := &Loader{
		Endpoint:  getenv("DOMAIN_ENDPOINT"),
		Prefix:    getenv("INDEX_PREFIX"),
		FirstWait: time.Second, MaxWait: 8 * time.Second, Margin: 5 * time.Second,
	}
	var bad []error
	if l.Endpoint == "" {
		bad = append(bad, errors.New("DOMAIN_ENDPOINT is empty: the domain's host name"))
	}
	if l.Prefix == "" {
		bad = append(bad, errors.New("INDEX_PREFIX is empty: the prefix of the daily indices"))
	}
	return l, errors.Join(bad...)
}

// handler logs one line per invocation.
func handler(l *Loader, log *slog.Logger) func(context.Context, events.CloudwatchLogsEvent) error {
	return func(ctx context.Context, ev events.CloudwatchLogsEvent) error {
		start := time.Now()
		st, err := l.Handle(ctx, ev)
		attrs := []any{"stats", st, "ms", time.Since(start).Milliseconds()}
		if err != nil {
			log.Error("logs batch", append(attrs, "error", err.Error())...)
			return err
		}
		log.Info("logs batch", attrs...)
		return nil
	}
}
