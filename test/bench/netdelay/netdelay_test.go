package netdelay

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRoundTrip: a request through the proxy takes at least one round trip
// (2 × the one-way delay) and its answer arrives whole and in order.
func TestRoundTrip(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 100_000) // a 1 MB answer arrives in many chunks
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }))
	defer srv.Close()
	const oneWay = 20 * time.Millisecond
	p, err := Start(srv.Listener.Addr().String(), oneWay)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c := &http.Client{}
	for i := range 3 {
		began := time.Now()
		res, err := c.Get("http://" + p.Addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(res.Body)
		res.Body.Close()
		took := time.Since(began)
		if err != nil || !bytes.Equal(got, body) {
			t.Fatalf("call %d: %d of %d bytes, %v", i, len(got), len(body), err)
		}
		// A lower bound only: the delay is what the proxy adds.
		if took < 2*oneWay {
			t.Errorf("call %d took %v, less than one round trip (%v)", i, took, 2*oneWay)
		}
	}
}
