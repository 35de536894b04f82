package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
)

const (
	bucket = "lake"
	region = "eu-west-1"
)

var t0 = time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)

// fakeS3 is gofakes3 in memory on a clock the test moves.
type fakeS3 struct {
	client *s3.Client
	clock  gofakes3.TimeSourceAdvancer
	mu     sync.Mutex
	puts   []string // keys written
}

func newFakeS3(t testing.TB) *fakeS3 {
	f := &fakeS3{clock: gofakes3.FixedTimeSource(t0)}
	backend := s3mem.New(s3mem.WithTimeSource(f.clock))
	inner := gofakes3.New(backend, gofakes3.WithTimeSource(f.clock), gofakes3.WithTimeSkewLimit(0)).Server()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			_, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
			f.mu.Lock()
			f.puts = append(f.puts, key)
			f.mu.Unlock()
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	f.client = s3.NewFromConfig(aws.Config{Region: region, Credentials: awsfake.Credentials()}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.UsePathStyle = true
		o.RetryMaxAttempts = 1
	})
	if _, err := f.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	return f
}

// put writes an object at the clock's time, then moves the clock a second.
func (f *fakeS3) put(t testing.TB, key, body string) {
	t.Helper()
	if _, err := f.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Second)
}

func (f *fakeS3) checkpoint(t testing.TB, key string) Checkpoint {
	t.Helper()
	cp, err := loadCheckpoint(context.Background(), f.client, bucket, key)
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

// fakeDomain is an OpenSearch _bulk endpoint: it checks the signature and
// the path, stores documents by index and id, and answers items with the
// statuses the test queues (201 otherwise).
type fakeDomain struct {
	t        testing.TB
	mu       sync.Mutex
	docs     map[string]map[string]map[string]any // index → id → source
	paths    []string
	requests int
	// status decides the HTTP status of request n (1-based), 0 for 200.
	status func(n int) int
	// item decides the status of an item (request n, its id), 0 for 201.
	item func(n int, id string) (int, string)
}

func newFakeDomain(t testing.TB) (*fakeDomain, *httptest.Server) {
	d := &fakeDomain{t: t, docs: map[string]map[string]map[string]any{}}
	srv := httptest.NewServer(d)
	t.Cleanup(srv.Close)
	return d, srv
}

func (d *fakeDomain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := awsfake.CheckSigned(r, region, "es"); err != nil {
		d.t.Error(err)
		w.WriteHeader(403)
		return
	}
	index, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/_bulk")
	if r.Method != http.MethodPost || !ok || strings.Contains(index, "/") || r.Header.Get("Content-Type") != "application/x-ndjson" {
		d.t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
		w.WriteHeader(400)
		return
	}
	body, _ := io.ReadAll(r.Body)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.requests++
	n := d.requests
	d.paths = append(d.paths, r.URL.Path)
	if d.status != nil {
		if s := d.status(n); s != 0 {
			w.WriteHeader(s)
			fmt.Fprint(w, `{"error":"injected"}`)
			return
		}
	}
	var items []string
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var action map[string]map[string]string
		if err := json.Unmarshal(sc.Bytes(), &action); err != nil {
			d.t.Fatalf("action line %q: %v", sc.Text(), err)
		}
		id := action["index"]["_id"]
		if id == "" || action["index"]["_index"] != "" {
			d.t.Fatalf("action %q: want index with _id and without _index", sc.Text())
		}
		if !sc.Scan() {
			d.t.Fatal("action without a document")
		}
		var doc map[string]any
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			d.t.Fatalf("document %q is not JSON: %v", sc.Text(), err)
		}
		status, errType := 0, ""
		if d.item != nil {
			status, errType = d.item(n, id)
		}
		if status == 0 {
			status = 201
			if d.docs[index] == nil {
				d.docs[index] = map[string]map[string]any{}
			}
			d.docs[index][id] = doc
		}
		it := fmt.Sprintf(`{"index":{"_index":%q,"_id":%q,"status":%d}}`, index, id, status)
		if errType != "" {
			it = fmt.Sprintf(`{"index":{"_index":%q,"_id":%q,"status":%d,"error":{"type":%q,"reason":"injected"}}}`, index, id, status, errType)
		}
		items = append(items, it)
	}
	fmt.Fprintf(w, `{"took":1,"errors":false,"items":[%s]}`, strings.Join(items, ","))
}

func (d *fakeDomain) count(index string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.docs[index])
}

// newIndexer is the function as main builds it, on the fakes.
func newIndexer(t testing.TB, f *fakeS3, srv *httptest.Server, env map[string]string) *Indexer {
	t.Helper()
	base := map[string]string{"BUCKET": bucket, "PREFIX": "exports/", "CHECKPOINT_KEY": "state/csvindex.json",
		"DOMAIN_ENDPOINT": "search.example", "INDEX": "exports", "SCHEMA": "order_id:int,amount:float,paid:bool,ordered_at:timestamp"}
	for k, v := range env {
		base[k] = v
	}
	x, err := fromEnv(func(k string) string { return base[k] })
	if err != nil {
		t.Fatal(err)
	}
	x.S3 = f.client
	x.HTTP = srv.Client()
	x.BaseURL = srv.URL
	x.Signer = &sigv4.Signer{Credentials: awsfake.Credentials(), Region: region}
	x.Sleep = func(context.Context, time.Duration) error { return nil }
	x.Margin = time.Second
	return x
}
