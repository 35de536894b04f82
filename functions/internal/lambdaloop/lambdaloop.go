// Package lambdaloop is a small AWS Lambda Runtime API client for handlers
// that read the event as bytes and write the response as bytes, without
// aws-lambda-go's reflection and JSON round trips.
//
// Each invocation: GET /2018-06-01/runtime/invocation/next on a keep-alive
// connection, the event read into a buffer reused from one invocation to
// the next; the handler runs with a context carrying the deadline
// (Lambda-Runtime-Deadline-Ms) and a lambdacontext.LambdaContext (request id,
// invoked function ARN), with _X_AMZN_TRACE_ID set from
// Lambda-Runtime-Trace-Id; then POST .../invocation/{id}/response with the
// handler's output (application/json, also a reused buffer), or
// .../invocation/{id}/error with {"errorMessage","errorType"} and the
// Lambda-Runtime-Function-Error-Type header when the handler returns an
// error or panics. The error type is the name of the error's (or the panic
// value's) type, as aws-lambda-go reports it. As with aws-lambda-go, a
// panic ends the process after it is reported, and so does a failed request
// to the Runtime API. Check ends a failed initialisation the same way:
// reported to /runtime/init/error, then the process exits.
//
// The client writes and reads HTTP/1.1 on its one connection itself
// (conn.go): net/http's client sent every response body 32 KiB at a time,
// which was most of an invocation's fixed cost. It keeps net/http's
// client's behaviour with a kept connection: one the API has closed is
// replaced, and a request is sent again only when nothing of it can have
// been handled.
package lambdaloop

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
)

// Handler handles one invocation: event is the payload (valid until the
// handler returns), out an empty buffer for the response JSON. A returned
// error fails the invocation; out is then ignored.
type Handler func(ctx context.Context, event []byte, out *bytes.Buffer) error

const apiVersion = "/2018-06-01"

// Start runs h for every invocation; it never returns.
func Start(h Handler) {
	err := New(os.Getenv("AWS_LAMBDA_RUNTIME_API")).Run(h)
	log.Print(err)
	os.Exit(1)
}

// ConfigInvalid is the error type Check reports, in the
// <category>.<reason> form the Runtime API documentation recommends for
// the Lambda-Runtime-Function-Error-Type header.
const ConfigInvalid = "Runtime.ConfigInvalid"

// exit ends the process (a variable for tests).
var exit = os.Exit

// Check, when err is not nil, ends a failed initialisation as the Runtime
// API's error contract asks: one logged line (what failed and why, as
// startup.Check logs it), the error reported to /runtime/init/error with
// the type ConfigInvalid and the message "what: err", so that Lambda
// returns it to the first invocation and counts it in the function's
// Errors metric with its reason, then the process exits. A runtime that
// exits without reporting shows only "Runtime.ExitError".
func Check(log *slog.Logger, what string, err error) {
	if err == nil {
		return
	}
	log.Error(what, "error", err.Error())
	if perr := New(os.Getenv("AWS_LAMBDA_RUNTIME_API")).InitError(ConfigInvalid, what+": "+err.Error()); perr != nil {
		log.Error("reporting the failed initialisation", "error", perr.Error())
	}
	exit(1)
}

// InitError reports a failed initialisation to the Runtime API
// (/runtime/init/error): {"errorMessage","errorType"} with the
// Lambda-Runtime-Function-Error-Type header. The process should exit
// next; Lambda sends no invocation to a runtime that reported one.
func (c *Client) InitError(errorType, message string) error {
	return c.post(apiVersion+"/runtime/init/error", errorBody(message, errorType), errorType)
}

// Client talks to one Runtime API.
type Client struct {
	conn  conn
	event bytes.Buffer
	out   bytes.Buffer
}

// New returns a client of the Runtime API at address (host:port).
func New(address string) *Client {
	return &Client{conn: conn{addr: address}}
}

// Run handles invocations until a request to the Runtime API fails or the
// handler panics, and returns why.
func (c *Client) Run(h Handler) error {
	for {
		if err := c.Next(h); err != nil {
			return err
		}
	}
}

// errPanicked ends Run after a panic was reported.
type errPanicked struct{ v any }

func (e errPanicked) Error() string { return fmt.Sprintf("handler panicked: %v", e.v) }

// Next handles one invocation.
func (c *Client) Next(h Handler) error {
	resp, err := c.conn.do(http.MethodGet, apiVersion+"/runtime/invocation/next", nil, "")
	if err != nil {
		return fmt.Errorf("lambdaloop: next invocation: %w", err)
	}
	if err := c.conn.readBody(resp, &c.event); err != nil {
		return fmt.Errorf("lambdaloop: reading the invocation: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("lambdaloop: next invocation: status %d", resp.StatusCode)
	}
	id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
	invocation := apiVersion + "/runtime/invocation/" + id

	ms, err := strconv.ParseInt(resp.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64)
	if err != nil {
		msg := "failed to parse deadline: " + err.Error()
		return c.post(invocation+"/error", errorBody(msg, "Runtime.InvalidDeadline"), "Runtime.InvalidDeadline")
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.UnixMilli(ms))
	defer cancel()
	ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{
		AwsRequestID:       id,
		InvokedFunctionArn: resp.Header.Get("Lambda-Runtime-Invoked-Function-Arn"),
		TenantID:           resp.Header.Get("Lambda-Runtime-Aws-Tenant-Id"),
	})
	traceID := resp.Header.Get("Lambda-Runtime-Trace-Id")
	os.Setenv("_X_AMZN_TRACE_ID", traceID)
	ctx = context.WithValue(ctx, "x-amzn-trace-id", traceID) //nolint:staticcheck // aws-lambda-go's key, for code that reads it

	c.out.Reset()
	if herr := call(ctx, h, c.event.Bytes(), &c.out); herr != nil {
		var typ, msg string
		p, panicked := herr.(errPanicked)
		if panicked {
			typ, msg = typeName(p.v), fmt.Sprint(p.v)
		} else {
			typ, msg = typeName(herr), herr.Error()
		}
		body := errorBody(msg, typ)
		log.Printf("%s", body)
		if err := c.post(invocation+"/error", body, typ); err != nil {
			return err
		}
		if panicked {
			return herr
		}
		return nil
	}
	return c.post(invocation+"/response", c.out.Bytes(), "")
}

// call runs h, turning a panic into errPanicked.
func call(ctx context.Context, h Handler, event []byte, out *bytes.Buffer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errPanicked{v}
		}
	}()
	return h(ctx, event, out)
}

// post sends body to path; with errorType, as an error.
func (c *Client) post(url string, body []byte, errorType string) error {
	resp, err := c.conn.do(http.MethodPost, url, body, errorType)
	if err != nil {
		return fmt.Errorf("lambdaloop: POST %s: %w", url, err)
	}
	if resp.Body.Close() != nil { // Close reads the body to its end
		c.conn.close()
	}
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("lambdaloop: POST %s: status %d", url, resp.StatusCode)
	}
	return nil
}

// typeName is the name of v's type, without pointers, as aws-lambda-go
// names errors.
func typeName(v any) string {
	t := reflect.TypeOf(v)
	if t == nil {
		return "nil"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

func errorBody(msg, typ string) []byte {
	b, _ := json.Marshal(struct {
		Message string `json:"errorMessage"`
		Type    string `json:"errorType"`
	}{msg, typ})
	return b
}
