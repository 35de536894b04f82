package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	s := &Splitter{Config: cfg, S3: s3.NewFromConfig(startup.AWSConfig(log)), Log: log}
	lambda.Start(s.Handle)
}

// Event is an S3 "Object Created" EventBridge event, or a direct
// invocation {"bucket": "...", "key": "..."}.
type Event struct {
	Bucket string         `json:"bucket"`
	Key    string         `json:"key"`
	Detail s3event.Detail `json:"detail"`
}

// Handle splits the object an event names. An event for another bucket is
// an error (a wiring mistake); keys outside SOURCE_PREFIX, folder keys and
// empty objects are skipped.
func (s *Splitter) Handle(ctx context.Context, raw json.RawMessage) (Result, error) {
	var e Event
	if err := json.Unmarshal(raw, &e); err != nil {
		return Result{}, fmt.Errorf("event: %w", err)
	}
	bucket, key := e.Bucket, e.Key
	if key == "" {
		bucket, key = e.Detail.Bucket.Name, e.Detail.Object.Key
	}
	if key == "" {
		return Result{}, fmt.Errorf("event names no object: %s", raw)
	}
	if bucket != s.Config.Bucket {
		return Result{Key: key}, fmt.Errorf("object of bucket %q, the function splits %q", bucket, s.Config.Bucket)
	}
	return s.Split(ctx, key)
}
