// Package lambdalooptest is a fake Lambda Runtime API for the tests of
// handlers that run on lambdaloop: Run serves events to a handler through
// lambdaloop's real client (HTTP, headers, reused buffers) and returns what
// it posted; Main runs a package's main in a child process against the
// fake, to check what a failed initialisation reports; Bench times a
// handler's whole invocation in-process.
package lambdalooptest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
)

// Post is one POST the fake Runtime API received.
type Post struct {
	Path      string // /2018-06-01/runtime/invocation/req-0/response, .../error, /2018-06-01/runtime/init/error
	ErrorType string // the Lambda-Runtime-Function-Error-Type header
	Body      []byte
}

// API serves its events in order on /next (request ids req-0, req-1...,
// a deadline a minute away), then answers /next with 500, which ends a
// runtime's loop; it records the posts.
type API struct {
	mu     sync.Mutex
	events [][]byte
	served int
	posts  []Post
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/2018-06-01/runtime/invocation/next":
		if a.served == len(a.events) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		n := a.served
		a.served++
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", fmt.Sprintf("req-%d", n))
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:test")
		h.Set("Lambda-Runtime-Trace-Id", fmt.Sprintf("Root=1-%d", n))
		h.Set("Content-Type", "application/json")
		_, _ = w.Write(a.events[n])
	case r.Method == http.MethodPost:
		b, _ := io.ReadAll(r.Body)
		a.posts = append(a.posts, Post{r.URL.Path, r.Header.Get("Lambda-Runtime-Function-Error-Type"), b})
		w.WriteHeader(http.StatusAccepted)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// Posts returns what the API received so far.
func (a *API) Posts() []Post {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]Post(nil), a.posts...)
}

// Run serves events to h through lambdaloop's client until they are all
// served, and returns the posts, one per event unless h panicked.
func Run(t testing.TB, h lambdaloop.Handler, events ...[]byte) []Post {
	t.Helper()
	a := &API{events: events}
	srv := httptest.NewServer(a)
	defer srv.Close()
	err := lambdaloop.New(strings.TrimPrefix(srv.URL, "http://")).Run(h)
	if err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Errorf("lambdaloop ended with %v, want the 500 after the last event", err)
	}
	return a.Posts()
}

// childEnv marks the child process of Main.
const childEnv = "LAMBDALOOPTEST_MAIN"

// Main, called by the test named test, runs main in a child process (the
// test binary itself, running only that test) with env added to this
// process's environment and AWS_LAMBDA_RUNTIME_API set to a fake with no
// events, and returns the child's exit code, its output and what it posted.
// In the child, Main runs main and exits 0 should main return.
func Main(t *testing.T, test string, main func(), env ...string) (int, string, []Post) {
	t.Helper()
	if os.Getenv(childEnv) == test {
		main()
		os.Exit(0)
	}
	a := &API{}
	srv := httptest.NewServer(a)
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), env...), childEnv+"="+test, "AWS_LAMBDA_RUNTIME_API="+strings.TrimPrefix(srv.URL, "http://"))
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running main: %v", err)
		}
		code = ee.ExitCode()
	}
	return code, string(out), a.Posts()
}

// Env turns KEY=value pairs into a getenv, for a handler's ConfigFromEnv.
func Env(pairs []string) func(string) string {
	m := map[string]string{}
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		m[k] = v
	}
	return func(k string) string { return m[k] }
}

// Bench times h on event as lambdaloop invokes it (the event bytes in, the
// response into one buffer reused from one invocation to the next) and
// reports, besides the usual figures (b.SetBytes is the event's size),
// allocs/MB and B/MB: the heap allocations of an invocation per
// 1,000,000 bytes of event. check, if not nil, sees the first response,
// made before the timing starts (it also warms the handler's buffers and
// caches, as the invocations before it would in a running function).
func Bench(b *testing.B, h lambdaloop.Handler, event []byte, check func(response []byte)) {
	b.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	if err := h(ctx, event, &out); err != nil {
		b.Fatal(err)
	}
	if check != nil {
		check(out.Bytes())
	}
	b.SetBytes(int64(len(event)))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		out.Reset()
		if err := h(ctx, event, &out); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	mb := float64(b.N) * float64(len(event)) / 1e6
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/mb, "allocs/MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/mb, "B/MB")
}
