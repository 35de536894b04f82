package main

// The end-to-end harness: Kinesis (kinesalite) and DynamoDB (dynalite)
// emulators from the project's npm packages, an in-process S3 fake with
// fault injection, the consumer as a real subprocess (so it can be killed),
// and the producer package writing records through the SDK.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	kintypes "github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

const region = "us-east-1"

// emulators is shared by every end-to-end test of the binary.
type emulators struct {
	kinesisURL, dynamoURL string
	s3                    *fakeS3
	consumerBin           string
	procs                 []*exec.Cmd
}

var emu *emulators
var emuErr error

func TestMain(m *testing.M) {
	code := func() int {
		flag.Parse()
		if !testing.Short() {
			emu, emuErr = startEmulators()
			if emu != nil {
				defer emu.close()
			}
		}
		return m.Run()
	}()
	os.Exit(code)
}

// needEmulators skips in -short mode and fails otherwise when the emulators
// could not start: the README's test command installs them.
func needEmulators(t testing.TB) *emulators {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped in -short mode")
	}
	if emu == nil {
		t.Fatalf("emulators not running (%v); run `bash .ci/setup` (npm ci installs kinesalite and dynalite), or use -short", emuErr)
	}
	return emu
}

func startEmulators() (*emulators, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	e := &emulators{}
	tmp, err := os.MkdirTemp("", "kinesistos3-e2e-")
	if err != nil {
		return nil, err
	}
	e.consumerBin = filepath.Join(tmp, "kinesistos3")
	build := exec.Command("go", "build", "-o", e.consumerBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return nil, fmt.Errorf("building the consumer: %w", err)
	}
	start := func(script string, args ...string) (string, error) {
		port, err := freePort()
		if err != nil {
			return "", err
		}
		cmd := exec.Command("node", append([]string{filepath.Join(root, "node_modules", script), "--port", fmt.Sprint(port)}, args...)...)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		if err := cmd.Start(); err != nil {
			return "", fmt.Errorf("%s: %w", script, err)
		}
		e.procs = append(e.procs, cmd)
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if c, err := net.Dial("tcp", addr); err == nil {
				c.Close()
				return "http://" + addr, nil
			}
		}
		return "", fmt.Errorf("%s did not listen on %s", script, addr)
	}
	for _, script := range []string{"kinesalite/cli.js", "dynalite/cli.js"} {
		if _, err := os.Stat(filepath.Join(root, "node_modules", script)); err != nil {
			return nil, fmt.Errorf("%s not installed: %w", script, err)
		}
	}
	if e.kinesisURL, err = start("kinesalite/cli.js", "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "100"); err != nil {
		e.close()
		return nil, err
	}
	if e.dynamoURL, err = start("dynalite/cli.js", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"); err != nil {
		e.close()
		return nil, err
	}
	e.s3 = newFakeS3()
	return e, nil
}

func (e *emulators) close() {
	for _, p := range e.procs {
		_ = p.Process.Kill()
		_ = p.Wait()
	}
	if e.s3 != nil {
		e.s3.server.Close()
	}
	if e.consumerBin != "" {
		os.RemoveAll(filepath.Dir(e.consumerBin))
	}
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "package.json")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no repository root above %s", dir)
		}
		dir = parent
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// fakeS3 is gofakes3 behind a handler that can fail PUTs and that records
// when each object was stored.
type fakeS3 struct {
	server  *httptest.Server
	failing atomic.Bool
	failed  atomic.Int64
	mu      sync.Mutex
	stored  map[string]time.Time // "bucket/key" -> time of the last successful PUT
}

func newFakeS3() *fakeS3 {
	f := &fakeS3{stored: map[string]time.Time{}}
	faker := gofakes3.New(s3mem.New(), gofakes3.WithTimeSkewLimit(0))
	inner := faker.Server()
	f.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isPut := r.Method == http.MethodPut && strings.Count(strings.Trim(r.URL.Path, "/"), "/") >= 1
		if isPut && f.failing.Load() {
			f.failed.Add(1)
			_, _ = io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>injected failure</Message></Error>`)
			return
		}
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		inner.ServeHTTP(rec, r)
		if isPut && rec.status == http.StatusOK {
			f.mu.Lock()
			f.stored[strings.Trim(r.URL.Path, "/")] = time.Now()
			f.mu.Unlock()
		}
	}))
	return f
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (f *fakeS3) storedAt(bucket, key string) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.stored[bucket+"/"+key]
}

// pipeline is one test's stream, lease table and bucket.
type pipeline struct {
	t       testing.TB
	e       *emulators
	name    string
	kc      *kinesis.Client
	ddb     *dynamodb.Client
	s3c     *s3.Client
	logDir  string
	workers int
}

var pipelineSeq atomic.Int64

func newPipeline(t testing.TB, shards int32) *pipeline {
	e := needEmulators(t)
	creds := aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("test", "test", ""))
	cfg := aws.Config{Region: region, Credentials: creds}
	p := &pipeline{
		t: t, e: e,
		name:   fmt.Sprintf("e2e%d-%d", time.Now().UnixNano()%1e6, pipelineSeq.Add(1)),
		kc:     kinesis.NewFromConfig(cfg, func(o *kinesis.Options) { o.BaseEndpoint = aws.String(e.kinesisURL) }),
		ddb:    dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String(e.dynamoURL) }),
		s3c:    s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(e.s3.server.URL); o.UsePathStyle = true }),
		logDir: t.TempDir(),
	}
	ctx := context.Background()
	must(t, "CreateStream", func() error {
		_, err := p.kc.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(p.name), ShardCount: aws.Int32(shards)})
		return err
	})
	p.waitStreamActive()
	// The lease table as the streamtos3 construct creates it.
	must(t, "CreateTable", func() error {
		_, err := p.ddb.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            aws.String(p.name + "-leases"),
			AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("ShardID"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
			KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("ShardID"), KeyType: ddbtypes.KeyTypeHash}},
			BillingMode:          ddbtypes.BillingModePayPerRequest,
		})
		return err
	})
	p.waitTableActive() // dynalite creates tables asynchronously, like DynamoDB
	must(t, "CreateBucket", func() error {
		_, err := p.s3c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(p.name)})
		return err
	})
	return p
}

func must(t testing.TB, what string, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func (p *pipeline) waitStreamActive() {
	p.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		out, err := p.kc.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(p.name)})
		if err == nil && out.StreamDescriptionSummary.StreamStatus == kintypes.StreamStatusActive {
			return
		}
	}
	p.t.Fatalf("stream %s did not become ACTIVE", p.name)
}

func (p *pipeline) waitTableActive() {
	p.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		out, err := p.ddb.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(p.name + "-leases")})
		if err == nil && out.Table.TableStatus == ddbtypes.TableStatusActive {
			return
		}
	}
	p.t.Fatalf("table %s-leases did not become ACTIVE", p.name)
}

// consumer is one running consumer process.
type consumer struct {
	cmd     *exec.Cmd
	logPath string
	done    chan error
}

// startConsumer runs the consumer binary with the pipeline's resources and
// the given overrides of its environment.
func (p *pipeline) startConsumer(overrides map[string]string) *consumer {
	p.t.Helper()
	p.workers++
	env := map[string]string{
		"STREAM_NAME": p.name, "APPLICATION_NAME": p.name, "LEASE_TABLE": p.name + "-leases",
		"BUCKET": p.name, "PREFIX": "iot-data", "AWS_REGION": region,
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
		"KINESIS_ENDPOINT": p.e.kinesisURL, "DYNAMODB_ENDPOINT": p.e.dynamoURL, "S3_ENDPOINT": p.e.s3.server.URL,
		"WORKER_ID": fmt.Sprintf("worker-%d", p.workers), "BUFFER_INTERVAL": "1s", "FAILOVER_TIME": "3s",
		"IDLE_BETWEEN_READS": "200ms", "SHUTDOWN_GRACE": "10s",
		"AWS_EC2_METADATA_DISABLED": "true", "HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"),
	}
	for k, v := range overrides {
		env[k] = v
	}
	cmd := exec.Command(p.e.consumerBin)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logPath := filepath.Join(p.logDir, fmt.Sprintf("consumer-%d.log", p.workers))
	logFile, err := os.Create(logPath)
	if err != nil {
		p.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		p.t.Fatalf("starting the consumer: %v", err)
	}
	c := &consumer{cmd: cmd, logPath: logPath, done: make(chan error, 1)}
	go func() { c.done <- cmd.Wait(); logFile.Close() }()
	p.t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-c.done
		if p.t.Failed() {
			p.t.Logf("consumer log %s (last lines):\n%s", logPath, tail(logPath, 40))
		}
		c.done <- nil
	})
	return c
}

// kill ends the consumer abruptly (SIGKILL): nothing is flushed.
func (c *consumer) kill(t testing.TB) {
	t.Helper()
	_ = c.cmd.Process.Kill()
	<-c.done
	c.done <- nil
}

// stop sends SIGTERM, as ECS does, and waits for a clean exit.
func (c *consumer) stop(t testing.TB, within time.Duration) {
	t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-c.done:
		c.done <- err
		if err != nil {
			t.Fatalf("consumer exited with %v after SIGTERM", err)
		}
	case <-time.After(within):
		t.Fatalf("consumer did not stop within %s of SIGTERM", within)
	}
}

// cpu is the processor time the consumer used (after it exited).
func (c *consumer) cpu() time.Duration {
	if c.cmd.ProcessState == nil {
		return 0
	}
	return c.cmd.ProcessState.UserTime() + c.cmd.ProcessState.SystemTime()
}

// waitLog waits until the consumer's log holds s at least n times.
func (c *consumer) waitLog(t testing.TB, s string, n int, within time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(100 * time.Millisecond) {
		b, _ := os.ReadFile(c.logPath)
		if bytes.Count(b, []byte(s)) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer log did not show %q %d times within %s", s, n, within)
		}
	}
}

func (c *consumer) logContains(s string) bool {
	b, _ := os.ReadFile(c.logPath)
	return bytes.Contains(b, []byte(s))
}

func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// produce writes count records of size bytes at rate records/s (0 = fast).
func (p *pipeline) produce(runID string, count, size, rate int) *producer.Sent {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sent, err := producer.Run(ctx, p.kc, producer.Options{Stream: p.name, RunID: p.name + "-" + runID, Size: size, Rate: rate, Keep: true}, count)
	if err != nil {
		p.t.Fatalf("producing: %v", err)
	}
	return sent
}

// delivery is what the bucket holds.
type delivery struct {
	copies  map[string]int    // record id -> times found
	data    map[string][]byte // record id -> bytes (last copy)
	stored  map[string]time.Time
	keys    []string
	records int
}

func (p *pipeline) collect() delivery {
	p.t.Helper()
	ctx := context.Background()
	d := delivery{copies: map[string]int{}, data: map[string][]byte{}, stored: map[string]time.Time{}}
	pager := s3.NewListObjectsV2Paginator(p.s3c, &s3.ListObjectsV2Input{Bucket: aws.String(p.name)})
	for pager.HasMorePages() {
		page, err := pager.NextPage(ctx)
		if err != nil {
			p.t.Fatalf("listing the bucket: %v", err)
		}
		for _, o := range page.Contents {
			key := aws.ToString(o.Key)
			d.keys = append(d.keys, key)
			obj, err := p.s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(p.name), Key: o.Key})
			if err != nil {
				p.t.Fatalf("reading %s: %v", key, err)
			}
			body, err := io.ReadAll(obj.Body)
			obj.Body.Close()
			if err != nil {
				p.t.Fatalf("reading %s: %v", key, err)
			}
			at := p.e.s3.storedAt(p.name, key)
			sc := bufio.NewScanner(bytes.NewReader(body))
			sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
			for sc.Scan() {
				var r producer.Record
				if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
					p.t.Fatalf("%s holds a line that is not a produced record: %v", key, err)
				}
				d.copies[r.ID]++
				d.data[r.ID] = append([]byte(nil), sc.Bytes()...)
				d.stored[r.ID] = at
				d.records++
			}
		}
	}
	sort.Strings(d.keys)
	return d
}

// waitDelivered polls the bucket until every sent record is there.
func (p *pipeline) waitDelivered(within time.Duration, sent ...*producer.Sent) delivery {
	p.t.Helper()
	deadline := time.Now().Add(within)
	for {
		d := p.collect()
		missing := d.missing(sent...)
		if len(missing) == 0 {
			return d
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%d records not delivered within %s (for example %v)", len(missing), within, missing[:min(5, len(missing))])
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func (d delivery) missing(sent ...*producer.Sent) []string {
	var out []string
	for _, s := range sent {
		for _, id := range s.IDs {
			if d.copies[id] == 0 {
				out = append(out, id)
			}
		}
	}
	return out
}

// check asserts that the bucket holds exactly the sent records, byte for
// byte, and nothing else; it returns the number of duplicate copies.
func (d delivery) check(t testing.TB, sent ...*producer.Sent) (duplicates int) {
	t.Helper()
	want := map[string][]byte{}
	for _, s := range sent {
		for id, b := range s.Data {
			want[id] = b
		}
	}
	for id, n := range d.copies {
		b, ok := want[id]
		if !ok {
			t.Errorf("record %s was never produced", id)
			continue
		}
		if !bytes.Equal(b, d.data[id]) {
			t.Errorf("record %s differs from what was produced", id)
		}
		duplicates += n - 1
	}
	if missing := d.missing(sent...); len(missing) > 0 {
		t.Errorf("%d records lost", len(missing))
	}
	return duplicates
}

// checkpoints reads the lease table: shard id -> checkpoint.
func (p *pipeline) checkpoints() map[string]string {
	p.t.Helper()
	out, err := p.ddb.Scan(context.Background(), &dynamodb.ScanInput{TableName: aws.String(p.name + "-leases"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		p.t.Fatalf("scanning the lease table: %v", err)
	}
	cps := map[string]string{}
	for _, item := range out.Items {
		id := item["ShardID"].(*ddbtypes.AttributeValueMemberS).Value
		if cp, ok := item["Checkpoint"].(*ddbtypes.AttributeValueMemberS); ok {
			cps[id] = cp.Value
		} else {
			cps[id] = ""
		}
	}
	return cps
}
