package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3API is the part of the S3 API the function calls (*s3.Client).
type S3API interface {
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	HeadObject(ctx context.Context, in *s3.HeadObjectInput, opts ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	CopyObject(ctx context.Context, in *s3.CopyObjectInput, opts ...func(*s3.Options)) (*s3.CopyObjectOutput, error)
	DeleteObject(ctx context.Context, in *s3.DeleteObjectInput, opts ...func(*s3.Options)) (*s3.DeleteObjectOutput, error)
}

// Mover validates arrived files and moves them.
type Mover struct {
	S3        S3API
	Config    Config
	Validator *Validator
	Log       *slog.Logger
	Now       func() time.Time
}

// Outcomes of one record.
const (
	OutcomeValid       = "moved-valid"
	OutcomeQuarantined = "moved-quarantine"
	OutcomeAlreadyDone = "already-moved" // redelivery: source gone, destination there
	OutcomeReplaced    = "source-replaced"
	OutcomeSkipped     = "skipped" // not under the incoming prefix or not .csv
)

// Report is the JSON written under REPORT_PREFIX for each file.
type Report struct {
	Bucket      string    `json:"bucket"`
	Key         string    `json:"key"`
	ETag        string    `json:"etag"`
	Destination string    `json:"destination"`
	CheckedAt   time.Time `json:"checkedAt"`
	Columns     []Column  `json:"columns"`
	Result
}

// Outcome is what Process did.
type Outcome struct {
	Key     string
	Outcome string
	Report  *Report
}

// MaxCopySize is CopyObject's limit; larger files need a multipart copy,
// which this function does not do.
const MaxCopySize = 5 << 30

// Process handles one record: validate, write the report, copy to the
// destination, delete the source.
func (m *Mover) Process(ctx context.Context, rec events.S3EventRecord) (Outcome, error) {
	bucket := rec.S3.Bucket.Name
	// Keys in S3 event notifications are URL-encoded (a space is "+");
	// Invocation encodes an EventBridge event's plain key the same way.
	key, err := url.QueryUnescape(rec.S3.Object.Key)
	if err != nil {
		return Outcome{Key: rec.S3.Object.Key}, fmt.Errorf("object key %q in the event is not URL-encoded: %w", rec.S3.Object.Key, err)
	}
	out := Outcome{Key: key}
	c := m.Config
	rest, ok := strings.CutPrefix(key, c.IncomingPrefix)
	if !ok || rest == "" || !strings.HasSuffix(strings.ToLower(key), ".csv") {
		out.Outcome = OutcomeSkipped
		return out, nil
	}
	validKey, quarantineKey := c.ValidPrefix+rest, c.QuarantinePrefix+rest

	obj, err := m.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if status(err) == 404 {
		// A redelivered event after the move: the file is where it belongs.
		for _, dest := range []string{validKey, quarantineKey} {
			found, herr := m.exists(ctx, bucket, dest)
			if herr != nil {
				return out, herr
			}
			if found {
				out.Outcome = OutcomeAlreadyDone
				return out, nil
			}
		}
		return out, fmt.Errorf("s3://%s/%s is gone and is neither under %s nor %s: deleted before it was validated", bucket, key, c.ValidPrefix, c.QuarantinePrefix)
	}
	if err != nil {
		return out, fmt.Errorf("GetObject s3://%s/%s: %w", bucket, key, err)
	}
	etag := aws.ToString(obj.ETag)
	if n := aws.ToInt64(obj.ContentLength); n > MaxCopySize {
		obj.Body.Close()
		return out, fmt.Errorf("s3://%s/%s has %d bytes, more than CopyObject's 5 GiB: split the file", bucket, key, n)
	}
	res, err := m.Validator.Validate(obj.Body)
	obj.Body.Close()
	if err != nil {
		return out, fmt.Errorf("reading s3://%s/%s: %w", bucket, key, err)
	}
	dest := validKey
	if res.Verdict != Valid {
		dest = quarantineKey
	}
	rep := &Report{Bucket: bucket, Key: key, ETag: etag, Destination: dest, CheckedAt: m.Now().UTC(),
		Columns: m.Config.Schema.Columns, Result: res}
	out.Report = rep

	// The report first, so that a file under valid/ or quarantine/ always
	// has one; a retry overwrites it with the same verdict.
	body, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return out, err
	}
	reportKey := c.ReportPrefix + key + ".json"
	if _, err := m.S3.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(reportKey),
		Body: bytes.NewReader(body), ContentType: aws.String("application/json")}); err != nil {
		return out, fmt.Errorf("PutObject s3://%s/%s: %w", bucket, reportKey, err)
	}

	// Copy exactly the version that was validated (If-Match on its ETag).
	_, err = m.S3.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(bucket), Key: aws.String(dest),
		CopySource: aws.String(copySource(bucket, key)), CopySourceIfMatch: aws.String(etag)})
	if status(err) == 412 {
		// Overwritten since it was read: the new version has its own event.
		out.Outcome = OutcomeReplaced
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("CopyObject s3://%s/%s to %s: %w", bucket, key, dest, err)
	}
	_, err = m.S3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), IfMatch: aws.String(etag)})
	switch status(err) {
	case 0, 404:
		// deleted, or deleted by an earlier attempt
	case 412:
		out.Outcome = OutcomeReplaced
		return out, nil
	default:
		return out, fmt.Errorf("DeleteObject s3://%s/%s: %w", bucket, key, err)
	}
	out.Outcome = OutcomeValid
	if res.Verdict != Valid {
		out.Outcome = OutcomeQuarantined
	}
	return out, nil
}

func (m *Mover) exists(ctx context.Context, bucket, key string) (bool, error) {
	_, err := m.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	switch status(err) {
	case 0:
		return true, nil
	case 404:
		return false, nil
	}
	return false, fmt.Errorf("HeadObject s3://%s/%s: %w", bucket, key, err)
}

// copySource is CopyObject's x-amz-copy-source: bucket/key with every
// segment of the key percent-encoded ("+" and spaces included).
func copySource(bucket, key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	}
	return bucket + "/" + strings.Join(segs, "/")
}

// status is the HTTP status of an SDK error, or 0.
func status(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
