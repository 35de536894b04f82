package lambdaloop

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawAPI is a Runtime API written on raw TCP, to close connections where
// net/http's server would not: answer says, for the n-th request on a
// connection (from 0), whether to answer it (false: close the connection
// without a byte), and whether to close the connection after the answer
// without a "Connection: close" header.
type rawAPI struct {
	answer func(n int, r *http.Request) (answer, closeAfter bool)
	events []string
	mu     sync.Mutex
	served int
	posts  []string // path: body
	conns  int
}

func (a *rawAPI) serve(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			a.mu.Lock()
			a.conns++
			a.mu.Unlock()
			go a.conn(c)
		}
	}()
	return ln.Addr().String()
}

func (a *rawAPI) conn(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	for n := 0; ; n++ {
		r, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, _ := io.ReadAll(r.Body)
		answer, closeAfter := a.answer(n, r)
		if !answer {
			return
		}
		a.mu.Lock()
		if r.Method == http.MethodGet {
			if a.served == len(a.events) {
				a.mu.Unlock()
				fmt.Fprint(c, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
				return
			}
			ev := a.events[a.served]
			fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: req-%d\r\nLambda-Runtime-Deadline-Ms: %d\r\nContent-Length: %d\r\n\r\n%s",
				a.served, time.Now().Add(time.Minute).UnixMilli(), len(ev), ev)
			a.served++
		} else {
			a.posts = append(a.posts, r.URL.Path+": "+string(body))
			fmt.Fprint(c, "HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n")
		}
		a.mu.Unlock()
		if closeAfter {
			return
		}
	}
}

// wantPosts checks that a handled every event and nothing else, echoed.
func (a *rawAPI) wantPosts(t *testing.T) {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	var want []string
	for i, e := range a.events {
		want = append(want, fmt.Sprintf("/2018-06-01/runtime/invocation/req-%d/response: {\"echo\":%s}", i, e))
	}
	if strings.Join(a.posts, "\n") != strings.Join(want, "\n") {
		t.Errorf("posts\n%s\nwant\n%s", strings.Join(a.posts, "\n"), strings.Join(want, "\n"))
	}
}

// An API that closes every connection after one answer, without saying
// so: each request finds its connection closed and goes on a new one,
// and no invocation is lost, whatever the handler's time in between.
func TestIdleConnectionsClosedByTheAPI(t *testing.T) {
	a := &rawAPI{events: []string{`1`, `"two"`, `[3]`}, answer: func(int, *http.Request) (bool, bool) { return true, true }}
	slow := func(ctx context.Context, ev []byte, out *bytes.Buffer) error {
		time.Sleep(20 * time.Millisecond) // the close reaches the client first
		return echo(ctx, ev, out)
	}
	err := New(a.serve(t)).Run(slow)
	if err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Errorf("Run ended with %v, want the 500 from /next", err)
	}
	a.wantPosts(t)
	if a.conns != 2*len(a.events)+1 {
		t.Errorf("%d connections, want one a request (%d)", a.conns, 2*len(a.events)+1)
	}
}

// A GET on a kept connection that the API closes before answering is sent
// again on a new connection; a POST is not (it may have been handled): it
// fails, which ends the loop.
func TestClosedBeforeTheAnswer(t *testing.T) {
	var once sync.Once
	a := &rawAPI{events: []string{`1`, `2`}, answer: func(n int, r *http.Request) (bool, bool) {
		drop := false
		if n == 2 && r.Method == http.MethodGet { // the second GET on the first connection
			once.Do(func() { drop = true })
		}
		return !drop, false
	}}
	err := New(a.serve(t)).Run(echo)
	if err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Errorf("Run ended with %v, want the 500 from /next", err)
	}
	a.wantPosts(t)
	if a.conns != 2 {
		t.Errorf("%d connections, want 2", a.conns)
	}

	b := &rawAPI{events: []string{`1`}, answer: func(n int, r *http.Request) (bool, bool) { return r.Method == http.MethodGet, false }}
	err = New(b.serve(t)).Run(echo)
	if err == nil || !strings.Contains(err.Error(), "POST /2018-06-01/runtime/invocation/req-0/response") || b.served != 1 || b.conns != 1 {
		t.Errorf("Run ended with %v after %d served on %d connections, want the POST's failure", err, b.served, b.conns)
	}
}

// An API that says "Connection: close" (net/http's server with keep-alives
// off): every request on a new connection, responses whole, chunked
// included (a large event).
func TestConnectionClose(t *testing.T) {
	big := `"` + strings.Repeat("y", 1<<20) + `"`
	f := &fakeAPI{t: t, deadline: time.Now().Add(time.Minute), conns: map[string]bool{}}
	for _, e := range []string{big, `{"b":2}`} {
		f.events = append(f.events, []byte(e))
	}
	srv := httptest.NewUnstartedServer(f)
	srv.Config.SetKeepAlivesEnabled(false)
	srv.Start()
	defer srv.Close()
	err := New(strings.TrimPrefix(srv.URL, "http://")).Run(echo)
	if err == nil || !strings.Contains(err.Error(), "status 500") {
		t.Errorf("Run ended with %v", err)
	}
	if len(f.posts) != 2 || string(f.posts[0].body) != `{"echo":`+big+`}` || string(f.posts[1].body) != `{"echo":{"b":2}}` {
		t.Fatalf("%d posts", len(f.posts))
	}
	if len(f.conns) != 5 {
		t.Errorf("%d connections, want 5 (one a request)", len(f.conns))
	}
}

// The request as the API reads it: method, path, Host, Content-Type and
// Content-Length, the error type header, the body whole.
func TestRequestHead(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, strings.Join([]string{r.Method, r.URL.Path, r.Proto, r.Host, r.Header.Get("Content-Type"),
			strconv.FormatInt(r.ContentLength, 10), r.Header.Get("Lambda-Runtime-Function-Error-Type"), string(b)}, " | "))
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	c := New(addr)
	if err := c.InitError("Runtime.ConfigInvalid", "x"); err != nil {
		t.Fatal(err)
	}
	if err := c.post("/2018-06-01/runtime/invocation/r/response", nil, ""); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"POST | /2018-06-01/runtime/init/error | HTTP/1.1 | " + addr + ` | application/json | 56 | Runtime.ConfigInvalid | {"errorMessage":"x","errorType":"Runtime.ConfigInvalid"}`,
		"POST | /2018-06-01/runtime/invocation/r/response | HTTP/1.1 | " + addr + " | application/json | 0 |  | ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
