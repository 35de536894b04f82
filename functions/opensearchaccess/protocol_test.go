package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
)

// fakeOpenSearch speaks the part of the Security REST API the function uses
// over TLS on loopback, keeping roles and role mappings in memory. It
// rejects requests that are not SigV4-signed for the service "es"
// (awsfake.CheckSigned, the check the AWS JSON protocol fake makes; the REST
// API itself is not that protocol).
type fakeOpenSearch struct {
	mu       sync.Mutex
	requests []string                   // "METHOD path"
	bodies   map[string]json.RawMessage // "METHOD path" → last body
	roles    map[string]json.RawMessage
	mappings map[string]map[string][]string
	inject   map[string][]int // "METHOD path" → statuses answered first
	always   map[string]int   // "METHOD path" → status answered every time
}

func newFake() *fakeOpenSearch {
	return &fakeOpenSearch{
		bodies: map[string]json.RawMessage{}, roles: map[string]json.RawMessage{},
		inject: map[string][]int{}, always: map[string]int{},
		mappings: map[string]map[string][]string{
			"all_access": {"backend_roles": {otherARN}, "users": {"master"}, "hosts": {"10.0.0.1"}},
		},
	}
}

func (f *fakeOpenSearch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := awsfake.CheckSigned(r, "eu-west-1", "es"); err != nil {
		msg, _ := json.Marshal(map[string]string{"status": "FORBIDDEN", "message": "not signed for es: " + err.Error()})
		http.Error(w, string(msg), http.StatusForbidden)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, apiPrefix)
	if !ok {
		http.Error(w, `{"status":"NOT_FOUND"}`, http.StatusNotFound)
		return
	}
	key := r.Method + " " + path
	f.requests = append(f.requests, key)
	body, _ := io.ReadAll(r.Body)
	if len(body) > 0 {
		if r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "content type", http.StatusUnsupportedMediaType)
			return
		}
		f.bodies[key] = body
	}
	if st, ok := f.always[key]; ok {
		w.WriteHeader(st)
		io.WriteString(w, `{"status":"FORBIDDEN","message":"no permissions for [restapi:admin/roles] and User [name=arn:aws:iam::123456789012:role/fn]"}`)
		return
	}
	if q := f.inject[key]; len(q) > 0 {
		f.inject[key] = q[1:]
		w.WriteHeader(q[0])
		io.WriteString(w, "<html>Service Unavailable</html>")
		return
	}
	kind, name, _ := strings.Cut(path, "/")
	answer := func(st int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		json.NewEncoder(w).Encode(v)
	}
	switch {
	case kind == "roles" && r.Method == http.MethodPut:
		f.roles[name] = body
		answer(http.StatusOK, map[string]string{"status": "OK"})
	case kind == "rolesmapping" && r.Method == http.MethodPut:
		var m map[string][]string
		json.Unmarshal(body, &m)
		f.mappings[name] = m
		answer(http.StatusCreated, map[string]string{"status": "CREATED"})
	case kind == "rolesmapping" && r.Method == http.MethodGet:
		m, ok := f.mappings[name]
		if !ok {
			answer(http.StatusNotFound, map[string]string{"status": "NOT_FOUND"})
			return
		}
		answer(http.StatusOK, map[string]any{name: m})
	case kind == "rolesmapping" && r.Method == http.MethodPatch:
		var ops []struct {
			Op    string   `json:"op"`
			Path  string   `json:"path"`
			Value []string `json:"value"`
		}
		if err := json.Unmarshal(body, &ops); err != nil || len(ops) == 0 {
			answer(http.StatusBadRequest, map[string]string{"status": "BAD_REQUEST"})
			return
		}
		m, ok := f.mappings[name]
		if !ok {
			answer(http.StatusNotFound, map[string]string{"status": "NOT_FOUND"})
			return
		}
		for _, op := range ops {
			field, ok := strings.CutPrefix(op.Path, "/")
			if op.Op != "add" || !ok || strings.Contains(field, "/") {
				answer(http.StatusBadRequest, map[string]string{"status": "BAD_REQUEST"})
				return
			}
			m[field] = op.Value
		}
		answer(http.StatusOK, map[string]string{"status": "OK"})
	case r.Method == http.MethodDelete:
		store := map[string]bool{"roles": f.roles[name] != nil, "rolesmapping": f.mappings[name] != nil}
		if !store[kind] {
			answer(http.StatusNotFound, map[string]string{"status": "NOT_FOUND", "message": name + " not found."})
			return
		}
		delete(f.roles, name)
		if kind == "rolesmapping" {
			delete(f.mappings, name)
		}
		answer(http.StatusOK, map[string]string{"status": "OK"})
	default:
		answer(http.StatusMethodNotAllowed, map[string]string{"status": "METHOD_NOT_ALLOWED"})
	}
}

func (f *fakeOpenSearch) seen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

// setup starts the fake and a client signing with static credentials.
func setup(t *testing.T, f *fakeOpenSearch) (*Provisioner, *Client) {
	srv := httptest.NewTLSServer(f)
	t.Cleanup(srv.Close)
	c := &Client{
		HTTP:    srv.Client(),
		Signer:  &sigv4.Signer{Credentials: awsfake.Credentials(), Region: "eu-west-1"},
		Retry:   Retry{First: 5 * time.Millisecond, Max: 20 * time.Millisecond, Total: 5 * time.Second, PerAttempt: 2 * time.Second},
		BaseURL: srv.URL,
	}
	return &Provisioner{API: c, Margin: 5 * time.Second}, c
}

func TestCreate(t *testing.T) {
	f := newFake()
	p, c := setup(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(map[string]any{
		"IndexPatterns": "music-events-*,music-errors-*", "AdminBackendRoles": adminARN + "," + otherARN,
	})})
	require.NoError(t, err)
	require.Equal(t, Response{PhysicalResourceID: endpoint + "/firehose_writer", Data: map[string]string{"RoleName": "firehose_writer"}}, res)
	require.Equal(t, []string{
		"PUT roles/firehose_writer", "PUT rolesmapping/firehose_writer",
		"GET rolesmapping/all_access", "PATCH rolesmapping/all_access",
	}, f.seen())
	require.JSONEq(t, `{"description":"Managed by CloudFormation (cdk-data-patterns opensearchaccess): Firehose delivery",
		"cluster_permissions":["cluster_monitor","cluster_composite_ops","indices:admin/template/get","indices:admin/template/put"],
		"index_permissions":[{"index_patterns":["music-events-*","music-errors-*"],"allowed_actions":["crud","create_index","manage"]}]}`,
		string(f.roles["firehose_writer"]))
	require.JSONEq(t, `{"backend_roles":["`+writerARN+`"]}`, string(f.bodies["PUT rolesmapping/firehose_writer"]))
	require.JSONEq(t, `[{"op":"add","path":"/backend_roles","value":["`+otherARN+`","`+adminARN+`"]}]`,
		string(f.bodies["PATCH rolesmapping/all_access"]))
	require.Equal(t, map[string][]string{"backend_roles": {otherARN, adminARN}, "users": {"master"}, "hosts": {"10.0.0.1"}},
		f.mappings["all_access"], "existing members kept")
	require.Equal(t, []Call{
		{"PUT", "roles/firehose_writer", 200, 1}, {"PUT", "rolesmapping/firehose_writer", 201, 1},
		{"GET", "rolesmapping/all_access", 200, 1}, {"PATCH", "rolesmapping/all_access", 200, 1},
	}, c.Calls())

	// Running it again (an Update without changes) writes all_access no more.
	_, err = p.Run(context.Background(), Event{RequestType: "Update", PhysicalResourceID: res.PhysicalResourceID,
		ResourceProperties: props(nil), OldResourceProperties: props(nil)})
	require.NoError(t, err)
	require.NotContains(t, f.seen()[4:], "PATCH rolesmapping/all_access")
}

func TestCreateWithoutAdmins(t *testing.T) {
	f := newFake()
	p, _ := setup(t, f)
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(map[string]any{"AdminBackendRoles": ""})})
	require.NoError(t, err)
	require.Equal(t, []string{"PUT roles/firehose_writer", "PUT rolesmapping/firehose_writer"}, f.seen())
}

func TestUpdateRenamedRole(t *testing.T) {
	f := newFake()
	f.roles["old_writer"] = json.RawMessage(`{}`)
	f.mappings["old_writer"] = map[string][]string{"backend_roles": {writerARN}}
	f.mappings["all_access"]["backend_roles"] = []string{otherARN, adminARN}
	newAdmin := "arn:aws:iam::123456789012:role/NewAdmin"
	p, _ := setup(t, f)
	res, err := p.Run(context.Background(), Event{
		RequestType: "Update", PhysicalResourceID: endpoint + "/old_writer",
		ResourceProperties:    props(map[string]any{"RoleName": "new_writer", "AdminBackendRoles": newAdmin}),
		OldResourceProperties: props(map[string]any{"RoleName": "old_writer"}),
	})
	require.NoError(t, err)
	require.Equal(t, endpoint+"/new_writer", res.PhysicalResourceID)
	require.Equal(t, []string{
		"PUT roles/new_writer", "PUT rolesmapping/new_writer",
		"GET rolesmapping/all_access", "PATCH rolesmapping/all_access",
		"DELETE rolesmapping/old_writer", "DELETE roles/old_writer",
	}, f.seen())
	require.NotContains(t, f.roles, "old_writer")
	require.NotContains(t, f.mappings, "old_writer")
	require.Contains(t, f.roles, "new_writer")
	require.Equal(t, []string{otherARN, newAdmin}, f.mappings["all_access"]["backend_roles"], "old admin out, new in, others kept")

	// CloudFormation's cleanup Delete of the old physical ID then finds
	// nothing and leaves all_access alone.
	_, err = p.Run(context.Background(), Event{RequestType: "Delete", PhysicalResourceID: endpoint + "/old_writer",
		ResourceProperties: props(map[string]any{"RoleName": "old_writer", "AdminBackendRoles": newAdmin})})
	require.NoError(t, err)
	require.Equal(t, []string{"DELETE rolesmapping/old_writer", "DELETE roles/old_writer"}, f.seen()[6:])
	require.Equal(t, []string{otherARN, newAdmin}, f.mappings["all_access"]["backend_roles"])
}

func TestDelete(t *testing.T) {
	f := newFake()
	f.roles["firehose_writer"] = json.RawMessage(`{}`) // mapping already gone: 404 tolerated
	f.mappings["all_access"]["backend_roles"] = []string{otherARN, adminARN}
	p, _ := setup(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Delete", PhysicalResourceID: endpoint + "/firehose_writer", ResourceProperties: props(nil)})
	require.NoError(t, err)
	require.Equal(t, endpoint+"/firehose_writer", res.PhysicalResourceID)
	require.Equal(t, []string{
		"DELETE rolesmapping/firehose_writer", "DELETE roles/firehose_writer",
		"GET rolesmapping/all_access", "PATCH rolesmapping/all_access",
	}, f.seen())
	require.Empty(t, f.roles)
	require.Equal(t, map[string][]string{"backend_roles": {otherARN}, "users": {"master"}, "hosts": {"10.0.0.1"}}, f.mappings["all_access"])
}

func TestDeleteWithInvalidPropertiesSucceeds(t *testing.T) {
	f := newFake()
	p, _ := setup(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Delete", PhysicalResourceID: "5d9c1b0e", ResourceProperties: props(map[string]any{"RoleName": "all_access"})})
	require.NoError(t, err)
	require.Equal(t, "5d9c1b0e", res.PhysicalResourceID)
	require.Empty(t, f.seen(), "a Create that failed validation created nothing")
}

func TestRetryUntilReady(t *testing.T) {
	f := newFake()
	f.inject["PUT roles/firehose_writer"] = []int{503, 502, 429}
	p, c := setup(t, f)
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(map[string]any{"AdminBackendRoles": ""})})
	require.NoError(t, err)
	require.Equal(t, []Call{{"PUT", "roles/firehose_writer", 200, 4}, {"PUT", "rolesmapping/firehose_writer", 201, 1}}, c.Calls())
	require.Contains(t, f.roles, "firehose_writer")
}

func TestConnectionErrorsRetried(t *testing.T) {
	f := newFake()
	p, c := setup(t, f)
	real := c.HTTP
	fails := 2
	c.HTTP = doerFunc(func(r *http.Request) (*http.Response, error) {
		if fails > 0 {
			fails--
			return nil, &netError{}
		}
		return real.Do(r)
	})
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(map[string]any{"AdminBackendRoles": ""})})
	require.NoError(t, err)
	require.Equal(t, 3, c.Calls()[0].Attempts)
}

type doerFunc func(*http.Request) (*http.Response, error)

func (d doerFunc) Do(r *http.Request) (*http.Response, error) { return d(r) }

type netError struct{}

func (*netError) Error() string { return "dial tcp 10.0.1.12:443: connect: connection refused" }

func TestForbiddenFails(t *testing.T) {
	f := newFake()
	f.always["PUT rolesmapping/firehose_writer"] = http.StatusForbidden
	p, c := setup(t, f)
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(nil)})
	require.Error(t, err)
	require.Contains(t, err.Error(), "PUT rolesmapping/firehose_writer: HTTP 403")
	require.Contains(t, err.Error(), "no permissions for [restapi:admin/roles]")
	require.Equal(t, []string{"PUT roles/firehose_writer", "PUT rolesmapping/firehose_writer"}, f.seen(), "no retry, nothing after")
	require.Equal(t, 1, c.Calls()[1].Attempts)
}

func TestUnsignedRejected(t *testing.T) {
	// The fake's own check: a request signed for another service fails.
	f := newFake()
	p, c := setup(t, f)
	c.Signer.(*sigv4.Signer).Region = "us-east-1"
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(nil)})
	require.ErrorContains(t, err, "HTTP 403")
	require.ErrorContains(t, err, "not signed for es")
}

func TestDeadlineRespected(t *testing.T) {
	f := newFake()
	f.inject["PUT roles/firehose_writer"] = make([]int, 1000)
	for i := range f.inject["PUT roles/firehose_writer"] {
		f.inject["PUT roles/firehose_writer"][i] = 503
	}
	p, c := setup(t, f)
	p.Margin = 400 * time.Millisecond
	c.Retry = Retry{First: 20 * time.Millisecond, Max: 100 * time.Millisecond, Total: time.Minute, PerAttempt: time.Second}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := p.Run(ctx, Event{RequestType: "Create", ResourceProperties: props(nil)})
	elapsed := time.Since(start)
	require.Error(t, err)
	require.Contains(t, err.Error(), "PUT roles/firehose_writer")
	require.Contains(t, err.Error(), "HTTP 503")
	require.Less(t, elapsed, 900*time.Millisecond, "returned before the invocation deadline")
	require.Greater(t, c.Calls()[0].Attempts, 2)
	require.NoError(t, ctx.Err(), "the invocation's own deadline was not reached")
}

func TestTotalRetryBudget(t *testing.T) {
	f := newFake()
	f.inject["PUT roles/firehose_writer"] = []int{503, 503, 503, 503, 503, 503, 503, 503}
	p, c := setup(t, f)
	c.Retry = Retry{First: 10 * time.Millisecond, Max: 20 * time.Millisecond, Total: 50 * time.Millisecond}
	_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceProperties: props(nil)})
	require.ErrorContains(t, err, "domain not ready after")
	require.ErrorContains(t, err, "Service Unavailable")
}

func TestHandlerWithProviderEvent(t *testing.T) {
	raw, err := os.ReadFile("testdata/create-event.json")
	require.NoError(t, err)
	f := newFake()
	p, c := setup(t, f)
	var logs bytes.Buffer
	h := handler(p, c, slog.New(slog.NewJSONHandler(&logs, nil)))
	res, err := h(context.Background(), raw)
	require.NoError(t, err)
	require.Equal(t, "vpc-music-search-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com/firehose_writer", res.PhysicalResourceID)
	out, _ := json.Marshal(res)
	require.JSONEq(t, `{"PhysicalResourceId":"vpc-music-search-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com/firehose_writer","Data":{"RoleName":"firehose_writer"}}`, string(out))
	require.Len(t, f.mappings["all_access"]["backend_roles"], 3)

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 1)
	var line map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &line))
	require.Equal(t, "Create", line["requestType"])
	require.Equal(t, "firehose_writer", line["roleName"])
	require.Len(t, line["calls"], 4)
	require.NotContains(t, lines[0], "AKIDEXAMPLE")
	require.NotContains(t, lines[0], "Signature")

	_, err = h(context.Background(), json.RawMessage(`{"RequestType":"Replace"}`))
	require.ErrorContains(t, err, `RequestType="Replace"`)
}
