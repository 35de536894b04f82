package main

// The end-to-end harness: franz-go's kfake broker in this process (TLS with
// a certificate made here, SASL/SCRAM-SHA-512 — kfake has no AWS_MSK_IAM,
// whose bytes kafkaconn's tests check instead), gofakes3 in this process with
// fault injection, the consumer as a real subprocess (so it can be killed),
// and the kproducer package producing through franz-go.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"math/big"
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
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
	"github.com/cdk-data-patterns/patterns/apps/kafkaproducer/kproducer"
	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

const (
	e2eUser = "kafkatos3"
	e2ePass = "e2e-secret-password"
)

type harness struct {
	tmp         string
	consumerBin string
	caFile      string
	tlsServer   *tls.Config
	s3          *fakeS3
}

var hx *harness
var hxErr error

func TestMain(m *testing.M) {
	code := func() int {
		flag.Parse()
		if !testing.Short() {
			hx, hxErr = startHarness()
			if hx != nil {
				defer hx.close()
			}
		}
		return m.Run()
	}()
	os.Exit(code)
}

func needHarness(t testing.TB) *harness {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped in -short mode")
	}
	if hx == nil {
		t.Fatalf("harness not running: %v", hxErr)
	}
	return hx
}

func startHarness() (*harness, error) {
	tmp, err := os.MkdirTemp("", "kafkatos3-e2e-")
	if err != nil {
		return nil, err
	}
	h := &harness{tmp: tmp, consumerBin: filepath.Join(tmp, "kafkatos3"), caFile: filepath.Join(tmp, "ca.pem")}
	build := exec.Command("go", "build", "-o", h.consumerBin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("building the consumer: %w", err)
	}
	if h.tlsServer, err = selfSigned(h.caFile); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	h.s3 = newFakeS3()
	return h, nil
}

func (h *harness) close() {
	h.s3.server.Close()
	os.RemoveAll(h.tmp)
}

// selfSigned makes a certificate for 127.0.0.1 and writes it as the CA file
// the clients trust.
func selfSigned(caFile string) (*tls.Config, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kfake"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(caFile, certPEM, 0o600); err != nil {
		return nil, err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	pair, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}))
	if err != nil {
		return nil, err
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, nil
}

// fakeS3 is gofakes3 behind a handler that can fail PUTs and records when
// each object was stored.
type fakeS3 struct {
	server  *httptest.Server
	failing atomic.Bool
	failed  atomic.Int64
	mu      sync.Mutex
	stored  map[string]time.Time
}

func newFakeS3() *fakeS3 {
	f := &fakeS3{stored: map[string]time.Time{}}
	inner := gofakes3.New(s3mem.New(), gofakes3.WithTimeSkewLimit(0)).Server()
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

// pipeline is one test's broker, topic, group and bucket.
type pipeline struct {
	t       testing.TB
	h       *harness
	name    string
	cluster *kfake.Cluster
	brokers string
	s3c     *s3.Client
	prod    *kgo.Client
	adm     *kadm.Client
	logDir  string
	workers int
}

var pipelineSeq atomic.Int64

func newPipeline(t testing.TB, partitions int32) *pipeline {
	h := needHarness(t)
	name := fmt.Sprintf("e2e%d-%d", time.Now().UnixNano()%1e6, pipelineSeq.Add(1))
	cluster, err := kfake.NewCluster(
		kfake.NumBrokers(1),
		kfake.TLS(h.tlsServer),
		kfake.EnableSASL(),
		kfake.Superuser("SCRAM-SHA-512", e2eUser, e2ePass),
		kfake.GroupMinSessionTimeout(time.Second),
		kfake.SeedTopics(partitions, "readings"),
	)
	if err != nil {
		t.Fatalf("kfake: %v", err)
	}
	t.Cleanup(cluster.Close)
	p := &pipeline{t: t, h: h, name: name, cluster: cluster, brokers: strings.Join(cluster.ListenAddrs(), ","), logDir: t.TempDir()}
	p.prod = p.client(kgo.RequiredAcks(kgo.AllISRAcks()), kgo.ProducerLinger(5*time.Millisecond))
	p.adm = kadm.NewClient(p.client())
	creds := aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("test", "test", ""))
	p.s3c = s3.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: creds}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(h.s3.server.URL)
		o.UsePathStyle = true
	})
	must(t, "CreateBucket", func() error {
		_, err := p.s3c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
		return err
	})
	return p
}

// client is a franz-go client of the test's cluster, over TLS and SCRAM.
func (p *pipeline) client(extra ...kgo.Opt) *kgo.Client {
	p.t.Helper()
	opts, err := kafkaconn.ClientOpts(kafkaconn.Options{Brokers: kafkaconn.ParseBrokers(p.brokers), Auth: kafkaconn.AuthSCRAM,
		Username: e2eUser, Password: e2ePass, CAFile: p.h.caFile})
	if err != nil {
		p.t.Fatal(err)
	}
	cl, err := kgo.NewClient(append(opts, extra...)...)
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(cl.Close)
	return cl
}

func must(t testing.TB, what string, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

type consumer struct {
	cmd     *exec.Cmd
	logPath string
	done    chan error
}

func (p *pipeline) startConsumer(overrides map[string]string) *consumer {
	p.t.Helper()
	p.workers++
	env := map[string]string{
		"BOOTSTRAP_BROKERS": p.brokers, "TOPIC": "readings", "GROUP_ID": p.name + "-group",
		"BUCKET": p.name, "PREFIX": "sensor-data", "AWS_REGION": "us-east-1",
		"AUTH": "scram-sha-512", "SASL_USERNAME": e2eUser, "SASL_PASSWORD": e2ePass, "TLS_CA_FILE": p.h.caFile,
		"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "S3_ENDPOINT": p.h.s3.server.URL,
		"BUFFER_INTERVAL": "1s", "SESSION_TIMEOUT": "6s", "SHUTDOWN_GRACE": "10s", "REVOKE_TIMEOUT": "10s", "LAG_INTERVAL": "1s",
		"CLIENT_ID":                 fmt.Sprintf("worker-%d", p.workers),
		"AWS_EC2_METADATA_DISABLED": "true", "HOME": os.Getenv("HOME"), "PATH": os.Getenv("PATH"),
	}
	for k, v := range overrides {
		env[k] = v
	}
	cmd := exec.Command(p.h.consumerBin)
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
		err := <-c.done
		c.done <- err
		if p.t.Failed() {
			p.t.Logf("consumer log %s (last lines):\n%s", logPath, tail(logPath, 40))
		}
	})
	return c
}

func (c *consumer) kill(t testing.TB) {
	t.Helper()
	_ = c.cmd.Process.Kill()
	err := <-c.done
	c.done <- err
}

func (c *consumer) stop(t testing.TB, within time.Duration) {
	t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-c.done:
		c.done <- err
		if err != nil {
			t.Fatalf("consumer exited with %v after SIGTERM\n%s", err, tail(c.logPath, 30))
		}
	case <-time.After(within):
		t.Fatalf("consumer did not stop within %s of SIGTERM", within)
	}
}

func (c *consumer) cpu() time.Duration {
	if c.cmd.ProcessState == nil {
		return 0
	}
	return c.cmd.ProcessState.UserTime() + c.cmd.ProcessState.SystemTime()
}

func (c *consumer) waitLog(t testing.TB, s string, n int, within time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		b, _ := os.ReadFile(c.logPath)
		if bytes.Count(b, []byte(s)) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("consumer log did not show %q %d times within %s\n%s", s, n, within, tail(c.logPath, 30))
		}
	}
}

func (c *consumer) logCount(s string) int {
	b, _ := os.ReadFile(c.logPath)
	return bytes.Count(b, []byte(s))
}

func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func (p *pipeline) produce(runID string, count, size, rate int) *kproducer.Sent {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sent, err := kproducer.Run(ctx, p.prod, kproducer.Options{Topic: "readings", RunID: p.name + "-" + runID, Size: size, Rate: rate, Keep: true}, count)
	if err != nil {
		p.t.Fatalf("producing: %v", err)
	}
	return sent
}

// committed is the group's committed offset per partition.
func (p *pipeline) committed() map[int32]int64 {
	p.t.Helper()
	offs, err := p.adm.FetchOffsets(context.Background(), p.name+"-group")
	if err != nil {
		p.t.Fatalf("FetchOffsets: %v", err)
	}
	out := map[int32]int64{}
	offs.Each(func(o kadm.OffsetResponse) { out[o.Partition] = o.At })
	return out
}

type delivery struct {
	copies  map[string]int
	data    map[string][]byte
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
			p.h.s3.mu.Lock()
			at := p.h.s3.stored[p.name+"/"+key]
			p.h.s3.mu.Unlock()
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

func (p *pipeline) waitDelivered(within time.Duration, sent ...*kproducer.Sent) delivery {
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
		time.Sleep(100 * time.Millisecond)
	}
}

func (d delivery) missing(sent ...*kproducer.Sent) []string {
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
func (d delivery) check(t testing.TB, sent ...*kproducer.Sent) (duplicates int) {
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
