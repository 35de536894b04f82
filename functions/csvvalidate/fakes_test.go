package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/require"
)

const testBucket = "lake"

// fakeS3 is gofakes3 in memory behind a handler that adds what gofakes3
// lacks (If-Match on DeleteObject, x-amz-copy-source-if-match on
// CopyObject), records requests and injects failures. The real SDK client
// talks to it over HTTP.
type fakeS3 struct {
	backend *s3mem.Backend
	client  *s3.Client

	mu       sync.Mutex
	requests []string                     // "METHOD key"
	fail     func(method, key string) int // status to answer instead, 0 for none
	before   func(method, key string)     // called before a request is served
}

func newFakeS3(t testing.TB) *fakeS3 {
	f := &fakeS3{backend: s3mem.New()}
	inner := gofakes3.New(f.backend, gofakes3.WithTimeSkewLimit(0)).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		f.mu.Lock()
		f.requests = append(f.requests, r.Method+" "+key)
		fail, before := f.fail, f.before
		f.mu.Unlock()
		if before != nil {
			before(r.Method, key)
		}
		if fail != nil {
			if st := fail(r.Method, key); st != 0 {
				_, _ = io.Copy(io.Discard, r.Body)
				s3Error(w, st, "Injected")
				return
			}
		}
		if m := r.Header.Get("If-Match"); m != "" && r.Method == http.MethodDelete {
			if got := f.etag(bucket, key); got != "" && got != m {
				s3Error(w, http.StatusPreconditionFailed, "PreconditionFailed")
				return
			}
		}
		if m := r.Header.Get("X-Amz-Copy-Source-If-Match"); m != "" {
			src := strings.SplitN(strings.TrimPrefix(r.Header.Get("X-Amz-Copy-Source"), "/"), "/", 2)
			srcKey, _ := unescape(src[1])
			if got := f.etag(src[0], srcKey); got != m {
				_, _ = io.Copy(io.Discard, r.Body)
				s3Error(w, http.StatusPreconditionFailed, "PreconditionFailed")
				return
			}
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.client = s3.NewFromConfig(aws.Config{
		Region:      "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.UsePathStyle = true
		o.RetryMaxAttempts = 1
	})
	_, err := f.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(testBucket)})
	require.NoError(t, err)
	f.mu.Lock()
	f.requests = nil
	f.mu.Unlock()
	return f
}

func unescape(s string) (string, error) { return url.QueryUnescape(s) }

func (f *fakeS3) etag(bucket, key string) string {
	o, err := f.backend.HeadObject(bucket, key)
	if err != nil {
		return ""
	}
	return `"` + hex.EncodeToString(o.Hash) + `"`
}

func s3Error(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>injected</Message></Error>`, code)
}

func (f *fakeS3) put(t testing.TB, key, body string) {
	t.Helper()
	_, err := f.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key), Body: strings.NewReader(body)})
	require.NoError(t, err)
}

// get returns the object's content, or ok false when it does not exist.
func (f *fakeS3) get(t testing.TB, key string) (string, bool) {
	t.Helper()
	o, err := f.backend.GetObject(testBucket, key, nil)
	if err != nil {
		return "", false
	}
	defer o.Contents.Close()
	b, err := io.ReadAll(o.Contents)
	require.NoError(t, err)
	return string(b), true
}

func (f *fakeS3) reqs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewJSONHandler(io.Discard, nil))
}

func fixedNow() time.Time { return time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) }
