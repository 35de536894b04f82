// Package awsfake is the handlers' fake of the AWS JSON protocol (1.0 and
// 1.1), for wire tests that put the real SDK client between a function and
// a fake service: the client's encoding of requests, its decoding of replies
// and of error types, and its retries are then part of the test.
//
// A Server listens on loopback and checks every request as the service
// would: POST /, Content-Type application/x-amz-json-1.x, the operation in
// X-Amz-Target ("<TargetPrefix>.<Operation>"), a SigV4 signature for the
// service's signing name and region with the fake's access key, and a JSON
// body. A request that breaks one of these fails the test (and gets HTTP
// 400). It records every request and answers, in this order of precedence:
//
//   - an error injected for that request number (FailRequest) or for every
//     call of the operation (Fail): HTTP 400 with {"__type", "message"};
//   - a handler computing the reply (Handle), which may return an *Error;
//   - queued replies (Reply): each call takes the next, the last repeats;
//   - otherwise an UnknownOperationException.
//
// CheckSigned is the signature check alone, for fakes of signed services
// that do not speak the JSON protocol (OpenSearch's REST API).
package awsfake

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// AccessKeyID is the access key of Credentials; CheckSigned wants it.
const AccessKeyID = "AKIDEXAMPLE"

// Credentials returns the static credentials a client of the fake signs
// with.
func Credentials() aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider(AccessKeyID, "SECRET", "")
}

// Service is what a service's JSON protocol fixes.
type Service struct {
	// TargetPrefix comes before the operation in X-Amz-Target.
	TargetPrefix string
	// JSONVersion is "1.0" or "1.1" (Content-Type application/x-amz-json-<v>).
	JSONVersion string
	// SigningName is the service in the signature's credential scope.
	SigningName string
	// ErrorPrefix comes before an error type in "__type" (the SDK strips
	// it); empty for services that send the bare type.
	ErrorPrefix string
}

// The services the handlers call, as their SDK clients speak them.
var (
	DynamoDB     = Service{TargetPrefix: "DynamoDB_20120810", JSONVersion: "1.0", SigningName: "dynamodb", ErrorPrefix: "com.amazonaws.dynamodb.v20120810#"}
	SQS          = Service{TargetPrefix: "AmazonSQS", JSONVersion: "1.0", SigningName: "sqs", ErrorPrefix: "com.amazonaws.sqs#"}
	Kinesis      = Service{TargetPrefix: "Kinesis_20131202", JSONVersion: "1.1", SigningName: "kinesis"}
	RedshiftData = Service{TargetPrefix: "RedshiftData", JSONVersion: "1.1", SigningName: "redshift-data"}
)

// Error is an error reply: HTTP Status (400 when 0) with the body
// {"__type": ErrorPrefix+Type, "message": Message}.
type Error struct {
	Type    string
	Message string
	Status  int
}

func (e *Error) Error() string { return e.Type + ": " + e.Message }

// Request is one request the server accepted.
type Request struct {
	N      int            // 1-based, in arrival order over all operations
	Op     string         // the operation, e.g. "UpdateItem"
	Body   string         // the JSON body as sent
	Fields map[string]any // Body decoded
}

// Decode decodes the body into v.
func (r Request) Decode(v any) error { return json.Unmarshal([]byte(r.Body), v) }

// Handler computes the reply to a request: a JSON body, or an error (an
// *Error is sent as such; any other error as a ValidationException with its
// text).
type Handler func(Request) (string, error)

// T is the part of *testing.T the server uses.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Cleanup(func())
}

// Server is a fake of one service on loopback.
type Server struct {
	Service Service
	Region  string // the region requests must be signed for; Config's region
	URL     string // http://127.0.0.1:port

	t        T
	mu       sync.Mutex
	requests []Request
	replies  map[string][]string
	handlers map[string]Handler
	failOp   map[string]string
	failN    map[int]string
}

// New starts a fake of svc, expecting requests signed for eu-west-1, and
// stops it when the test ends.
func New(t T, svc Service) *Server {
	t.Helper()
	s := &Server{
		Service: svc, Region: "eu-west-1", t: t,
		replies: map[string][]string{}, handlers: map[string]Handler{},
		failOp: map[string]string{}, failN: map[int]string{},
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Config is a client configuration for the fake: its endpoint and region,
// Credentials, and no retries (a test that wants the SDK's retries sets its
// own Retryer in the client's options).
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:       s.Region,
		Credentials:  Credentials(),
		BaseEndpoint: aws.String(s.URL),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// Reply queues replies to op: each call takes the next one, the last
// repeats. It replaces the replies queued before.
func (s *Server) Reply(op string, replies ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[op] = replies
}

// Handle makes h answer op.
func (s *Server) Handle(op string, h Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[op] = h
}

// Fail makes every call of op fail with the error type typ and the message
// "injected <typ>".
func (s *Server) Fail(op, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failOp[op] = typ
}

// FailRequest makes the n-th request (1-based, any operation) fail with the
// error type typ and the message "injected <typ>".
func (s *Server) FailRequest(n int, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN[n] = typ
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Ops returns the operations called so far, in order.
func (s *Server) Ops() []string {
	var ops []string
	for _, r := range s.Requests() {
		ops = append(ops, r.Op)
	}
	return ops
}

// Calls returns the requests of op, in order.
func (s *Server) Calls(op string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Op == op {
			out = append(out, r)
		}
	}
	return out
}

// Last returns the decoded body of the last request of op (nil if none).
func (s *Server) Last(op string) map[string]any {
	calls := s.Calls(op)
	if len(calls) == 0 {
		return nil
	}
	return calls[len(calls)-1].Fields
}

// CheckSigned checks that r carries a SigV4 signature made with Credentials
// for service in region (the header's form, not the signature's value).
func CheckSigned(r *http.Request, region, service string) error {
	auth := r.Header.Get("Authorization")
	scope := "/" + region + "/" + service + "/aws4_request"
	if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential="+AccessKeyID+"/") || !strings.Contains(auth, scope+",") ||
		!strings.Contains(auth, "SignedHeaders=") || !strings.Contains(auth, "Signature=") {
		return fmt.Errorf("Authorization %q is not a SigV4 signature by %s for %s", auth, AccessKeyID, strings.TrimSuffix(scope[1:], "/aws4_request"))
	}
	if r.Header.Get("X-Amz-Date") == "" {
		return errors.New("no X-Amz-Date header")
	}
	return nil
}

func (s *Server) check(r *http.Request) (string, error) {
	if r.Method != http.MethodPost || r.URL.Path != "/" {
		return "", fmt.Errorf("%s %s, want POST /", r.Method, r.URL.Path)
	}
	if ct, want := r.Header.Get("Content-Type"), "application/x-amz-json-"+s.Service.JSONVersion; ct != want {
		return "", fmt.Errorf("Content-Type %q, want %q", ct, want)
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, s.Service.TargetPrefix+".")
	if !ok || op == "" || strings.Contains(op, ".") {
		return "", fmt.Errorf("X-Amz-Target %q, want %s.<Operation>", target, s.Service.TargetPrefix)
	}
	return op, CheckSigned(r, s.Region, s.Service.SigningName)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	op, err := s.check(r)
	var fields map[string]any
	if err == nil {
		if jerr := json.Unmarshal(body, &fields); jerr != nil {
			err = fmt.Errorf("body is not a JSON object: %v", jerr)
		}
	}
	if err != nil {
		s.t.Errorf("awsfake %s: not a request of the AWS JSON protocol: %v", s.Service.SigningName, err)
		s.send(w, "", &Error{Type: "SerializationException", Message: err.Error()})
		return
	}

	s.mu.Lock()
	req := Request{N: len(s.requests) + 1, Op: op, Body: string(body), Fields: fields}
	s.requests = append(s.requests, req)
	typ, failed := s.failN[req.N]
	if !failed {
		typ, failed = s.failOp[op]
	}
	h := s.handlers[op]
	var reply string
	queued := s.replies[op]
	if len(queued) > 0 {
		reply = queued[0]
		if len(queued) > 1 {
			s.replies[op] = queued[1:]
		}
	}
	s.mu.Unlock()

	switch {
	case failed:
		s.send(w, "", &Error{Type: typ, Message: "injected " + typ})
	case h != nil:
		reply, err := h(req)
		s.send(w, reply, err)
	case len(queued) > 0:
		s.send(w, reply, nil)
	default:
		s.send(w, "", &Error{Type: "UnknownOperationException", Message: "awsfake: no reply for " + op})
	}
}

func (s *Server) send(w http.ResponseWriter, reply string, err error) {
	w.Header().Set("Content-Type", "application/x-amz-json-"+s.Service.JSONVersion)
	if err == nil {
		io.WriteString(w, reply)
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Type: "ValidationException", Message: err.Error()}
	}
	status := e.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	w.WriteHeader(status)
	out, _ := json.Marshal(map[string]string{"__type": s.Service.ErrorPrefix + e.Type, "message": e.Message})
	w.Write(out)
}
