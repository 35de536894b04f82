package lambdaloop

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
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
)

// posted is one POST the fake Runtime API received.
type posted struct {
	path, contentType, errorType string
	body                         []byte
}

// fakeAPI serves the given events in order, then answers /next with 500
// (which ends Run); it records the posts.
type fakeAPI struct {
	t           *testing.T
	events      [][]byte
	deadline    time.Time
	badDeadline bool
	mu          sync.Mutex
	served      int
	posts       []posted
	conns       map[string]bool
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conns[r.RemoteAddr] = true
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/2018-06-01/runtime/invocation/next":
		if f.served == len(f.events) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		n := f.served
		f.served++
		h := w.Header()
		h.Set("Lambda-Runtime-Aws-Request-Id", fmt.Sprintf("req-%d", n))
		h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(f.deadline.UnixMilli(), 10))
		if f.badDeadline {
			h.Set("Lambda-Runtime-Deadline-Ms", "soon")
		}
		h.Set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:111111111111:function:f")
		h.Set("Lambda-Runtime-Trace-Id", fmt.Sprintf("Root=1-%d", n))
		h.Set("Content-Type", "application/json")
		_, _ = w.Write(f.events[n])
	case r.Method == http.MethodPost:
		b, _ := io.ReadAll(r.Body)
		f.posts = append(f.posts, posted{r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Lambda-Runtime-Function-Error-Type"), b})
		w.WriteHeader(http.StatusAccepted)
	default:
		f.t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		w.WriteHeader(http.StatusNotFound)
	}
}

// run serves events to h and returns the posts and Run's error.
func run(t *testing.T, h Handler, events ...string) ([]posted, error, *fakeAPI) {
	t.Helper()
	f := &fakeAPI{t: t, deadline: time.Now().Add(time.Minute).Truncate(time.Millisecond), conns: map[string]bool{}}
	for _, e := range events {
		f.events = append(f.events, []byte(e))
	}
	srv := httptest.NewServer(f)
	defer srv.Close()
	err := New(strings.TrimPrefix(srv.URL, "http://")).Run(h)
	return f.posts, err, f
}

func echo(_ context.Context, ev []byte, out *bytes.Buffer) error {
	out.WriteString(`{"echo":`)
	out.Write(ev)
	out.WriteString(`}`)
	return nil
}

func TestSuccess(t *testing.T) {
	posts, err, f := run(t, echo, `{"a":1}`)
	if err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Errorf("Run ended with %v, want the 500 from /next", err)
	}
	if f.served != 1 || len(posts) != 1 {
		t.Fatalf("%d served, posts %+v", f.served, posts)
	}
	p := posts[0]
	if p.path != "/2018-06-01/runtime/invocation/req-0/response" || p.contentType != "application/json" || string(p.body) != `{"echo":{"a":1}}` {
		t.Errorf("%+v", p)
	}
}

type myError struct{}

func (*myError) Error() string { return "it went wrong" }

func TestError(t *testing.T) {
	posts, _, f := run(t, func(context.Context, []byte, *bytes.Buffer) error { return &myError{} }, `{}`, `{}`)
	if f.served != 2 || len(posts) != 2 {
		t.Fatalf("an error must not end the loop: %d served, %d posts", f.served, len(posts))
	}
	p := posts[0]
	var body map[string]string
	if err := json.Unmarshal(p.body, &body); err != nil {
		t.Fatal(err)
	}
	if p.path != "/2018-06-01/runtime/invocation/req-0/error" || p.errorType != "myError" ||
		body["errorMessage"] != "it went wrong" || body["errorType"] != "myError" || p.contentType != "application/json" {
		t.Errorf("%+v %v", p, body)
	}
	posts, _, _ = run(t, func(context.Context, []byte, *bytes.Buffer) error { return errors.New("plain") }, `{}`)
	if posts[0].errorType != "errorString" {
		t.Errorf("errors.New: type %q, want aws-lambda-go's errorString", posts[0].errorType)
	}
}

func TestPanicIsReportedAndEndsTheLoop(t *testing.T) {
	posts, err, f := run(t, func(context.Context, []byte, *bytes.Buffer) error { panic("boom") }, `{}`, `{}`)
	var p errPanicked
	if !errors.As(err, &p) || f.served != 1 || len(posts) != 1 {
		t.Fatalf("Run: %v; %d served, %d posts", err, f.served, len(posts))
	}
	var body map[string]string
	_ = json.Unmarshal(posts[0].body, &body)
	if posts[0].path != "/2018-06-01/runtime/invocation/req-0/error" || posts[0].errorType != "string" ||
		body["errorMessage"] != "boom" || body["errorType"] != "string" {
		t.Errorf("%+v", posts[0])
	}
}

func TestContext(t *testing.T) {
	var deadlines []time.Time
	var ids, arns, traces []string
	h := func(ctx context.Context, _ []byte, out *bytes.Buffer) error {
		d, _ := ctx.Deadline()
		deadlines = append(deadlines, d)
		lc, _ := lambdacontext.FromContext(ctx)
		ids = append(ids, lc.AwsRequestID)
		arns = append(arns, lc.InvokedFunctionArn)
		traces = append(traces, os.Getenv("_X_AMZN_TRACE_ID"))
		out.WriteString("{}")
		return nil
	}
	_, _, f := run(t, h, `{}`, `{}`)
	for i := range 2 {
		if !deadlines[i].Equal(f.deadline) || ids[i] != fmt.Sprintf("req-%d", i) ||
			arns[i] != "arn:aws:lambda:eu-west-1:111111111111:function:f" || traces[i] != fmt.Sprintf("Root=1-%d", i) {
			t.Errorf("invocation %d: %v %s %s %s (deadline %v)", i, deadlines[i], ids[i], arns[i], traces[i], f.deadline)
		}
	}
}

// Several invocations of different sizes, up to a 6 MB response, through
// the reused buffers: each response is its own event's, whole, and the
// connection is kept alive.
func TestLargeResponsesAndReuse(t *testing.T) {
	big := `"` + strings.Repeat("x", 6<<20-20) + `"`
	events := []string{big, `"small"`, big[:1000] + `"`, `"tiny"`}
	posts, _, f := run(t, echo, events...)
	if len(posts) != len(events) {
		t.Fatalf("%d posts", len(posts))
	}
	for i, e := range events {
		if want := `{"echo":` + e + `}`; string(posts[i].body) != want {
			t.Errorf("response %d: %d bytes, want %d", i, len(posts[i].body), len(want))
		}
	}
	if len(f.conns) != 1 {
		t.Errorf("%d connections, want one kept alive", len(f.conns))
	}
}

func TestInvalidDeadlineFailsTheInvocation(t *testing.T) {
	f := &fakeAPI{t: t, events: [][]byte{[]byte(`{}`)}, badDeadline: true, conns: map[string]bool{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	called := false
	_ = New(strings.TrimPrefix(srv.URL, "http://")).Run(func(context.Context, []byte, *bytes.Buffer) error {
		called = true
		return nil
	})
	if called || len(f.posts) != 1 || !strings.HasSuffix(f.posts[0].path, "/req-0/error") {
		t.Errorf("called %v, posts %+v", called, f.posts)
	}
}

func TestInitError(t *testing.T) {
	f := &fakeAPI{t: t, conns: map[string]bool{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	if err := New(strings.TrimPrefix(srv.URL, "http://")).InitError("Runtime.ConfigInvalid", `bad "x"`); err != nil {
		t.Fatal(err)
	}
	if len(f.posts) != 1 || f.served != 0 {
		t.Fatalf("%d served, posts %+v", f.served, f.posts)
	}
	p := f.posts[0]
	var body map[string]string
	if err := json.Unmarshal(p.body, &body); err != nil {
		t.Fatal(err)
	}
	if p.path != "/2018-06-01/runtime/init/error" || p.errorType != "Runtime.ConfigInvalid" || p.contentType != "application/json" ||
		len(body) != 2 || body["errorMessage"] != `bad "x"` || body["errorType"] != "Runtime.ConfigInvalid" {
		t.Errorf("%+v %v", p, body)
	}
}

// checkRun runs Check against a fake Runtime API with exit stubbed, and
// returns the exit code (-1: none), the posts and the log.
func checkRun(t *testing.T, api http.Handler, err error) (int, string) {
	t.Helper()
	srv := httptest.NewServer(api)
	defer srv.Close()
	t.Setenv("AWS_LAMBDA_RUNTIME_API", strings.TrimPrefix(srv.URL, "http://"))
	code := -1
	defer func(e func(int)) { exit = e }(exit)
	exit = func(c int) { code = c }
	var logs bytes.Buffer
	Check(slog.New(slog.NewJSONHandler(&logs, nil)), "configuration", err)
	return code, logs.String()
}

// An invalid configuration at start is logged, reported to
// /runtime/init/error and ends the process; a valid one does nothing.
func TestCheck(t *testing.T) {
	f := &fakeAPI{t: t, conns: map[string]bool{}}
	code, logs := checkRun(t, f, nil)
	if code != -1 || logs != "" || len(f.posts) != 0 {
		t.Fatalf("no error: exit %d, log %q, posts %+v", code, logs, f.posts)
	}

	code, logs = checkRun(t, f, errors.New("TABLE_NAME is required"))
	if code != 1 || len(f.posts) != 1 {
		t.Fatalf("exit %d, posts %+v", code, f.posts)
	}
	var body map[string]string
	_ = json.Unmarshal(f.posts[0].body, &body)
	if f.posts[0].path != "/2018-06-01/runtime/init/error" || f.posts[0].errorType != ConfigInvalid ||
		body["errorMessage"] != "configuration: TABLE_NAME is required" || body["errorType"] != ConfigInvalid {
		t.Errorf("%+v %v", f.posts[0], body)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(logs), &line); err != nil || line["level"] != "ERROR" || line["msg"] != "configuration" ||
		line["error"] != "TABLE_NAME is required" {
		t.Errorf("log %q (%v)", logs, err)
	}

	// A Runtime API that refuses the report (500: the container is in a
	// non-recoverable state) still ends the process, with both lines logged.
	refusing := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	code, logs = checkRun(t, refusing, errors.New("bad"))
	if code != 1 || strings.Count(logs, "\n") != 2 || !strings.Contains(logs, "init/error: status 500") {
		t.Errorf("exit %d, log %q", code, logs)
	}
}
