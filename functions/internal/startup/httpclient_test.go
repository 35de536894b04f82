package startup

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// earlyClosedBody is a request body as smithy-go builds it: once closed,
// Read and WriteTo answer io.EOF. After its bytes, both block until it is
// closed, so net/http's check for extra bytes runs only after the caller
// has closed the body, the order that broke the connection.
type earlyClosedBody struct {
	mu     sync.Mutex
	data   []byte
	closed chan struct{}
	once   sync.Once
}

func (b *earlyClosedBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	if len(b.data) > 0 {
		n := copy(p, b.data)
		b.data = b.data[n:]
		b.mu.Unlock()
		return n, nil
	}
	b.mu.Unlock()
	<-b.closed
	return 0, io.EOF
}

func (b *earlyClosedBody) WriteTo(w io.Writer) (int64, error) {
	b.mu.Lock()
	if len(b.data) > 0 {
		n, err := w.Write(b.data)
		b.data = b.data[n:]
		b.mu.Unlock()
		return int64(n), err
	}
	b.mu.Unlock()
	<-b.closed
	return 0, io.EOF
}

func (b *earlyClosedBody) Close() error {
	b.once.Do(func() { close(b.closed) })
	return nil
}

// TestBodyClientKeepsConnection closes the request body when the response
// headers arrive, as smithy-go does. The transport's writer must then end
// the request without an error (an error closes the connection), and the
// response, larger than the transport's read buffer, must read whole.
func TestBodyClientKeepsConnection(t *testing.T) {
	answer := bytes.Repeat([]byte("0123456789abcdef"), 16<<10) // 256 KiB
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got, _ := io.ReadAll(io.LimitReader(r.Body, r.ContentLength)); string(got) != `{"QueryExecutionId":"q"}` {
			http.Error(w, "body "+string(got), http.StatusBadRequest)
			return
		}
		_, _ = w.Write(answer)
	}))
	defer srv.Close()
	c := bodyClient{next: &http.Client{Transport: &http.Transport{}}}
	for i := range 20 {
		body := &earlyClosedBody{data: []byte(`{"QueryExecutionId":"q"}`), closed: make(chan struct{})}
		req, err := http.NewRequest(http.MethodPost, srv.URL, body)
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = int64(len(body.data))
		wrote := make(chan error, 1)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteRequest: func(i httptrace.WroteRequestInfo) { wrote <- i.Err },
		}))
		res, err := c.Do(req)
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		_ = req.Body.Close() // what smithy-go does when Do returns
		select {
		case err := <-wrote:
			if err != nil {
				t.Fatalf("call %d: writing the request after the body was closed: %v", i, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("call %d: the request was never written", i)
		}
		got, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK || !bytes.Equal(got, answer) {
			t.Fatalf("call %d: status %d, %d of %d bytes, %v", i, res.StatusCode, len(got), len(answer), err)
		}
	}
}

// TestBodyClientLeavesOtherBodies: a body without WriteTo, and no body,
// reach the transport unchanged.
func TestBodyClientLeavesOtherBodies(t *testing.T) {
	var seen []io.ReadCloser
	c := bodyClient{next: clientFunc(func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Body)
		return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
	})}
	plain := io.NopCloser(struct{ io.Reader }{bytes.NewReader([]byte("x"))})
	for _, b := range []io.ReadCloser{plain, nil} {
		req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1", nil)
		req.Body = b
		if _, err := c.Do(req); err != nil {
			t.Fatal(err)
		}
	}
	if seen[0] != plain || seen[1] != nil {
		t.Errorf("bodies changed: %T, %T", seen[0], seen[1])
	}
	req, _ := http.NewRequest(http.MethodPost, "http://127.0.0.1:1", bytes.NewReader([]byte("x")))
	orig := req.Body
	if _, err := c.Do(req); err != nil {
		t.Fatal(err)
	}
	if _, ok := seen[2].(io.WriterTo); ok || req.Body != orig {
		t.Errorf("the transport saw %T; the caller's body is now %T", seen[2], req.Body)
	}
}

type clientFunc func(*http.Request) (*http.Response, error)

func (f clientFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestEveryFunctionUsesStartup: a function that loads the SDK's
// configuration itself would miss bodyClient.
func TestEveryFunctionUsesStartup(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") ||
			filepath.Base(filepath.Dir(path)) == "startup" {
			return err
		}
		src, err := os.ReadFile(path)
		if err == nil && bytes.Contains(src, []byte("config.LoadDefaultConfig(")) {
			t.Errorf("%s loads the SDK configuration itself: use startup.AWSConfig or startup.LoadAWSConfig", path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
