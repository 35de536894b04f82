package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	x, err := fromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	if awsCfg.Region == "" {
		startup.Check(log, "configuration", errors.New("AWS_REGION is empty: the region of the domain (Lambda sets it)"))
	}
	x.S3 = s3.NewFromConfig(awsCfg)
	x.HTTP = &http.Client{Timeout: 60 * time.Second}
	x.Signer = &sigv4.Signer{Credentials: awsCfg.Credentials, Region: awsCfg.Region}
	lambda.Start(handler(x, log))
}

// fromEnv reads the configuration the construct sets:
//
//	BUCKET, PREFIX        where the CSV objects are (PREFIX may be "")
//	SUFFIX                object names to read (default ".csv"; "*" for every object)
//	CHECKPOINT_KEY        the state object (required)
//	DOMAIN_ENDPOINT       the domain's host name (an https:// URL is accepted)
//	INDEX                 the index name, or the prefix of rotated ones
//	INDEX_ROTATION        none (default), daily or monthly
//	SCHEMA                column types, "name:type,..." (see ParseSchema)
//	LOOKBACK              Go duration (default 1h), see Checkpoint
//	MARGIN                Go duration (default 60s) left before the deadline
func fromEnv(getenv func(string) string) (*Indexer, error) {
	x := &Indexer{
		Bucket: getenv("BUCKET"), Prefix: getenv("PREFIX"), Suffix: ".csv",
		CheckpointKey: getenv("CHECKPOINT_KEY"),
		Endpoint:      strings.TrimSuffix(strings.TrimPrefix(getenv("DOMAIN_ENDPOINT"), "https://"), "/"), Index: getenv("INDEX"), Rotation: NoRotation,
		Lookback: time.Hour, Margin: time.Minute,
		FirstWait: time.Second, MaxWait: 30 * time.Second, MaxRounds: 8,
	}
	var bad []error
	switch v := getenv("SUFFIX"); v {
	case "":
	case "*":
		x.Suffix = ""
	default:
		x.Suffix = v
	}
	for name, v := range map[string]string{"BUCKET": x.Bucket, "CHECKPOINT_KEY": x.CheckpointKey, "DOMAIN_ENDPOINT": x.Endpoint, "INDEX": x.Index} {
		if v == "" {
			bad = append(bad, errors.New(name+" is empty"))
		}
	}
	if r := getenv("INDEX_ROTATION"); r != "" {
		switch Rotation(strings.ToLower(r)) {
		case NoRotation, Daily, Monthly:
			x.Rotation = Rotation(strings.ToLower(r))
		default:
			bad = append(bad, errors.New("INDEX_ROTATION "+r+": want none, daily or monthly"))
		}
	}
	schema, err := ParseSchema(getenv("SCHEMA"))
	if err != nil {
		bad = append(bad, err)
	}
	x.Cleaner.Schema = schema
	for name, d := range map[string]*time.Duration{"LOOKBACK": &x.Lookback, "MARGIN": &x.Margin} {
		if v := getenv(name); v != "" {
			p, err := time.ParseDuration(v)
			if err != nil || p < 0 {
				bad = append(bad, errors.New(name+" "+v+": want a duration such as 1h or 90s"))
				continue
			}
			*d = p
		}
	}
	return x, errors.Join(bad...)
}

// handler runs one pass per invocation (the schedule's payload is ignored)
// and logs one line.
func handler(x *Indexer, log *slog.Logger) func(context.Context) (Stats, error) {
	return func(ctx context.Context) (Stats, error) {
		start := time.Now()
		st, err := x.Run(ctx)
		attrs := []any{"stats", st, "ms", time.Since(start).Milliseconds()}
		if err != nil {
			log.Error("csv index run", append(attrs, "error", err.Error())...)
			return st, err
		}
		log.Info("csv index run", attrs...)
		return st, nil
	}
}
