package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/stretchr/testify/require"
)

const (
	testBucket = "lake"
	testRole   = "arn:aws:iam::111111111111:role/redshift-copy"
	testSecret = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:dwh-loader-AbCdEf"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// baseEnv is a provisioned cluster loading gzipped CSV.
func baseEnv() map[string]string {
	return map[string]string{
		"SOURCE_BUCKET": testBucket, "SOURCE_PREFIX": "incoming/", "MANIFEST_PREFIX": "manifests/",
		"TARGET_TABLE": "analytics.events", "IAM_ROLE_ARN": testRole, "FORMAT": "CSV", "COMPRESSION": "GZIP",
		"CLUSTER_IDENTIFIER": "dwh", "DATABASE": "dev", "SECRET_ARN": testSecret,
	}
}

// fakeS3 is gofakes3 (in memory, on a clock the test moves) behind a
// handler that adds what gofakes3 lacks, conditional PutObject
// (If-None-Match: *), and records requests.
type fakeS3 struct {
	server  *httptest.Server
	backend *s3mem.Backend
	clock   gofakes3.TimeSourceAdvancer
	client  *s3.Client

	mu       sync.Mutex
	requests []recorded
	failPut  func(key string) bool // answer 503 to these PUTs
}

type recorded struct {
	Method, Key, Query string
	Header             http.Header
}

func newFakeS3(t testing.TB) *fakeS3 {
	f := &fakeS3{clock: gofakes3.FixedTimeSource(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))}
	f.backend = s3mem.New(s3mem.WithTimeSource(f.clock))
	inner := gofakes3.New(f.backend, gofakes3.WithTimeSource(f.clock), gofakes3.WithTimeSkewLimit(0)).Server()
	f.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, key, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		f.mu.Lock()
		f.requests = append(f.requests, recorded{Method: r.Method, Key: key, Query: r.URL.RawQuery, Header: r.Header.Clone()})
		fail := f.failPut
		f.mu.Unlock()
		if r.Method == http.MethodPut && key != "" {
			if fail != nil && fail(key) {
				_, _ = io.Copy(io.Discard, r.Body)
				s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable")
				return
			}
			if r.Header.Get("If-None-Match") == "*" {
				if _, err := f.backend.HeadObject(bucket, key); err == nil {
					_, _ = io.Copy(io.Discard, r.Body)
					s3Error(w, http.StatusPreconditionFailed, "PreconditionFailed")
					return
				}
			}
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(f.server.Close)
	f.client = s3.NewFromConfig(aws.Config{
		Region:      "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(f.server.URL)
		o.UsePathStyle = true
		o.RetryMaxAttempts = 1 // injected failures fail at once
	})
	_, err := f.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(testBucket)})
	require.NoError(t, err)
	return f
}

func s3Error(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>injected</Message></Error>`, code)
}

func (f *fakeS3) put(t testing.TB, key string, body string) {
	t.Helper()
	_, err := f.client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key), Body: strings.NewReader(body)})
	require.NoError(t, err)
}

// putDirect stores through the backend: gofakes3's HTTP layer drops a
// key's trailing '/', which real S3 keeps (console "folders").
func (f *fakeS3) putDirect(t testing.TB, key string, body string) {
	t.Helper()
	_, err := f.backend.PutObject(testBucket, key, map[string]string{}, strings.NewReader(body), int64(len(body)))
	require.NoError(t, err)
}

func (f *fakeS3) get(t testing.TB, key string) []byte {
	t.Helper()
	out, err := f.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key)})
	require.NoError(t, err, key)
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	require.NoError(t, err)
	return data
}

func (f *fakeS3) exists(t testing.TB, key string) bool {
	t.Helper()
	_, err := f.backend.HeadObject(testBucket, key)
	return err == nil
}

func (f *fakeS3) remove(t testing.TB, key string) {
	t.Helper()
	_, err := f.client.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(testBucket), Key: aws.String(key)})
	require.NoError(t, err)
}

// keys lists the bucket's keys under prefix.
func (f *fakeS3) keys(t testing.TB, prefix string) []string {
	t.Helper()
	var keys []string
	p := s3.NewListObjectsV2Paginator(f.client, &s3.ListObjectsV2Input{Bucket: aws.String(testBucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		require.NoError(t, err)
		for _, o := range page.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	return keys
}

// requestsWhere returns the recorded requests that match.
func (f *fakeS3) requestsWhere(match func(recorded) bool) []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []recorded
	for _, r := range f.requests {
		if match(r) {
			out = append(out, r)
		}
	}
	return out
}

// fakeData is the Data API with an in-memory audit table. Batches run the
// statements of LoadSQL: the guard fails a batch whose id is already in the
// audit table; otherwise the batch commits (or fails with copyError).
type fakeData struct {
	mu    sync.Mutex
	audit map[string]bool
	stmts map[string]*fakeStmt
	seq   int

	batches   []*redshiftdata.BatchExecuteStatementInput
	checks    []*redshiftdata.ExecuteStatementInput
	describes int

	copyError  string          // batches FAIL with this message
	batchPolls int             // batches answer STARTED this many times first
	batchErr   error           // BatchExecuteStatement itself fails (once)
	onBatch    func(id string) // called when a batch is submitted (e.g. a concurrent load)
	stuck      bool            // batches stay STARTED until finish()
}

type fakeStmt struct {
	batchID string
	isBatch bool
	left    int
	status  types.StatusString
	err     string
	count   int64
}

func newFakeData() *fakeData {
	return &fakeData{audit: map[string]bool{}, stmts: map[string]*fakeStmt{}}
}

var insertedID = regexp.MustCompile(`VALUES \('([0-9a-f]{64})'`)

func (f *fakeData) BatchExecuteStatement(_ context.Context, in *redshiftdata.BatchExecuteStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.BatchExecuteStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches = append(f.batches, in)
	if err := f.batchErr; err != nil {
		f.batchErr = nil
		return nil, err
	}
	m := insertedID.FindStringSubmatch(in.Sqls[len(in.Sqls)-1])
	if m == nil {
		return nil, errors.New("ValidationException: no audit insert")
	}
	if f.onBatch != nil {
		f.onBatch(m[1])
	}
	f.seq++
	id := fmt.Sprintf("batch-%d", f.seq)
	f.stmts[id] = &fakeStmt{batchID: m[1], isBatch: true, left: f.batchPolls, status: types.StatusStringSubmitted}
	return &redshiftdata.BatchExecuteStatementOutput{Id: aws.String(id)}, nil
}

func (f *fakeData) ExecuteStatement(_ context.Context, in *redshiftdata.ExecuteStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.ExecuteStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checks = append(f.checks, in)
	if len(in.Parameters) != 1 || aws.ToString(in.Parameters[0].Name) != "batch_id" {
		return nil, errors.New("ValidationException: want one parameter batch_id")
	}
	f.seq++
	id := fmt.Sprintf("check-%d", f.seq)
	f.stmts[id] = &fakeStmt{batchID: aws.ToString(in.Parameters[0].Value), status: types.StatusStringSubmitted}
	return &redshiftdata.ExecuteStatementOutput{Id: aws.String(id)}, nil
}

func (f *fakeData) DescribeStatement(_ context.Context, in *redshiftdata.DescribeStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.DescribeStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.describes++
	s, ok := f.stmts[aws.ToString(in.Id)]
	if !ok {
		return nil, errors.New("ResourceNotFoundException")
	}
	if s.status == types.StatusStringSubmitted || s.status == types.StatusStringStarted {
		if s.left > 0 || (s.isBatch && f.stuck) {
			s.left--
			s.status = types.StatusStringStarted
		} else {
			f.end(s)
		}
	}
	out := &redshiftdata.DescribeStatementOutput{Id: in.Id, Status: s.status}
	if s.err != "" {
		out.Error = aws.String(s.err)
	}
	return out, nil
}

// end runs the statement: a check counts, a batch commits or fails.
func (f *fakeData) end(s *fakeStmt) {
	switch {
	case !s.isBatch:
		s.count = 0
		if f.audit[s.batchID] {
			s.count = 1
		}
		s.status = types.StatusStringFinished
	case f.audit[s.batchID]:
		s.status, s.err = types.StatusStringFailed, "ERROR: division by zero"
	case f.copyError != "":
		s.status, s.err = types.StatusStringFailed, f.copyError
	default:
		f.audit[s.batchID] = true
		s.status = types.StatusStringFinished
	}
}

// finish ends every running statement, as Redshift would after the
// invocation gave up waiting.
func (f *fakeData) finish() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stuck = false
	for _, s := range f.stmts {
		if s.status == types.StatusStringStarted || s.status == types.StatusStringSubmitted {
			f.end(s)
		}
	}
}

func (f *fakeData) GetStatementResult(_ context.Context, in *redshiftdata.GetStatementResultInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.GetStatementResultOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s, ok := f.stmts[aws.ToString(in.Id)]
	if !ok || s.isBatch || s.status != types.StatusStringFinished {
		return nil, errors.New("ResourceNotFoundException")
	}
	return &redshiftdata.GetStatementResultOutput{Records: [][]types.Field{{&types.FieldMemberLongValue{Value: s.count}}}, TotalNumRows: 1}, nil
}

func (f *fakeData) batchCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.batches)
}

// rig is a loader on the fakes.
type rig struct {
	l      *Loader
	s3     *fakeS3
	data   *fakeData
	logs   *bytes.Buffer
	sleeps []time.Duration
}

// newRig builds a loader from baseEnv with overrides ("" deletes a variable).
func newRig(t testing.TB, overrides map[string]string) *rig {
	t.Helper()
	m := baseEnv()
	for k, v := range overrides {
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	cfg, err := ConfigFromEnv(env(m))
	require.NoError(t, err)
	r := &rig{s3: newFakeS3(t), data: newFakeData(), logs: &bytes.Buffer{}}
	log := slog.New(slog.NewJSONHandler(r.logs, nil))
	r.l = NewLoader(cfg, r.s3.client, r.data, log)
	r.l.Now = r.s3.clock.Now
	r.l.DB.Sleep = func(_ context.Context, d time.Duration) error { r.sleeps = append(r.sleeps, d); return nil }
	return r
}

// run invokes the Lambda handler with a scheduled event.
func (r *rig) run(t testing.TB) (Result, error) {
	t.Helper()
	return r.runCtx(t, context.Background())
}

func (r *rig) runCtx(t testing.TB, ctx context.Context) (Result, error) {
	t.Helper()
	return handler(r.l, r.l.Log)(ctx, json.RawMessage(scheduledEvent))
}

// coldStart replaces the loader's store by a new one (no marker cache), as
// a new Lambda instance would have.
func (r *rig) coldStart() {
	s := r.l.Store
	r.l.Store = &Store{S3: s.S3, Bucket: s.Bucket, SourcePrefix: s.SourcePrefix, ManifestPrefix: s.ManifestPrefix, PageSize: s.PageSize}
}

const scheduledEvent = `{"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
"account":"111111111111","time":"2026-11-25T10:05:00Z","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:111111111111:rule/load"],"detail":{}}`

const objectCreatedEvent = `{"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
"account":"111111111111","time":"2026-11-25T10:05:00Z","region":"eu-west-1","resources":["arn:aws:s3:::lake"],
"detail":{"version":"0","bucket":{"name":"lake"},"object":{"key":"incoming/2026/11/25/a.csv.gz","size":5,"etag":"b1946ac92492d2347c6235b4d2611184","sequencer":"00617F08299329D189"},
"request-id":"N4N7GDK58NMKJ12R","requester":"111111111111","source-ip-address":"1.2.3.4","reason":"PutObject"}}`
