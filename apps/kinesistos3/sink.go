package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ObjectPutter is the part of the S3 client the sink uses.
type ObjectPutter interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, optFns ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

// Sink writes buffers to S3, retrying until the write succeeds or ctx ends.
type Sink struct {
	S3          ObjectPutter
	Bucket      string
	Compression string
	// Backoff between attempts: Initial, doubled up to Max, with jitter.
	InitialBackoff time.Duration
	MaxBackoff     time.Duration
	Log            *slog.Logger
	Metrics        *Metrics
	sleep          func(context.Context, time.Duration) error // replaced in tests
}

// errGaveUp is returned when ctx ended before a write succeeded.
var errGaveUp = errors.New("gave up writing to S3")

// Write stores body under key. It returns only when the object is stored
// (nil) or ctx is done (an error wrapping errGaveUp and the last S3 error).
func (s *Sink) Write(ctx context.Context, shard, key string, body []byte) error {
	payload, contentType, err := s.encode(body)
	if err != nil {
		return err
	}
	backoff := s.InitialBackoff
	if backoff <= 0 {
		backoff = 200 * time.Millisecond
	}
	maxBackoff := s.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = 20 * time.Second
	}
	for attempt := 1; ; attempt++ {
		in := &s3.PutObjectInput{
			Bucket:        aws.String(s.Bucket),
			Key:           aws.String(key),
			Body:          bytes.NewReader(payload),
			ContentLength: aws.Int64(int64(len(payload))),
			ContentType:   aws.String(contentType),
		}
		_, err := s.S3.PutObject(ctx, in)
		if err == nil {
			return nil
		}
		s.Metrics.S3Failure(shard)
		s.Log.Warn("S3 write failed, will retry", "shard", shard, "key", key, "attempt", attempt, "backoff", backoff.String(), "error", err.Error())
		if serr := s.pause(ctx, jitter(backoff)); serr != nil {
			return fmt.Errorf("%w: s3://%s/%s after %d attempts: %v", errGaveUp, s.Bucket, key, attempt, err)
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

func (s *Sink) pause(ctx context.Context, d time.Duration) error {
	if s.sleep != nil {
		return s.sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// encode compresses body when asked. A .gz object gets the gzip content
// type and no Content-Encoding, so that readers (Athena, Spark, the CLI)
// receive the compressed bytes the name promises.
func (s *Sink) encode(body []byte) ([]byte, string, error) {
	if s.Compression != "gzip" {
		return body, "application/x-ndjson", nil
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(body); err != nil {
		return nil, "", err
	}
	if err := zw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "application/gzip", nil
}

// jitter spreads retries of many shards: a duration in [d/2, d].
func jitter(d time.Duration) time.Duration {
	half := d / 2
	return half + time.Duration(time.Now().UnixNano()%int64(half+1))
}
