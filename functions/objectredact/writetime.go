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
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
)

// ErrIgnored is an Object Created event the write-time mode has nothing to
// do for: another bucket, a key outside SOURCE_PREFIX (a redacted copy
// included), a folder marker, an object deleted before it was read.
var ErrIgnored = errors.New("ignored")

// Copy is what the write-time mode did with one object.
type Copy struct {
	Source, Dest string
	Stats        Stats
}

// CopyRedacted reads the object an Object Created event names, redacts it
// and writes the result to the same bucket under RedactedPrefix with the
// rest of the key (raw/orders/1.json → redacted/orders/1.json). It reads the
// current version, not the event's: when events of one key arrive out of
// order, the last copy written is still of the newest version. The copy is
// encrypted by the bucket's default encryption.
func (r *Redactor) CopyRedacted(ctx context.Context, d s3event.Detail) (Copy, error) {
	c := r.Config
	key := d.Object.Key
	switch {
	case !c.WriteTime():
		return Copy{}, errors.New("an Object Created event, but the write-time mode is not configured (BUCKET, SOURCE_PREFIX, REDACTED_PREFIX)")
	case d.Bucket.Name != c.Bucket:
		return Copy{}, fmt.Errorf("%w: bucket %q is not %q", ErrIgnored, d.Bucket.Name, c.Bucket)
	case strings.HasPrefix(key, c.RedactedPrefix):
		return Copy{}, fmt.Errorf("%w: %q is a redacted copy", ErrIgnored, key)
	case !strings.HasPrefix(key, c.SourcePrefix):
		return Copy{}, fmt.Errorf("%w: %q is not under %q", ErrIgnored, key, c.SourcePrefix)
	case strings.HasSuffix(key, "/"):
		return Copy{}, fmt.Errorf("%w: %q is a folder marker", ErrIgnored, key)
	}
	cp := Copy{Source: key, Dest: c.RedactedPrefix + strings.TrimPrefix(key, c.SourcePrefix)}
	out, err := r.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(key)})
	if err != nil {
		var nsk *s3types.NoSuchKey
		if errors.As(err, &nsk) {
			return cp, fmt.Errorf("%w: %q was deleted before it was redacted", ErrIgnored, key)
		}
		return cp, fmt.Errorf("get s3://%s/%s: %w", c.Bucket, key, err)
	}
	defer out.Body.Close()
	if n := aws.ToInt64(out.ContentLength); n > c.MaxObjectBytes {
		return cp, fmt.Errorf("s3://%s/%s: %w (%d bytes, limit %d)", c.Bucket, key, ErrTooLarge, n, c.MaxObjectBytes)
	}
	var buf bytes.Buffer
	if n := aws.ToInt64(out.ContentLength); n > 0 {
		buf.Grow(int(n + n/16))
	}
	cp.Stats, err = Redact(out.Body, &buf, c.MaxObjectBytes)
	if err != nil {
		return cp, fmt.Errorf("s3://%s/%s: %w", c.Bucket, key, err)
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
