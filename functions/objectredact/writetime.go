package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
)

// ErrIgnored is an event the write-time mode has nothing to do for:
// another bucket, a key outside SOURCE_PREFIX (a redacted copy included),
// a folder marker, an object deleted before it was read, a deletion of an
// original that still has a current version.
var ErrIgnored = errors.New("ignored")

// Copy is what the write-time mode did with one object.
type Copy struct {
	Source, Dest string
	Stats        Stats
}

// watched returns ErrIgnored (wrapped) for an event the write-time mode
// has nothing to do with, and another error without its configuration.
func (r *Redactor) watched(d s3event.Detail) (Copy, error) {
	c := r.Config
	key := d.Object.Key
	switch {
	case !c.WriteTime():
		return Copy{}, errors.New("an S3 event, but the write-time mode is not configured (BUCKET, SOURCE_PREFIX, REDACTED_PREFIX)")
	case d.Bucket.Name != c.Bucket:
		return Copy{}, fmt.Errorf("%w: bucket %q is not %q", ErrIgnored, d.Bucket.Name, c.Bucket)
	case strings.HasPrefix(key, c.RedactedPrefix):
		return Copy{}, fmt.Errorf("%w: %q is a redacted copy", ErrIgnored, key)
	case !strings.HasPrefix(key, c.SourcePrefix):
		return Copy{}, fmt.Errorf("%w: %q is not under %q", ErrIgnored, key, c.SourcePrefix)
	case strings.HasSuffix(key, "/"):
		return Copy{}, fmt.Errorf("%w: %q is a folder marker", ErrIgnored, key)
	}
	return Copy{Source: key, Dest: c.RedactedPrefix + strings.TrimPrefix(key, c.SourcePrefix)}, nil
}

// CopyRedacted reads the object an Object Created event names, redacts it
// and writes the result to the same bucket under RedactedPrefix with the
// rest of the key (raw/orders/1.json → redacted/orders/1.json). It reads the
// current version, not the event's: when events of one key arrive out of
// order, the last copy written is still of the newest version. The copy is
// encrypted by the bucket's default encryption.
func (r *Redactor) CopyRedacted(ctx context.Context, d s3event.Detail) (Copy, error) {
	cp, err := r.watched(d)
	if err != nil {
		return cp, err
	}
	c := r.Config
	out, err := r.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(cp.Source)})
	if err != nil {
		if notFound(err) {
			return cp, fmt.Errorf("%w: %q was deleted before it was redacted", ErrIgnored, cp.Source)
		}
		return cp, fmt.Errorf("get s3://%s/%s: %w", c.Bucket, cp.Source, err)
	}
	defer out.Body.Close()
	if n := aws.ToInt64(out.ContentLength); n > c.MaxObjectBytes {
		return cp, fmt.Errorf("s3://%s/%s: %w (%d bytes, limit %d)", c.Bucket, cp.Source, ErrTooLarge, n, c.MaxObjectBytes)
	}
	var buf bytes.Buffer
	if n := aws.ToInt64(out.ContentLength); n > 0 {
		buf.Grow(int(n + n/16))
	}
	cp.Stats, err = Redact(out.Body, &buf, c.MaxObjectBytes)
	if err != nil {
		return cp, fmt.Errorf("s3://%s/%s: %w", c.Bucket, cp.Source, err)
	}
	meta := map[string]string{"pii-redactions": strconv.Itoa(cp.Stats.Redactions.Total())}
	if v := aws.ToString(out.VersionId); v != "" {
		meta["source-version-id"] = v
	}
	_, err = r.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket:        aws.String(c.Bucket),
		Key:           aws.String(cp.Dest),
		Body:          bytes.NewReader(buf.Bytes()),
		ContentLength: aws.Int64(int64(buf.Len())),
		ContentType:   out.ContentType,
		Metadata:      meta,
	})
	if err != nil {
		return cp, fmt.Errorf("put s3://%s/%s: %w", c.Bucket, cp.Dest, err)
	}
	return cp, nil
}

// RemoveRedacted deletes the copy of an original that no longer has a
// current version (deleted, or a delete marker on top), so that the
// redacted view follows the original. A deletion of a noncurrent version
// leaves the copy, which is of the current one. In a versioned bucket the
// copy gets a delete marker.
func (r *Redactor) RemoveRedacted(ctx context.Context, d s3event.Detail) (Copy, error) {
	cp, err := r.watched(d)
	if err != nil {
		return cp, err
	}
	c := r.Config
	_, err = r.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(cp.Source)})
	switch {
	case err == nil:
		return cp, fmt.Errorf("%w: %q still has a current version", ErrIgnored, cp.Source)
	case !notFound(err):
		return cp, fmt.Errorf("head s3://%s/%s: %w", c.Bucket, cp.Source, err)
	}
	if _, err := r.S3.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(cp.Dest)}); err != nil {
		return cp, fmt.Errorf("delete s3://%s/%s: %w", c.Bucket, cp.Dest, err)
	}
	return cp, nil
}

// notFound reports an S3 error for a missing key (NoSuchKey from
// GetObject, NotFound from HeadObject, whose 404 has no body).
func notFound(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchKey", "NotFound":
			return true
		}
	}
	return false
}
