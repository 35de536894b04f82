package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
)

// event wraps an envelope as CloudWatch Logs invokes a function with it.
func event(t testing.TB, env any) events.CloudwatchLogsEvent {
	t.Helper()
	raw, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	return events.CloudwatchLogsEvent{AWSLogs: events.CloudwatchLogsRawData{Data: base64.StdEncoding.EncodeToString(buf.Bytes())}}
}

func envelope(evs ...cwlogs.LogEvent) cwlogs.Envelope {
	return cwlogs.Envelope{MessageType: cwlogs.DataMessage, Owner: "111111111111", LogGroup: "/app/orders", LogStream: "i-0abc", SubscriptionFilters: []string{"f"}, LogEvents: evs}
}

// bulkItem is one action and document of a received _bulk body.
type bulkItem struct {
	Index, ID string
	Doc       map[string]any
	Raw       string
}

// fakeDomain answers _bulk requests: respond decides each item's status
// (and error type) from the attempt number and the item.
type fakeDomain struct {
	mu       sync.Mutex
	requests [][]bulkItem
	status   int // whole-request status other than 200, when set
	respond  func(attempt int, it bulkItem) (int, string)
	signed   int
}

func (f *fakeDomain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/_bulk" || r.Header.Get("Content-Type") != "application/x-ndjson" || r.Header.Get("X-Test-Signed") != "yes" {
		http.Error(w, `{"error":"unexpected request"}`, http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var items []bulkItem
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var action map[string]map[string]string
		if err := json.Unmarshal(sc.Bytes(), &action); err != nil {
			http.Error(w, "bad action: "+err.Error(), 400)
			return
		}
		if !sc.Scan() {
			http.Error(w, "action without document", 400)
			return
		}
		var doc map[string]any
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			http.Error(w, "bad document: "+err.Error(), 400)
			return
		}
		items = append(items, bulkItem{Index: action["create"]["_index"], ID: action["create"]["_id"], Doc: doc, Raw: sc.Text()})
	}
	f.requests = append(f.requests, items)
	if f.status != 0 {
		w.WriteHeader(f.status)
		fmt.Fprint(w, `{"error":{"type":"security_exception","reason":"no permissions"}}`)
		return
	}
	var out []string
	for _, it := range items {
		status, typ := 201, ""
		if f.respond != nil {
			status, typ = f.respond(len(f.requests), it)
		}
		e := ""
		if typ != "" {
			e = fmt.Sprintf(`,"error":{"type":%q,"reason":"test"}`, typ)
		}
		out = append(out, fmt.Sprintf(`{"create":{"_index":%q,"_id":%q,"status":%d%s}}`, it.Index, it.ID, status, e))
	}
	fmt.Fprintf(w, `{"took":3,"errors":false,"items":[%s]}`, strings.Join(out, ","))
}

type testSigner struct{}

func (testSigner) Sign(_ context.Context, r *http.Request, _ []byte) error {
	r.Header.Set("X-Test-Signed", "yes")
	return nil
}

func newLoader(t testing.TB, f *fakeDomain) (*Loader, *[]time.Duration) {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	var waits []time.Duration
	return &Loader{
		Endpoint: "vpc-test.eu-west-1.es.amazonaws.com", Prefix: "logs",
		HTTP: srv.Client(), Signer: testSigner{}, BaseURL: srv.URL,
		FirstWait: time.Second, MaxWait: 8 * time.Second, Margin: 5 * time.Second,
		Sleep: func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
	}, &waits
}

var (
	t0     = time.Date(2026, 11, 25, 23, 59, 59, 250e6, time.UTC).UnixMilli()
	t1     = time.Date(2026, 11, 26, 0, 0, 1, 0, time.UTC).UnixMilli()
	sample = envelope(
		cwlogs.LogEvent{ID: "37000000000000000000000000000000000000000000000000000001", Timestamp: t0, Message: `{"level":"ERROR","order":{"id":42}}`},
		cwlogs.LogEvent{ID: "37000000000000000000000000000000000000000000000000000002", Timestamp: t1, Message: "plain text line\twith \"quotes\""},
		cwlogs.LogEvent{ID: "37000000000000000000000000000000000000000000000000000003", Timestamp: t1, Message: "bad \xff bytes"},
	)
)

func TestIndexesOneDocumentPerEvent(t *testing.T) {
	f := &fakeDomain{}
	l, _ := newLoader(t, f)
	st, err := l.Handle(context.Background(), event(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	if st.Events != 3 || st.Indexed != 3 || st.Requests != 1 || st.Rounds != 1 || st.LogGroup != "/app/orders" {
		t.Errorf("stats = %+v", st)
	}
	got := f.requests[0]
	wantIndex := []string{"logs-2026-11-25", "logs-2026-11-26", "logs-2026-11-26"}
	for i, it := range got {
		if it.Index != wantIndex[i] || it.ID != sample.LogEvents[i].ID {
			t.Errorf("item %d: index %s id %s", i, it.Index, it.ID)
		}
		logm := it.Doc["log"].(map[string]any)
		if logm["group"] != "/app/orders" || logm["stream"] != "i-0abc" || logm["owner"] != "111111111111" || logm["id"] != sample.LogEvents[i].ID {
			t.Errorf("item %d log = %v", i, logm)
		}
	}
	if got[0].Doc["@timestamp"] != "2026-11-25T23:59:59.250Z" || got[1].Doc["@timestamp"] != "2026-11-26T00:00:01.000Z" {
		t.Errorf("timestamps %v %v", got[0].Doc["@timestamp"], got[1].Doc["@timestamp"])
	}
	if fields, _ := json.Marshal(got[0].Doc["fields"]); string(fields) != `{"level":"ERROR","order":{"id":42}}` {
		t.Errorf("fields = %s", fields)
	}
	if _, ok := got[1].Doc["fields"]; ok {
		t.Errorf("a plain message got fields")
	}
	if got[1].Doc["message"] != "plain text line\twith \"quotes\"" || got[2].Doc["message"] != "bad \uFFFD bytes" {
		t.Errorf("messages %q %q", got[1].Doc["message"], got[2].Doc["message"])
	}
}

func TestControlMessageSendsNothing(t *testing.T) {
	f := &fakeDomain{}
	l, _ := newLoader(t, f)
	env := cwlogs.Envelope{MessageType: cwlogs.ControlMessage, Owner: "CloudwatchLogs", LogGroup: "", LogEvents: []cwlogs.LogEvent{{ID: "", Timestamp: t0, Message: "CWL CONTROL MESSAGE: Checking health of destination"}}}
	st, err := l.Handle(context.Background(), event(t, env))
	if err != nil || !st.Control || len(f.requests) != 0 {
		t.Errorf("stats %+v err %v requests %d", st, err, len(f.requests))
	}
}

func TestRetriesAndFallbacks(t *testing.T) {
	cases := []struct {
		name    string
		respond func(int, bulkItem) (int, string)
		check   func(t *testing.T, st Stats, f *fakeDomain, waits []time.Duration)
	}{
		{"an earlier attempt's documents count as indexed", func(_ int, it bulkItem) (int, string) {
			if strings.HasSuffix(it.ID, "1") {
				return 409, "version_conflict_engine_exception"
			}
			return 201, ""
		}, func(t *testing.T, st Stats, f *fakeDomain, _ []time.Duration) {
			if st.Duplicates != 1 || st.Indexed != 2 || len(f.requests) != 1 {
				t.Errorf("stats %+v", st)
			}
		}},
		{"throttled items are retried alone with backoff", func(attempt int, it bulkItem) (int, string) {
			if attempt < 3 && strings.HasSuffix(it.ID, "2") {
				return 429, "es_rejected_execution_exception"
			}
			return 201, ""
		}, func(t *testing.T, st Stats, f *fakeDomain, waits []time.Duration) {
			if st.Indexed != 3 || st.Rounds != 3 || len(f.requests[1]) != 1 || len(f.requests[2]) != 1 || fmt.Sprint(waits) != "[1s 2s]" {
				t.Errorf("stats %+v, request sizes %d/%d/%d, waits %v", st, len(f.requests[0]), len(f.requests[1]), len(f.requests[2]), waits)
			}
		}},
		{"a mapping conflict resends the event without fields", func(_ int, it bulkItem) (int, string) {
			if _, ok := it.Doc["fields"]; ok {
				return 400, "mapper_parsing_exception"
			}
			return 201, ""
		}, func(t *testing.T, st Stats, f *fakeDomain, waits []time.Duration) {
			if st.FieldsDropped != 1 || st.Indexed != 3 || len(f.requests) != 2 || f.requests[1][0].Doc["message"] != `{"level":"ERROR","order":{"id":42}}` {
				t.Errorf("stats %+v requests %v", st, f.requests)
			}
			if len(waits) != 0 {
				t.Errorf("waited %v before re-sending without fields (nothing was throttled)", waits)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeDomain{respond: c.respond}
			l, waits := newLoader(t, f)
			st, err := l.Handle(context.Background(), event(t, sample))
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, st, f, *waits)
		})
	}
}

func TestFailures(t *testing.T) {
	cases := []struct {
		name  string
		f     *fakeDomain
		ev    events.CloudwatchLogsEvent
		ctx   func() (context.Context, context.CancelFunc)
		wants string
	}{
		{"not base64", &fakeDomain{}, events.CloudwatchLogsEvent{AWSLogs: events.CloudwatchLogsRawData{Data: "%%%"}}, nil, "not base64"},
		{"not gzip", &fakeDomain{}, events.CloudwatchLogsEvent{AWSLogs: events.CloudwatchLogsRawData{Data: base64.StdEncoding.EncodeToString([]byte(`{"a":1}`))}}, nil, "not gzip"},
		{"forbidden", &fakeDomain{status: 403}, event(t, sample), nil, "HTTP 403: {\"error\":{\"type\":\"security_exception\""},
		{"a plain document refused", &fakeDomain{respond: func(_ int, it bulkItem) (int, string) {
			if strings.HasSuffix(it.ID, "2") {
				return 400, "mapper_parsing_exception"
			}
			return 201, ""
		}}, event(t, sample), nil, "document 37000000000000000000000000000000000000000000000000000002 of index logs-2026-11-26 refused: HTTP 400: mapper_parsing_exception"},
		{"another refusal", &fakeDomain{respond: func(int, bulkItem) (int, string) { return 403, "security_exception" }}, event(t, sample), nil, "HTTP 403: security_exception"},
		{"domain unavailable until the deadline", &fakeDomain{status: 503}, event(t, sample), func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 7*time.Second)
		}, "3 of 3 events not indexed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, _ := newLoader(t, c.f)
			ctx, cancel := context.Background(), func() {}
			if c.ctx != nil {
				ctx, cancel = c.ctx()
			}
			defer cancel()
			_, err := l.Handle(ctx, c.ev)
			if err == nil || !strings.Contains(err.Error(), c.wants) {
				t.Errorf("err = %v, want %q", err, c.wants)
			}
		})
	}
}

func TestLargeBatchesSplit(t *testing.T) {
	big := strings.Repeat("x", 250<<10) // CloudWatch Logs events are at most 256 KB
	var evs []cwlogs.LogEvent
	for i := range 45 {
		evs = append(evs, cwlogs.LogEvent{ID: fmt.Sprintf("id-%02d", i), Timestamp: t0, Message: big})
	}
	f := &fakeDomain{}
	l, _ := newLoader(t, f)
	st, err := l.Handle(context.Background(), event(t, envelope(evs...)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 45 || st.Requests != 3 {
		t.Errorf("stats %+v", st)
	}
	docs := BuildDocs(ptr(envelope(evs...)), "logs")
	bodies, _ := bulkBodies(docs, nil, all(len(docs)))
	for i, b := range bodies {
		if len(b) > MaxBulkBytes {
			t.Errorf("body %d has %d bytes", i, len(b))
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestFromEnv(t *testing.T) {
	_, err := fromEnv(func(string) string { return "" })
	if err == nil || !strings.Contains(err.Error(), "DOMAIN_ENDPOINT is empty") || !strings.Contains(err.Error(), "INDEX_PREFIX is empty") {
		t.Errorf("err = %v", err)
	}
	env := map[string]string{"DOMAIN_ENDPOINT": "vpc-x.eu-west-1.es.amazonaws.com", "INDEX_PREFIX": "logs"}
	l, err := fromEnv(func(k string) string { return env[k] })
	if err != nil || l.Endpoint != "vpc-x.eu-west-1.es.amazonaws.com" || l.Prefix != "logs" {
		t.Errorf("loader %+v err %v", l, err)
	}
}
