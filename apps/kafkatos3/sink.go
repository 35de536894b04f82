package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ObjectPutter is the part of the S3 client the sink uses.
type ObjectPutter interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, optFns ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

// Sink writes objects to S3, retrying until the write succeeds or ctx ends.
type Sink struct {
	S3             ObjectPutter
	Bucket         string
	InitialBackoff time.Duration // doubled up to MaxBackoff, with jitter
	MaxBackoff     time.Duration
	Log            *slog.Logger
	Metrics        *Metrics
}

var errGaveUp = errors.New("gave up writing to S3")

// Write stores body under key; it returns nil once S3 accepted the object,
// or an error wrapping errGaveUp when ctx ended first.
func (s *Sink) Write(ctx context.Context, key string, body []byte) error {
	backoff := max(s.InitialBackoff, time.Millisecond)
	maxBackoff := max(s.MaxBackoff, backoff)
	for attempt := 1; ; attempt++ {
		_, err := s.S3.PutObject(ctx, &s3.PutObjectInput{
			Bucket:        aws.String(s.Bucket),
			Key:           aws.String(key),
			Body:          bytes.NewReader(body),
			ContentLength: aws.Int64(int64(len(body))),
			ContentType:   aws.String("application/x-ndjson"),
		})
		if err == nil {
			return nil
		}
		s.Metrics.Count("S3PutFailures", 1)
		s.Log.Warn("S3 write failed, will retry", "key", key, "attempt", attempt, "backoff", backoff.String(), "error", err.Error())
		t := time.NewTimer(backoff/2 + rand.N(backoff/2+1))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w: s3://%s/%s after %d attempts: %v", errGaveUp, s.Bucket, key, attempt, err)
		case <-t.C:
		}
		backoff = min(2*backoff, maxBackoff)
	}
}
