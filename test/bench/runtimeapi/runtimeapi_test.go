package runtimeapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain doubles as a runtime: with RUNTIMEAPI_TEST_RUNTIME set, the test
// binary is a runtime loop that answers every event reversed, as an error on
// even invocations, with chunked bodies when the variable says "chunked".
func TestMain(m *testing.M) {
	if mode := os.Getenv("RUNTIMEAPI_TEST_RUNTIME"); mode != "" {
		testRuntime(mode == "chunked")
		return
	}
	os.Exit(m.Run())
}

func testRuntime(chunked bool) {
	base := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	for i := 1; ; i++ {
		resp, err := http.Get(base + "next")
		if err != nil {
			os.Exit(1)
		}
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		ev, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for l, r := 0, len(ev)-1; l < r; l, r = l+1, r-1 {
			ev[l], ev[r] = ev[r], ev[l]
		}
		path := "/response"
		if i%2 == 0 {
			path = "/error"
		}
		var body io.Reader = bytes.NewReader(ev)
		if chunked {
			pr, pw := io.Pipe()
			go func() { pw.Write(ev); pw.Close() }()
			body = pr // no length: sent chunked
		}
		post, err := http.Post(base+id+path, "application/json", body)
		if err != nil {
			os.Exit(1)
		}
		post.Body.Close()
	}
}

func TestRun(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	event := []byte(`{"records":[` + strings.Repeat(`"abc",`, 10000) + `"end"]}`)
	for _, mode := range []string{"length", "chunked"} {
		t.Run(mode, func(t *testing.T) {
			warmup := 0
			if mode == "chunked" {
				warmup = 2
			}
			r, err := Run(context.Background(), Options{Event: event, N: 5, Warmup: warmup, Command: []string{exe},
				Env: []string{"RUNTIMEAPI_TEST_RUNTIME=" + mode}, Timeout: time.Minute})
			if err != nil {
				t.Fatalf("%v (stderr %s)", err, r.Stderr)
			}
			want := make([]byte, len(event))
			for i, b := range event {
				want[len(event)-1-i] = b
			}
			if r.Invocations != 5 || r.Errors != 2 || !bytes.Equal(r.Last, want) || !bytes.Equal(r.LastError, want) {
				t.Errorf("invocations %d errors %d, last %.40q, last error %.40q", r.Invocations, r.Errors, r.Last, r.LastError)
			}
			if r.EventBytes != len(event) || r.Wall <= 0 || r.Init <= 0 || r.MBps() <= 0 {
				t.Errorf("figures: %+v", fmt.Sprint(r.EventBytes, r.Wall, r.Init, r.MBps()))
			}
			if r.Timed != 5-warmup || r.Wall > r.Span || warmup == 0 && r.Wall != r.Span {
				t.Errorf("warm-up %d: %d timed, wall %v of %v", warmup, r.Timed, r.Wall, r.Span)
			}
		})
	}
}

func TestRunExitEarly(t *testing.T) {
	_, err := Run(context.Background(), Options{Event: []byte(`{}`), N: 2, Command: []string{"true"}, Timeout: time.Minute})
	if err == nil || !strings.Contains(err.Error(), "exited before 2 invocations") {
		t.Errorf("err = %v", err)
	}
}
