package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	ListObjectsV2(ctx context.Context, in *s3.ListObjectsV2Input, opts ...func(*s3.Options)) (*s3.ListObjectsV2Output, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

// Checkpoint is the function's state, one JSON object in the bucket.
//
// Watermark is the newest LastModified of an object indexed completely.
// Done holds the objects indexed whose LastModified is within Lookback of
// the watermark (key → ETag): an object that appears late with an older
// LastModified (a long multipart upload keeps its start time) is still
// found, and one already done is not read again. Resume is the object a run
// stopped in (the deadline came), with the last line it indexed.
type Checkpoint struct {
	Watermark time.Time         `json:"watermark"`
	Done      map[string]string `json:"done"`
	Resume    *Resume           `json:"resume,omitempty"`
}

// Resume is where to continue inside one object.
type Resume struct {
	Key  string `json:"key"`
	ETag string `json:"etag"`
	Line int    `json:"line"` // the last line indexed; later lines are not
}

// loadCheckpoint reads the checkpoint; a missing one is the empty state.
func loadCheckpoint(ctx context.Context, c S3API, bucket, key string) (Checkpoint, error) {
	cp := Checkpoint{Done: map[string]string{}}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	var nsk *types.NoSuchKey
	if errors.As(err, &nsk) {
		return cp, nil
	}
	if err != nil {
		return cp, fmt.Errorf("read checkpoint s3://%s/%s: %w", bucket, key, err)
	}
	defer out.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(out.Body, 64<<20))
	if err != nil {
		return cp, fmt.Errorf("read checkpoint s3://%s/%s: %w", bucket, key, err)
	}
	if err := json.Unmarshal(raw, &cp); err != nil {
		return cp, fmt.Errorf("checkpoint s3://%s/%s is not JSON: %w", bucket, key, err)
	}
	if cp.Done == nil {
		cp.Done = map[string]string{}
	}
	return cp, nil
}

// saveCheckpoint writes the checkpoint. No SSE header is sent: the bucket's
// default encryption applies (a DSSE-KMS securebucket refuses others).
func saveCheckpoint(ctx context.Context, c S3API, bucket, key string, cp Checkpoint) error {
	raw, err := json.Marshal(cp)
	if err != nil {
		return err
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: bytes.NewReader(raw),
		ContentType: aws.String("application/json"), ContentLength: aws.Int64(int64(len(raw)))})
	if err != nil {
		return fmt.Errorf("write checkpoint s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

// prune forgets done objects older than the lookback window.
func (cp *Checkpoint) prune(lookback time.Duration, modified map[string]time.Time) {
	for k := range cp.Done {
		if t, ok := modified[k]; !ok || t.Before(cp.Watermark.Add(-lookback)) {
			delete(cp.Done, k)
		}
	}
}
