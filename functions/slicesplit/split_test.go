package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

const bucket = "staging"

// fakeS3 is gofakes3 in memory behind a handler that records requests and
// can fail some.
type fakeS3 struct {
	client *s3.Client
	mu     sync.Mutex
	calls  []string // "METHOD key?query"
	fail   func(r *http.Request) bool
}

func newFakeS3(t *testing.T) *fakeS3 {
	f := &fakeS3{}
	inner := gofakes3.New(s3mem.New(), gofakes3.WithTimeSkewLimit(0)).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls = append(f.calls, r.Method+" "+strings.TrimPrefix(r.URL.Path, "/"+bucket+"/")+"?"+r.URL.RawQuery)
		fail := f.fail
		f.mu.Unlock()
		if fail != nil && fail(r) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>injected</Message></Error>`)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.client = s3.NewFromConfig(aws.Config{Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")},
		func(o *s3.Options) {
			o.BaseEndpoint = aws.String(srv.URL)
			o.UsePathStyle = true
			o.RetryMaxAttempts = 1
		})
	if _, err := f.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fakeS3) put(t *testing.T, key string, body []byte) {
	t.Helper()
	if _, err := f.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

func (f *fakeS3) get(t *testing.T, key string) []byte {
	t.Helper()
	out, err := f.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	defer out.Body.Close()
	b, _ := io.ReadAll(out.Body)
	return b
}

func (f *fakeS3) keys(t *testing.T, prefix string) []string {
	t.Helper()
	out, err := f.client.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, o := range out.Contents {
		keys = append(keys, aws.ToString(o.Key))
	}
	return keys
}

func (f *fakeS3) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func testConfig(slices int) Config {
	return Config{Bucket: bucket, SourcePrefix: "incoming/orders-large/", TargetPrefix: "incoming/orders/", Slices: slices,
		Format: "CSV", MaxPartBytes: DefaultMaxPartBytes, PartBufferBytes: MinPartBufferBytes}
}

func csvRows(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "%d,customer-%d,\"note, with comma %d\",%d.%02d\n", i, i%97, i, i*7, i%100)
	}
	return b.Bytes()
}

func gz(t *testing.T, b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSplitGzipIntoSliceMultiple(t *testing.T) {
	f := newFakeS3(t)
	data := csvRows(20000)
	f.put(t, "incoming/orders-large/2026/11/25/orders.csv.gz", gz(t, data))
	s := &Splitter{Config: testConfig(4), S3: f.client, Log: slog.New(slog.DiscardHandler)}
	event := `{"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"staging"},"object":{"key":"incoming/orders-large/2026/11/25/orders.csv.gz"}}}`
	res, err := s.Handle(context.Background(), json.RawMessage(event))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Gzip || res.Parts != 4 || res.Records != 20000 || res.Prefix != "incoming/orders/2026/11/25/orders.csv/" {
		t.Fatalf("result = %+v", res)
	}
	keys := f.keys(t, "incoming/orders/")
	want := []string{"part-00000-of-00004.gz", "part-00001-of-00004.gz", "part-00002-of-00004.gz", "part-00003-of-00004.gz"}
	if len(keys) != 4 {
		t.Fatalf("keys = %v", keys)
	}
	var joined []byte
	for i, k := range keys {
		if k != res.Prefix+want[i] {
			t.Errorf("key %d = %s, want %s", i, k, res.Prefix+want[i])
		}
		part := gunzip(t, f.get(t, k))
		if n := bytes.Count(part, []byte("\n")); n < 20000/4/2 || n > 20000/4*2 {
			t.Errorf("part %d holds %d records of 20000: not balanced", i, n)
		}
		joined = append(joined, part...)
	}
	if !bytes.Equal(joined, data) {
		t.Error("the parts, decompressed and joined, are not the file")
	}

	// A retry writes the same parts.
	before := map[string][]byte{}
	for _, k := range keys {
		before[k] = gunzip(t, f.get(t, k))
	}
	if _, err := s.Handle(context.Background(), json.RawMessage(event)); err != nil {
		t.Fatal(err)
	}
	for _, k := range f.keys(t, "incoming/orders/") {
		if !bytes.Equal(before[k], gunzip(t, f.get(t, k))) {
			t.Errorf("%s changed on retry", k)
		}
	}
}

func TestSplitPlainMultipart(t *testing.T) {
	f := newFakeS3(t)
	data := csvRows(300000) // about 12 MiB
	f.put(t, "incoming/orders-large/day.csv", data)
	s := &Splitter{Config: testConfig(2), S3: f.client, Log: slog.New(slog.DiscardHandler)}
	res, err := s.Handle(context.Background(), json.RawMessage(`{"bucket":"staging","key":"incoming/orders-large/day.csv"}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.Gzip || res.Parts != 2 {
		t.Fatalf("result = %+v", res)
	}
	a, b := f.get(t, "incoming/orders/day.csv/part-00000-of-00002"), f.get(t, "incoming/orders/day.csv/part-00001-of-00002")
	if !bytes.Equal(append(a, b...), data) {
		t.Error("the parts are not the file")
	}
	// Each part (about 6 MiB) went up in two multipart parts of at most 5 MiB.
	if n := f.count("PUT incoming/orders/day.csv/part-0000"); n != 4 {
		t.Errorf("%d part uploads, want 4 (two per object)", n)
	}
	if n := f.count("POST incoming/orders/day.csv/part-00000-of-00002?uploads"); n != 1 {
		t.Errorf("%d CreateMultipartUpload for part 0, want 1", n)
	}
}

func TestSplitAbortsAFailedUpload(t *testing.T) {
	f := newFakeS3(t)
	f.put(t, "incoming/orders-large/day.csv", csvRows(300000))
	f.fail = func(r *http.Request) bool {
		return r.Method == http.MethodPut && r.URL.Query().Get("partNumber") == "2"
	}
	s := &Splitter{Config: testConfig(1), S3: f.client, Log: slog.New(slog.DiscardHandler)}
	_, err := s.Handle(context.Background(), json.RawMessage(`{"bucket":"staging","key":"incoming/orders-large/day.csv"}`))
	if err == nil || !strings.Contains(err.Error(), "UploadPart 2") {
		t.Fatalf("err = %v", err)
	}
	if n := f.count("DELETE incoming/orders/day.csv/part-00000-of-00001?uploadId="); n != 1 {
		t.Errorf("%d AbortMultipartUpload, want 1", n)
	}
	if keys := f.keys(t, "incoming/orders/"); len(keys) != 0 {
		t.Errorf("a failed split left parts: %v", keys)
	}
}

func TestSplitSkipsAndRefuses(t *testing.T) {
	f := newFakeS3(t)
	f.put(t, "incoming/orders-large/empty.csv", nil)
	s := &Splitter{Config: testConfig(2), S3: f.client, Log: slog.New(slog.DiscardHandler)}
	for key, why := range map[string]string{"incoming/orders-large/empty.csv": "empty", "other/x.csv": "not under incoming/orders-large/", "incoming/orders-large/dir/": "a folder key"} {
		res, err := s.Handle(context.Background(), json.RawMessage(`{"bucket":"staging","key":"`+key+`"}`))
		if err != nil || res.Skipped != why {
			t.Errorf("%s: %+v %v, want skipped %q", key, res, err, why)
		}
	}
	if _, err := s.Handle(context.Background(), json.RawMessage(`{"bucket":"elsewhere","key":"incoming/orders-large/a.csv"}`)); err == nil {
		t.Error("an object of another bucket must be an error")
	}
	if len(f.keys(t, "incoming/orders/")) != 0 {
		t.Error("parts written for a skipped object")
	}
}

func TestConfigFromEnv(t *testing.T) {
	good := map[string]string{"BUCKET": "staging", "SOURCE_PREFIX": "incoming/orders-large/", "TARGET_PREFIX": "incoming/orders/", "SLICES": "4", "FORMAT": "csv"}
	c, err := ConfigFromEnv(func(k string) string { return good[k] })
	if err != nil || c.Slices != 4 || c.Format != "CSV" || c.MaxPartBytes != DefaultMaxPartBytes || c.PartBufferBytes != DefaultPartBufferBytes {
		t.Fatalf("%+v %v", c, err)
	}
	bad := map[string]string{"BUCKET": "", "SOURCE_PREFIX": "incoming/", "TARGET_PREFIX": "incoming/orders/", "SLICES": "0", "FORMAT": "PARQUET",
		"MAX_PART_BYTES": "10", "PART_BUFFER_BYTES": "1024"}
	_, err = ConfigFromEnv(func(k string) string { return bad[k] })
	for _, w := range []string{"BUCKET=", `TARGET_PREFIX="incoming/orders/": a prefix that does not overlap`, `SLICES="0"`, `FORMAT="PARQUET"`, `MAX_PART_BYTES="10"`, `PART_BUFFER_BYTES="1024"`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error %v lacks %s", err, w)
		}
	}
}
