package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// request is what the fake API server saw.
type request struct {
	Method, Path, ContentType, Auth string
	Body                            map[string]any
}

// apiServer is an httptest TLS server (its own CA) answering with the
// next of answers (the last one repeats) and recording the requests.
type apiServer struct {
	*httptest.Server
	mu       sync.Mutex
	answers  []answer
	requests []request
}

type answer struct {
	code int
	body string
}

func newAPIServer(t *testing.T, answers ...answer) *apiServer {
	t.Helper()
	s := &apiServer{answers: answers}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		raw, _ := io.ReadAll(r.Body)
		req := request{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Auth: r.Header.Get("Authorization")}
		_ = json.Unmarshal(raw, &req.Body)
		s.requests = append(s.requests, req)
		a := s.answers[min(len(s.requests), len(s.answers))-1]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.code)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(s.Close)
	return s
}

// ca is the base64 PEM of the server's certificate (CertificateAuthorityData).
func (s *apiServer) ca() string {
	return base64.StdEncoding.EncodeToString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate().Raw}))
}

func (s *apiServer) props(ns string) map[string]any {
	return map[string]any{"ClusterName": "spark-eks", "Endpoint": s.URL, "CertificateAuthority": s.ca(), "Namespace": ns}
}

var signingTime = time.Date(2026, 12, 5, 20, 0, 0, 0, time.UTC)

func manager() *Manager {
	return &Manager{
		Credentials: credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "secret", "session-token"),
		Region:      "eu-west-1",
		Now:         func() time.Time { return signingTime },
		Sleep:       func(context.Context, time.Duration) error { return nil },
		Attempts:    3,
	}
}

func event(t *testing.T, kind, physicalID string, props map[string]any) customresource.Event {
	t.Helper()
	raw, _ := json.Marshal(map[string]any{"RequestType": kind, "RequestId": "req-1", "PhysicalResourceId": physicalID, "ResourceProperties": props})
	ev, err := customresource.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

const (
	created  = `{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"spark-jobs"}}`
	exists   = `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"namespaces \"spark-jobs\" already exists","reason":"AlreadyExists","code":409}`
	notFound = `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"namespaces \"old\" not found","reason":"NotFound","code":404}`
	denied   = `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"namespaces is forbidden: User \"arn:aws:sts::123456789012:assumed-role/fn/x\" cannot create resource \"namespaces\"","reason":"Forbidden","code":403}`
	invalid  = `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Namespace \"spark-jobs\" is invalid: metadata.labels: Invalid value","reason":"Invalid","code":422}`
)

// checkToken decodes a bearer token and checks the presigned URL in it.
func checkToken(t *testing.T, auth string) {
	t.Helper()
	token, ok := strings.CutPrefix(auth, "Bearer "+TokenPrefix)
	if !ok {
		t.Fatalf("Authorization = %q", auth)
	}
	if strings.ContainsAny(token, "=+/") {
		t.Errorf("token is not base64url without padding: %s", token)
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "https" || u.Host != "sts.eu-west-1.amazonaws.com" || u.Path != "/" {
		t.Errorf("presigned URL = %s", raw)
	}
	want := map[string]string{
		"Action": "GetCallerIdentity", "Version": "2011-06-15", "X-Amz-Expires": "60",
		"X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Date": "20261205T200000Z",
		"X-Amz-Credential": "AKIAIOSFODNN7EXAMPLE/20261205/eu-west-1/sts/aws4_request", "X-Amz-Security-Token": "session-token",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if h := strings.Split(q.Get("X-Amz-SignedHeaders"), ";"); !contains(h, "host") || !contains(h, ClusterIDHeader) {
		t.Errorf("X-Amz-SignedHeaders = %s", q.Get("X-Amz-SignedHeaders"))
	}
	if len(q.Get("X-Amz-Signature")) != 64 {
		t.Errorf("X-Amz-Signature = %q", q.Get("X-Amz-Signature"))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCreate(t *testing.T) {
	srv := newAPIServer(t, answer{201, created})
	props := srv.props("spark-jobs")
	props["Labels"] = map[string]any{"app.kubernetes.io/managed-by": "emreks"}
	res, err := manager().Run(context.Background(), event(t, "Create", "", props))
	if err != nil {
		t.Fatal(err)
	}
	if res.PhysicalResourceID != "spark-eks/spark-jobs" || res.Data["Namespace"] != "spark-jobs" {
		t.Errorf("response = %+v", res)
	}
	if len(srv.requests) != 1 {
		t.Fatalf("requests = %+v", srv.requests)
	}
	r := srv.requests[0]
	if r.Method != http.MethodPost || r.Path != "/api/v1/namespaces" || r.ContentType != "application/json" {
		t.Errorf("request = %s %s %s", r.Method, r.Path, r.ContentType)
	}
	body, _ := json.Marshal(r.Body)
	if string(body) != `{"apiVersion":"v1","kind":"Namespace","metadata":{"labels":{"app.kubernetes.io/managed-by":"emreks"},"name":"spark-jobs"}}` {
		t.Errorf("body = %s", body)
	}
	checkToken(t, r.Auth)
}

func TestTokenIsBoundToTheCluster(t *testing.T) {
	creds := credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "secret", "")
	a, _ := Token(context.Background(), creds, "eu-west-1", "one", signingTime)
	b, _ := Token(context.Background(), creds, "eu-west-1", "two", signingTime)
	if a == b || !strings.HasPrefix(a, TokenPrefix) {
		t.Errorf("tokens for two clusters: %s %s", a, b)
	}
	cn, _ := Token(context.Background(), creds, "cn-north-1", "one", signingTime)
	raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(cn, TokenPrefix))
	if !strings.HasPrefix(string(raw), "https://sts.cn-north-1.amazonaws.com.cn/?") {
		t.Errorf("China URL = %s", raw)
	}
	if _, err := Token(context.Background(), nil, "eu-west-1", "one", signingTime); err == nil {
		t.Error("no credentials: no error")
	}
}

func TestCreateExistingIsSuccessAndLabels(t *testing.T) {
	srv := newAPIServer(t, answer{409, exists}, answer{200, created})
	props := srv.props("spark-jobs")
	props["Labels"] = map[string]any{"team": "data"}
	res, err := manager().Run(context.Background(), event(t, "Update", "spark-eks/spark-jobs", props))
	if err != nil || res.PhysicalResourceID != "spark-eks/spark-jobs" {
		t.Fatalf("res %+v, err %v", res, err)
	}
	if len(srv.requests) != 2 {
		t.Fatalf("requests = %+v", srv.requests)
	}
	p := srv.requests[1]
	body, _ := json.Marshal(p.Body)
	if p.Method != http.MethodPatch || p.Path != "/api/v1/namespaces/spark-jobs" || p.ContentType != "application/merge-patch+json" || string(body) != `{"metadata":{"labels":{"team":"data"}}}` {
		t.Errorf("patch = %+v %s", p, body)
	}

	// Without labels, a 409 alone is the answer.
	srv = newAPIServer(t, answer{409, exists})
	if _, err := manager().Run(context.Background(), event(t, "Create", "", srv.props("spark-jobs"))); err != nil || len(srv.requests) != 1 {
		t.Errorf("err %v, %d requests", err, len(srv.requests))
	}
}

func TestErrorsCarryTheAPIMessage(t *testing.T) {
	// 403 is retried (a new access entry), then surfaced.
	srv := newAPIServer(t, answer{403, denied})
	_, err := manager().Run(context.Background(), event(t, "Create", "", srv.props("spark-jobs")))
	if err == nil || !strings.Contains(err.Error(), `create namespace spark-jobs in spark-eks: 403 Forbidden: namespaces is forbidden: User`) {
		t.Errorf("err = %v", err)
	}
	if len(srv.requests) != 3 {
		t.Errorf("%d attempts, want 3", len(srv.requests))
	}
	// 422 is not retried.
	srv = newAPIServer(t, answer{422, invalid})
	_, err = manager().Run(context.Background(), event(t, "Create", "", srv.props("spark-jobs")))
	if err == nil || !strings.Contains(err.Error(), "422 Invalid: Namespace \"spark-jobs\" is invalid") || len(srv.requests) != 1 {
		t.Errorf("err = %v after %d requests", err, len(srv.requests))
	}
	// A 401 then success: the access entry arrived.
	srv = newAPIServer(t, answer{401, `Unauthorized`}, answer{201, created})
	if _, err := manager().Run(context.Background(), event(t, "Create", "", srv.props("spark-jobs"))); err != nil || len(srv.requests) != 2 {
		t.Errorf("err %v after %d requests", err, len(srv.requests))
	}
	// A body that is not a Status is quoted.
	srv = newAPIServer(t, answer{500, "upstream connect error"})
	_, err = manager().Run(context.Background(), event(t, "Create", "", srv.props("spark-jobs")))
	if err == nil || !strings.Contains(err.Error(), "500 Internal Server Error: upstream connect error") {
		t.Errorf("err = %v", err)
	}
}

func TestTLSTrustsTheGivenCAOnly(t *testing.T) {
	srv := newAPIServer(t, answer{201, created})
	// httptest servers share one certificate: make another CA.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kubernetes"}, NotBefore: signingTime, NotAfter: signingTime.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	props := srv.props("spark-jobs")
	props["CertificateAuthority"] = base64.StdEncoding.EncodeToString(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	_, err = manager().Run(context.Background(), event(t, "Create", "", props))
	if err == nil || !strings.Contains(err.Error(), "certificate") || len(srv.requests) != 0 {
		t.Errorf("err = %v, %d requests", err, len(srv.requests))
	}
}

func TestDelete(t *testing.T) {
	srv := newAPIServer(t, answer{200, `{"kind":"Namespace","status":{"phase":"Terminating"}}`})
	if _, err := manager().Run(context.Background(), event(t, "Delete", "spark-eks/old", srv.props("spark-jobs"))); err != nil {
		t.Fatal(err)
	}
	if r := srv.requests; len(r) != 1 || r[0].Method != http.MethodDelete || r[0].Path != "/api/v1/namespaces/old" {
		t.Errorf("requests = %+v", r)
	} else {
		checkToken(t, r[0].Auth)
	}

	srv = newAPIServer(t, answer{404, notFound})
	if _, err := manager().Run(context.Background(), event(t, "Delete", "spark-eks/old", srv.props("spark-jobs"))); err != nil {
		t.Errorf("404: %v", err)
	}
	srv = newAPIServer(t, answer{403, denied})
	if _, err := manager().Run(context.Background(), event(t, "Delete", "spark-eks/old", srv.props("spark-jobs"))); err == nil || !strings.Contains(err.Error(), "delete namespace old in spark-eks: 403 Forbidden") {
		t.Errorf("403: %v", err)
	}

	// Nothing to delete: a failed Create's id, another (replaced) cluster.
	srv = newAPIServer(t, answer{500, "no call expected"})
	for _, id := range []string{"req-1", "", "other-cluster/spark-jobs"} {
		if res, err := manager().Run(context.Background(), event(t, "Delete", id, srv.props("spark-jobs"))); err != nil || res.PhysicalResourceID != id {
			t.Errorf("%q: %+v %v", id, res, err)
		}
	}
	if len(srv.requests) != 0 {
		t.Errorf("requests = %+v", srv.requests)
	}
}

func TestBadProperties(t *testing.T) {
	res, err := manager().Run(context.Background(), event(t, "Create", "", map[string]any{
		"ClusterName": "-bad", "Endpoint": "http://example.com/x", "CertificateAuthority": "bm90IGEgUEVN", "Namespace": "Spark_Jobs",
		"Labels": map[string]any{"": "x"},
	}))
	for _, s := range []string{`ClusterName="-bad"`, `Endpoint="http://example.com/x" is not an https://`, "CertificateAuthority: no PEM certificate", `Namespace="Spark_Jobs" is not a DNS-1123 label`, `Labels[""]="x"`} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("err = %v, lacks %s", err, s)
		}
	}
	if res.PhysicalResourceID != "req-1" {
		t.Errorf("failed Create id = %s", res.PhysicalResourceID)
	}
	_, err = manager().Run(context.Background(), event(t, "Update", "c/ns", map[string]any{"ClusterName": "c", "Endpoint": "https://x", "CertificateAuthority": "%%%", "Namespace": "ns"}))
	if err == nil || !strings.Contains(err.Error(), "CertificateAuthority: not base64") {
		t.Errorf("err = %v", err)
	}
	_, err = manager().Run(context.Background(), event(t, "Create", "", map[string]any{"Labels": "not a map"}))
	if err == nil || !strings.Contains(err.Error(), "ResourceProperties") {
		t.Errorf("err = %v", err)
	}
}

func TestHandler(t *testing.T) {
	srv := newAPIServer(t, answer{201, created})
	raw, _ := json.Marshal(map[string]any{"RequestType": "Create", "ResourceProperties": srv.props("spark-jobs")})
	var logs strings.Builder
	res, err := handler(manager(), slog.New(slog.NewJSONHandler(&logs, nil)))(context.Background(), raw)
	if err != nil || res.PhysicalResourceID != "spark-eks/spark-jobs" {
		t.Errorf("%+v %v", res, err)
	}
	if strings.Contains(logs.String(), TokenPrefix) || !strings.Contains(logs.String(), "spark-eks/spark-jobs") {
		t.Errorf("logs = %s", logs.String())
	}
	if _, err := handler(manager(), slog.New(slog.NewJSONHandler(io.Discard, nil)))(context.Background(), []byte(`{"RequestType":"Poke"}`)); err == nil {
		t.Error("bad request type accepted")
	}
}
