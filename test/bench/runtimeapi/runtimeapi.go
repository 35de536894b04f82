// Package runtimeapi is a loopback AWS Lambda Runtime API server for timing
// a real Lambda runtime process (a Go bootstrap, or a Python runtime loop)
// black-box: it serves one event body N times, accepts the responses and
// errors (chunked or with a Content-Length), and reports invocations,
// errors, wall time from the first timed /next to the last response, MB/s
// of event bytes, init time (process start to first /next) and the last
// response, for a validity check.
//
// The server does as little as it can per invocation (one write of the
// event, one read of the response into a reused buffer), so that it is not
// the limit; measure its ceiling with the echo runtime in
// functions/internal/lambdaloop/echo.
package runtimeapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options say what to run and how often.
type Options struct {
	Event   []byte        // the event body served on every /next
	N       int           // invocations
	Command []string      // the runtime: program and arguments
	Env     []string      // extra environment (KEY=value), after the Lambda variables
	Handler string        // _HANDLER; "bootstrap" when empty
	Timeout time.Duration // for the whole run; 5 minutes when zero
	Dir     string        // working directory of the runtime
	// Warmup invocations are served and checked like the others but not
	// timed: Wall starts when the last of them has been answered. It
	// applies only when N is larger.
	Warmup int
}

// Result is what one run measured.
type Result struct {
	Invocations int           // responses and errors received
	Errors      int           // of which /error
	Init        time.Duration // process start to the first /next
	Wall        time.Duration // the timed invocations: the end of the warm-up (or the first /next) to the last response received
	Timed       int           // invocations in Wall: Invocations less the warm-up
	Span        time.Duration // every invocation: the first /next to the last response
	EventBytes  int
	Last        []byte        // the last response or error body
	LastError   []byte        // the last /error body (or /init/error), if any
	Stderr      string        // the last 4 KiB of the runtime's stderr
	CPU         time.Duration // user and system time of the runtime process, init included
	MaxRSS      int64         // its peak resident set, bytes (VmHWM on Linux; 0 where unknown)
	ServerCPU   time.Duration // user and system time of this process during the run (the server's cost, and anything else it runs)
}

// MBps is event bytes served per second of wall time, in 10^6 bytes.
func (r Result) MBps() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.EventBytes) * float64(r.Timed) / r.Wall.Seconds() / 1e6
}

type server struct {
	opt      Options
	deadline string

	mu       sync.Mutex
	served   int
	done     int
	errs     int
	start    time.Time
	first    time.Time
	warm     time.Time // the warm-up's last response
	last     time.Time
	lastBody []byte
	lastErr  []byte
	buf      bytes.Buffer
	finished chan struct{}
	stop     chan struct{}
}

// Run starts the runtime with AWS_LAMBDA_RUNTIME_API pointing at a fresh
// loopback server, serves opt.Event opt.N times, then kills the runtime.
// It returns an error when the run did not complete (timeout, runtime
// exit, init error); Result still holds what was measured.
func Run(ctx context.Context, opt Options) (Result, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 5 * time.Minute
	}
	if opt.Handler == "" {
		opt.Handler = "bootstrap"
	}
	if opt.Warmup >= opt.N || opt.Warmup < 0 {
		opt.Warmup = 0
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{}, err
	}
	s := &server{opt: opt, finished: make(chan struct{}), stop: make(chan struct{}),
		deadline: strconv.FormatInt(time.Now().Add(24*time.Hour).UnixMilli(), 10)}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: time.Minute}
	go hs.Serve(ln)
	defer hs.Close()
	defer close(s.stop)

	cmd := exec.CommandContext(ctx, opt.Command[0], opt.Command[1:]...)
	cmd.Dir = opt.Dir
	cmd.Env = append(os.Environ(),
		"AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(),
		"AWS_LAMBDA_FUNCTION_NAME=bench",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/bench",
		"AWS_LAMBDA_LOG_STREAM_NAME=bench",
		"AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1",
		"_HANDLER="+opt.Handler,
	)
	cmd.Env = append(cmd.Env, opt.Env...)
	cmd.Stdout = io.Discard
	var stderr tail
	cmd.Stderr = &stderr
	cpu0 := selfCPU()
	s.mu.Lock()
	s.start = time.Now()
	s.mu.Unlock()
	if err := cmd.Start(); err != nil {
		return Result{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	var runErr error
	timer := time.NewTimer(opt.Timeout)
	defer timer.Stop()
	select {
	case <-s.finished:
	case err := <-exited:
		runErr = fmt.Errorf("runtime exited before %d invocations: %v", opt.N, err)
		exited <- err
	case <-timer.C:
		runErr = fmt.Errorf("timeout after %s", opt.Timeout)
	case <-ctx.Done():
		runErr = ctx.Err()
	}
	peak := hwm(cmd.Process.Pid)
	_ = cmd.Process.Kill()
	<-exited
	serverCPU := selfCPU() - cpu0

	s.mu.Lock()
	defer s.mu.Unlock()
	r := Result{Invocations: s.done, Errors: s.errs, EventBytes: len(opt.Event),
		Last: s.lastBody, LastError: s.lastErr, Stderr: stderr.String(), ServerCPU: serverCPU}
	if ps := cmd.ProcessState; ps != nil {
		r.CPU = ps.UserTime() + ps.SystemTime()
		r.MaxRSS = maxRSS(ps)
	}
	if peak > 0 {
		r.MaxRSS = peak
	}
	if !s.first.IsZero() {
		r.Init = s.first.Sub(s.start)
		if s.done > 0 {
			r.Span = s.last.Sub(s.first)
			r.Wall, r.Timed = r.Span, s.done
		}
		if opt.Warmup > 0 && s.done > opt.Warmup {
			r.Wall, r.Timed = s.last.Sub(s.warm), s.done-opt.Warmup
		}
	}
	if runErr == nil && s.done < opt.N {
		runErr = fmt.Errorf("%d of %d invocations", s.done, opt.N)
	}
	return r, runErr
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(p, "/runtime/invocation/next"):
		s.next(w)
	case r.Method == http.MethodPost && strings.HasPrefix(p, "/2018-06-01/runtime/invocation/"):
		s.post(w, r, strings.HasSuffix(p, "/error"))
	case r.Method == http.MethodPost && strings.HasSuffix(p, "/runtime/init/error"):
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.lastErr = body
		s.errs++
		s.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	default:
		http.NotFound(w, r)
	}
}

func (s *server) next(w http.ResponseWriter) {
	s.mu.Lock()
	if s.served >= s.opt.N {
		s.mu.Unlock()
		<-s.stop // no more work: hold the runtime until it is killed
		return
	}
	s.served++
	id := s.served
	if s.first.IsZero() {
		s.first = time.Now()
	}
	s.mu.Unlock()
	h := w.Header()
	h["Lambda-Runtime-Aws-Request-Id"] = []string{"req-" + strconv.Itoa(id)}
	h["Lambda-Runtime-Deadline-Ms"] = []string{s.deadline}
	h["Lambda-Runtime-Invoked-Function-Arn"] = []string{"arn:aws:lambda:us-east-1:123456789012:function:bench"}
	h["Lambda-Runtime-Trace-Id"] = []string{"Root=1-00000000-000000000000000000000000;Sampled=0"}
	h["Content-Type"] = []string{"application/json"}
	h["Content-Length"] = []string{strconv.Itoa(len(s.opt.Event))}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(s.opt.Event)
}

func (s *server) post(w http.ResponseWriter, r *http.Request, isErr bool) {
	// One request at a time per runtime: the buffer is reused, so reading
	// costs one copy and no allocation once it has grown.
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Reset()
	if r.ContentLength > 0 {
		s.buf.Grow(int(r.ContentLength))
	}
	_, err := s.buf.ReadFrom(r.Body)
	if err != nil && !errors.Is(err, io.EOF) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
	s.done++
	s.last = time.Now()
	if s.done == s.opt.Warmup {
		s.warm = s.last
	}
	if isErr {
		s.errs++
		s.lastErr = append(s.lastErr[:0], s.buf.Bytes()...)
	}
	if s.done >= s.opt.N {
		s.lastBody = append([]byte(nil), s.buf.Bytes()...)
		close(s.finished)
	}
}

// tail keeps the last 4 KiB written to it.
type tail struct {
	mu sync.Mutex
	b  []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = append(t.b[:0], t.b[len(t.b)-4096:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.b)
}
