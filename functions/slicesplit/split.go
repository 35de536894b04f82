package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Splitter splits the large files of one prefix.
type Splitter struct {
	Config Config
	S3     S3API
	Log    *slog.Logger
}

// Result of one file.
type Result struct {
	Key     string `json:"key"`
	Skipped string `json:"skipped,omitempty"` // why nothing was written
	Gzip    bool   `json:"gzip"`
	Source  int64  `json:"sourceBytes"`
	SplitStats
	Prefix string `json:"prefix"` // the parts' common prefix
}

// PartPrefix is the prefix of the parts of the source key: TARGET_PREFIX,
// the key below SOURCE_PREFIX without ".gz", and "/".
func (c Config) PartPrefix(key string) string {
	return c.TargetPrefix + strings.TrimSuffix(strings.TrimPrefix(key, c.SourcePrefix), ".gz") + "/"
}

// PartKey is the key of part i of n of the source key.
func (c Config) PartKey(key string, i, n int, gz bool) string {
	name := fmt.Sprintf("part-%05d-of-%05d", i, n)
	if gz {
		name += ".gz"
	}
	return c.PartPrefix(key) + name
}

// Split splits s3://Bucket/key into its parts.
func (s *Splitter) Split(ctx context.Context, key string) (Result, error) {
	began := time.Now()
	res := Result{Key: key}
	c := s.Config
	switch {
	case !strings.HasPrefix(key, c.SourcePrefix):
		res.Skipped = "not under " + c.SourcePrefix
		return res, nil
	case strings.HasSuffix(key, "/"):
		res.Skipped = "a folder key"
		return res, nil
	}
	out, err := s.S3.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(c.Bucket), Key: aws.String(key)})
	if err != nil {
		return res, fmt.Errorf("GetObject s3://%s/%s: %w", c.Bucket, key, err)
	}
	defer out.Body.Close()
	res.Source = aws.ToInt64(out.ContentLength)
	if res.Source == 0 {
		res.Skipped = "empty"
		return res, nil
	}
	counter := &countingReader{r: bufio.NewReaderSize(out.Body, 256<<10)}
	magic, _ := counter.r.Peek(2)
	res.Gzip = len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	var src io.Reader = counter
	if res.Gzip {
		zr, err := gzip.NewReader(counter)
		if err != nil {
			return res, fmt.Errorf("s3://%s/%s: %w", c.Bucket, key, err)
		}
		defer zr.Close()
		src = zr
	}
	n := PartCount(res.Source, c.Slices, c.MaxPartBytes)
	res.Prefix = c.PartPrefix(key)
	open := func(i, n int) (io.WriteCloser, error) {
		ow := &objectWriter{ctx: ctx, s3: s.S3, bucket: c.Bucket, key: c.PartKey(key, i, n, res.Gzip), partSize: c.PartBufferBytes}
		if !res.Gzip {
			return ow, nil
		}
		return &gzipObject{zw: gzip.NewWriter(ow), ow: ow}, nil
	}
	consumed := func(written int64) int64 { return written }
	if res.Gzip {
		consumed = func(int64) int64 { return counter.n }
	}
	res.SplitStats, err = SplitRecords(src, consumed, res.Source, n, c.Format == "CSV", open)
	s.Log.Info("split", "key", key, "gzip", res.Gzip, "source_bytes", res.Source, "parts", res.Parts,
		"records", res.Records, "bytes", res.Bytes, "prefix", res.Prefix, "duration_ms", time.Since(began).Milliseconds(), "ok", err == nil)
	if err != nil {
		return res, fmt.Errorf("s3://%s/%s: %w", c.Bucket, key, err)
	}
	return res, nil
}

// gzipObject compresses into an object.
type gzipObject struct {
	zw *gzip.Writer
	ow *objectWriter
}

func (g *gzipObject) Write(p []byte) (int, error) { return g.zw.Write(p) }

func (g *gzipObject) Close() error {
	if err := g.zw.Close(); err != nil {
		g.ow.abort()
		return err
	}
	return g.ow.Close()
}
