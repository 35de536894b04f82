package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/require"
)

const testBucket = "lake-raw"

// bucketServer is gofakes3 in memory behind the real SDK client (REST-XML
// over HTTP), recording "METHOD bucket/key" and failing the requests fail
// picks with a 500 InternalError.
type bucketServer struct {
	backend *s3mem.Backend
	client  *s3.Client
	mu      sync.Mutex
	reqs    []string
	fail    func(req string) bool
}

func newBucketServer(t *testing.T) *bucketServer {
	b := &bucketServer{backend: s3mem.New()}
	inner := gofakes3.New(b.backend, gofakes3.WithTimeSkewLimit(0)).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := r.Method + " " + strings.TrimPrefix(r.URL.Path, "/")
		b.mu.Lock()
		b.reqs = append(b.reqs, req)
		fail := b.fail
		b.mu.Unlock()
		if fail != nil && fail(req) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `<Error><Code>InternalError</Code><Message>injected</Message></Error>`)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	b.client = s3.NewFromConfig(aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")},
		func(o *s3.Options) {
			o.BaseEndpoint = aws.String(srv.URL)
			o.UsePathStyle = true
			o.RetryMaxAttempts = 1
		})
	_, err := b.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(testBucket)})
	require.NoError(t, err)
	b.reqs = nil
	return b
}

func (b *bucketServer) put(t *testing.T, key, body, contentType string) {
	t.Helper()
	_, err := b.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key),
		Body: strings.NewReader(body), ContentType: aws.String(contentType)})
	require.NoError(t, err)
	b.mu.Lock()
	b.reqs = nil
	b.mu.Unlock()
}

func (b *bucketServer) requests() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.reqs...)
}

func createdEvent(t testing.TB, key string) []byte {
	raw, err := os.ReadFile("testdata/object_created_event.json")
	require.NoError(t, err)
	return []byte(strings.ReplaceAll(string(raw), "{{KEY}}", key))
}

func writeTimeRedactor(b *bucketServer) *Redactor {
	return &Redactor{
		Config: Config{MaxObjectBytes: DefaultMaxObjectBytes, Bucket: testBucket, SourcePrefix: "raw/", RedactedPrefix: "redacted/"},
		S3:     b.client, HTTP: http.DefaultClient, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}
}

func TestWriteTimeCopiesRedacted(t *testing.T) {
	in, err := os.ReadFile("testdata/orders.jsonl")
	require.NoError(t, err)
	want, err := os.ReadFile("testdata/orders.redacted.jsonl")
	require.NoError(t, err)
	b := newBucketServer(t)
	b.put(t, "raw/orders/2026-11-25.jsonl", string(in), "application/x-ndjson")

	require.NoError(t, handler(writeTimeRedactor(b))(context.Background(), createdEvent(t, "raw/orders/2026-11-25.jsonl")))
	require.Equal(t, []string{"GET lake-raw/raw/orders/2026-11-25.jsonl", "PUT lake-raw/redacted/orders/2026-11-25.jsonl"}, b.requests())

	out, err := b.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String("redacted/orders/2026-11-25.jsonl")})
	require.NoError(t, err)
	got, _ := io.ReadAll(out.Body)
	require.Equal(t, string(want), string(got))
	require.Equal(t, "application/x-ndjson", aws.ToString(out.ContentType))
	require.Equal(t, "8", out.Metadata["pii-redactions"])
	// The original is untouched.
	orig, err := b.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String("raw/orders/2026-11-25.jsonl")})
	require.NoError(t, err)
	o, _ := io.ReadAll(orig.Body)
	require.Equal(t, string(in), string(o))
}

func TestWriteTimeIgnores(t *testing.T) {
	b := newBucketServer(t)
	r := writeTimeRedactor(b)
	for _, key := range []string{
		"redacted/orders/1.jsonl",  // a copy: never redacted again
		"staging/orders/1.jsonl",   // outside the source prefix
		"raw/orders/",              // folder marker
		"raw/orders/deleted.jsonl", // gone before it was read (NoSuchKey)
	} {
		require.NoError(t, handler(r)(context.Background(), createdEvent(t, key)), key)
	}
	require.Equal(t, []string{"GET lake-raw/raw/orders/deleted.jsonl"}, b.requests())

	// Another bucket's event (the rule filters them; the function checks).
	r.Config.Bucket = "other"
	require.NoError(t, handler(r)(context.Background(), createdEvent(t, "raw/x.csv")))
	require.Len(t, b.requests(), 1)
}

func TestWriteTimeFailuresReturnErrors(t *testing.T) {
	b := newBucketServer(t)
	b.put(t, "raw/a.csv", "email\nx@example.com\n", "text/csv")
	r := writeTimeRedactor(b)

	b.fail = func(req string) bool { return strings.HasPrefix(req, "PUT ") }
	err := handler(r)(context.Background(), createdEvent(t, "raw/a.csv"))
	require.ErrorContains(t, err, "put s3://lake-raw/redacted/a.csv:")
	require.ErrorContains(t, err, "InternalError")

	b.fail = func(req string) bool { return strings.HasPrefix(req, "GET ") }
	require.ErrorContains(t, handler(r)(context.Background(), createdEvent(t, "raw/a.csv")), "get s3://lake-raw/raw/a.csv:")

	b.fail = nil
	r.Config.MaxObjectBytes = 10
	err = handler(r)(context.Background(), createdEvent(t, "raw/a.csv"))
	require.ErrorIs(t, err, ErrTooLarge)
	require.ErrorContains(t, err, "(20 bytes, limit 10)")

	// Without the write-time configuration (an Object Lambda function
	// given an S3 event), the event fails.
	r.Config = Config{MaxObjectBytes: DefaultMaxObjectBytes}
	require.ErrorContains(t, handler(r)(context.Background(), createdEvent(t, "raw/a.csv")), "the write-time mode is not configured")
}

func TestUnknownEventsFail(t *testing.T) {
	r := writeTimeRedactor(newBucketServer(t))
	for _, ev := range []string{`[]`, `{}`, `{"source":"aws.s3","detail-type":"Object Deleted","detail":{}}`, `{"getObjectContext":{"inputS3Url":"https://x"}}`} {
		require.Error(t, handler(r)(context.Background(), []byte(ev)), ev)
	}
}

func deletedEvent(t testing.TB, key string) []byte {
	s := strings.Replace(string(createdEvent(t, key)), `"detail-type": "Object Created"`, `"detail-type": "Object Deleted"`, 1)
	return []byte(strings.Replace(s, `"reason": "PutObject"`, `"reason": "DeleteObject", "deletion-type": "Delete Marker Created"`, 1))
}

func TestWriteTimeDeletesTheCopyWithTheOriginal(t *testing.T) {
	b := newBucketServer(t)
	r := writeTimeRedactor(b)
	b.put(t, "raw/a.csv", "email\nx@example.com\n", "text/csv")
	require.NoError(t, handler(r)(context.Background(), createdEvent(t, "raw/a.csv")))

	// The original is still there (an old version was deleted): the copy stays.
	b.mu.Lock()
	b.reqs = nil
	b.mu.Unlock()
	require.NoError(t, handler(r)(context.Background(), deletedEvent(t, "raw/a.csv")))
	require.Equal(t, []string{"HEAD lake-raw/raw/a.csv"}, b.requests())

	_, err := b.client.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(testBucket), Key: aws.String("raw/a.csv")})
	require.NoError(t, err)
	b.mu.Lock()
	b.reqs = nil
	b.mu.Unlock()
	require.NoError(t, handler(r)(context.Background(), deletedEvent(t, "raw/a.csv")))
	require.Equal(t, []string{"HEAD lake-raw/raw/a.csv", "DELETE lake-raw/redacted/a.csv"}, b.requests())
	_, err = b.backend.HeadObject(testBucket, "redacted/a.csv")
	require.Error(t, err, "the copy is gone")

	// Deletions of copies and of other prefixes are not followed.
	b.mu.Lock()
	b.reqs = nil
	b.mu.Unlock()
	require.NoError(t, handler(r)(context.Background(), deletedEvent(t, "redacted/a.csv")))
	require.NoError(t, handler(r)(context.Background(), deletedEvent(t, "other/a.csv")))
	require.Empty(t, b.requests())
}

func TestWriteTimeDeletionFailuresReturnErrors(t *testing.T) {
	b := newBucketServer(t)
	r := writeTimeRedactor(b)
	b.fail = func(req string) bool { return strings.HasPrefix(req, "HEAD ") }
	require.ErrorContains(t, handler(r)(context.Background(), deletedEvent(t, "raw/gone.csv")), "head s3://lake-raw/raw/gone.csv:")
	b.fail = func(req string) bool { return strings.HasPrefix(req, "DELETE ") }
	require.ErrorContains(t, handler(r)(context.Background(), deletedEvent(t, "raw/gone.csv")), "delete s3://lake-raw/redacted/gone.csv:")
}
