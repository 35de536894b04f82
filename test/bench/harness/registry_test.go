package harness

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestDelayed: every loopback address in the fakes' environment is replaced
// by one proxy per address that reaches the same fake.
func TestDelayed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fake") }))
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	s := started{}
	defer s.close()
	env := []string{"AWS_ENDPOINT_URL_DYNAMODB=http://" + addr, "TABLE_NAME=t", "AWS_ENDPOINT_URL_KMS=http://" + addr + "/"}
	out, err := s.delayed(env, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	proxied, ok := strings.CutPrefix(out[0], "AWS_ENDPOINT_URL_DYNAMODB=")
	if !ok || strings.Contains(proxied, addr) || out[1] != env[1] || out[2] != "AWS_ENDPOINT_URL_KMS="+proxied+"/" {
		t.Fatalf("env %q", out)
	}
	again, _ := s.delayed(env[:1], time.Millisecond)
	if again[0] != out[0] || len(s) != 1 {
		t.Errorf("a second proxy for the same fake: %q, %d started", again, len(s))
	}
	res, err := http.Get(proxied)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != "fake" {
		t.Errorf("through the proxy: %q", b)
	}
}
