package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/stretchr/testify/require"
)

// origin is the server behind inputS3Url: it answers the presigned GET
// with status, headers and body, and records what it was sent.
type origin struct {
	*httptest.Server
	status  int
	header  http.Header
	body    string
	mu      sync.Mutex
	queries []string
	auth    []string
}

func newOrigin(t *testing.T, status int, body string) *origin {
	o := &origin{status: status, body: body, header: http.Header{"Content-Type": {"application/x-ndjson"}}}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		o.queries = append(o.queries, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
		o.auth = append(o.auth, r.Header.Get("Authorization"))
		o.mu.Unlock()
		for k, v := range o.header {
			w.Header()[k] = v
		}
		w.WriteHeader(o.status)
		io.WriteString(w, o.body)
	}))
	t.Cleanup(o.Close)
	return o
}

// lambdaEvent is the wire-format event of testdata with inputS3Url on
// input and the given configuration payload.
func lambdaEvent(t testing.TB, input, payload string) []byte {
	raw, err := os.ReadFile("testdata/object_lambda_event.json")
	require.NoError(t, err)
	s := strings.ReplaceAll(string(raw), "{{INPUT}}", input)
	p, _ := json.Marshal(payload)
	s = strings.ReplaceAll(s, `"{{PAYLOAD}}"`, string(p))
	return []byte(s)
}

func testRedactor(c S3API) *Redactor {
	return &Redactor{Config: Config{MaxObjectBytes: DefaultMaxObjectBytes}, S3: c, HTTP: http.DefaultClient,
		Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
}

func TestObjectLambdaRedactsThroughInputS3Url(t *testing.T) {
	in, err := os.ReadFile("testdata/orders.jsonl")
	require.NoError(t, err)
	want, err := os.ReadFile("testdata/orders.redacted.jsonl")
	require.NoError(t, err)
	o := newOrigin(t, 200, string(in))
	f := &fakeS3{}
	require.NoError(t, handler(testRedactor(f))(context.Background(), lambdaEvent(t, o.URL, "")))

	// A plain GET of the presigned URL: the query string is the signature,
	// no Authorization header is added.
	require.Len(t, o.queries, 1)
	require.True(t, strings.HasPrefix(o.queries[0], "GET /raw/orders/2026-11-25.jsonl?X-Amz-Algorithm=AWS4-HMAC-SHA256&"), o.queries[0])
	require.Contains(t, o.queries[0], "&X-Amz-Signature=abc123")
	require.Equal(t, []string{""}, o.auth)

	w := f.only(t)
	require.Equal(t, "io-use1-001", aws.ToString(w.in.RequestRoute))
	require.Equal(t, "OutputToken-2026-11-25", aws.ToString(w.in.RequestToken))
	require.Equal(t, int32(200), aws.ToInt32(w.in.StatusCode))
	require.Nil(t, w.in.ErrorCode)
	require.Equal(t, string(want), w.body)
	require.Equal(t, int64(len(want)), aws.ToInt64(w.in.ContentLength))
	require.Equal(t, "application/x-ndjson", aws.ToString(w.in.ContentType))
	require.Equal(t, map[string]string{"pii-redactions": "8"}, w.in.Metadata)
}

func TestObjectLambdaPassesUpstreamErrors(t *testing.T) {
	for _, c := range []struct {
		status       int
		body         string
		code, prefix string
	}{
		{404, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`, "NoSuchKey", "The specified key does not exist."},
		{403, `<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`, "AccessDenied", "Access Denied"},
		{503, `<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`, "SlowDown", "Please reduce"},
		{500, `not xml`, "Internal Server Error", "reading the original object failed with HTTP 500"},
		{599, ``, CodeUpstream, "reading the original object failed with HTTP 599"},
	} {
		t.Run(c.code, func(t *testing.T) {
			o := newOrigin(t, c.status, c.body)
			f := &fakeS3{}
			r := testRedactor(f)
			ev, err := Parse(lambdaEvent(t, o.URL, ""))
			require.NoError(t, err)
			a, err := r.ServeObjectLambda(context.Background(), ev, nil)
			require.NoError(t, err)
			require.Equal(t, Answer{Status: c.status, ErrorCode: c.code}, a)
			w := f.only(t)
			require.Equal(t, int32(c.status), aws.ToInt32(w.in.StatusCode))
			require.Equal(t, c.code, aws.ToString(w.in.ErrorCode))
			require.True(t, strings.HasPrefix(aws.ToString(w.in.ErrorMessage), c.prefix), aws.ToString(w.in.ErrorMessage))
			require.Nil(t, w.in.Body)
			require.Equal(t, "io-use1-001", aws.ToString(w.in.RequestRoute))
			require.Equal(t, "OutputToken-2026-11-25", aws.ToString(w.in.RequestToken))
		})
	}
}

func TestObjectLambdaNotModified(t *testing.T) {
	o := newOrigin(t, 304, "")
	f := &fakeS3{}
	ev, _ := Parse(lambdaEvent(t, o.URL, ""))
	a, err := testRedactor(f).ServeObjectLambda(context.Background(), ev, nil)
	require.NoError(t, err)
	require.Equal(t, Answer{Status: 304}, a)
	w := f.only(t)
	require.Equal(t, int32(304), aws.ToInt32(w.in.StatusCode))
	require.Nil(t, w.in.ErrorCode)
}

func TestObjectLambdaFailures(t *testing.T) {
	big := strings.Repeat("mail x@example.com\n", 100) // 1,900 bytes
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, c := range []struct {
		name, input, payload string
		status               int
		code, msg            string
	}{
		{"payload limit from Content-Length", "", `{"maxObjectBytes": 1000}`, 500, CodeTooLarge, "the object has 1900 bytes; this access point redacts at most 1000"},
		{"origin unreachable", closed.URL, "", 500, CodeUpstream, "reading the original object failed"},
		{"bad payload", "", `maxObjectBytes=10`, 500, CodeConfiguration, `object lambda event: configuration.payload "maxObjectBytes=10" is not {"maxObjectBytes": <bytes>}`},
		{"negative payload", "", `{"maxObjectBytes": -1}`, 500, CodeConfiguration, "configuration.payload"},
		{"not a URL", "ftp://bucket", "", 500, CodeConfiguration, `inputS3Url "ftp://bucket/raw/orders/`},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := newOrigin(t, 200, big)
			input := c.input
			if input == "" {
				input = o.URL
			}
			f := &fakeS3{}
			require.NoError(t, handler(testRedactor(f))(context.Background(), lambdaEvent(t, input, c.payload)))
			w := f.only(t)
			require.Equal(t, int32(c.status), aws.ToInt32(w.in.StatusCode))
			require.Equal(t, c.code, aws.ToString(w.in.ErrorCode))
			require.Contains(t, aws.ToString(w.in.ErrorMessage), c.msg)
			require.Nil(t, w.in.Body, "no byte of the original")
		})
	}
}

// An object without Content-Length (chunked) over the limit is refused
// while it is read, and nothing of it is sent.
func TestObjectLambdaChunkedOverLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 100; i++ {
			io.WriteString(w, "mail x@example.com\n")
			w.(http.Flusher).Flush()
		}
	}))
	defer srv.Close()
	f := &fakeS3{}
	r := testRedactor(f)
	r.Config.MaxObjectBytes = 1000
	ev, _ := Parse(lambdaEvent(t, srv.URL, ""))
	a, err := r.ServeObjectLambda(context.Background(), ev, nil)
	require.NoError(t, err)
	require.Equal(t, Answer{Status: 500, ErrorCode: CodeTooLarge}, a)
	require.Nil(t, f.only(t).in.Body)
}

func TestObjectLambdaLineTooLong(t *testing.T) {
	o := newOrigin(t, 200, strings.Repeat("x", MaxLineBytes+10))
	f := &fakeS3{}
	ev, _ := Parse(lambdaEvent(t, o.URL, ""))
	a, err := testRedactor(f).ServeObjectLambda(context.Background(), ev, nil)
	require.NoError(t, err)
	require.Equal(t, Answer{Status: 500, ErrorCode: CodeLineTooLong}, a)
}

// When the answer itself cannot be sent, the invocation fails (Lambda
// logs it; the caller's GetObject times out).
func TestObjectLambdaWriteFailureFailsTheInvocation(t *testing.T) {
	o := newOrigin(t, 200, "x\n")
	f := &fakeS3{err: errors.New("throttled")}
	err := handler(testRedactor(f))(context.Background(), lambdaEvent(t, o.URL, ""))
	require.EqualError(t, err, "throttled")
}

// TestObjectLambdaWire sends the answer through the real SDK client to a
// local server standing for the s3-object-lambda endpoint: the route is
// the host prefix, the token and status travel in x-amz-* headers, the
// body is the redacted object with its length.
func TestObjectLambdaWire(t *testing.T) {
	type call struct {
		host, path string
		header     http.Header
		body       string
	}
	var calls []call
	var mu sync.Mutex
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		calls = append(calls, call{r.Host, r.URL.Path, r.Header.Clone(), string(b)})
		mu.Unlock()
	}))
	defer endpoint.Close()
	addr := endpoint.Listener.Addr().String()
	client := s3.New(s3.Options{
		Region:       "eu-west-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		BaseEndpoint: aws.String("http://s3-object-lambda.test"),
		HTTPClient: &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "tcp", addr) // every host prefix lands here
		}}},
	})
	for _, c := range []struct {
		name          string
		status        int
		body          string
		fwdStatus     string
		fwdCode, want string
	}{
		{"redacted", 200, "{\"email\":\"a@example.com\"}\n", "200", "", "{\"email\":\"[REDACTED:email]\"}\n"},
		{"no such key", 404, "<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>", "404", "NoSuchKey", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			calls = nil
			o := newOrigin(t, c.status, c.body)
			r := testRedactor(client)
			require.NoError(t, handler(r)(context.Background(), lambdaEvent(t, o.URL, "")))
			require.Len(t, calls, 1)
			got := calls[0]
			require.Equal(t, "io-use1-001.s3-object-lambda.test", got.host)
			require.Equal(t, "/WriteGetObjectResponse", got.path)
			require.Equal(t, "OutputToken-2026-11-25", got.header.Get("X-Amz-Request-Token"))
			require.Equal(t, c.fwdStatus, got.header.Get("X-Amz-Fwd-Status"))
			require.Equal(t, c.fwdCode, got.header.Get("X-Amz-Fwd-Error-Code"))
			// Over TLS the SDK sends UNSIGNED-PAYLOAD; over this plain-HTTP
			// endpoint it signs the body's SHA-256.
			sum := sha256.Sum256([]byte(got.body))
			require.Equal(t, hex.EncodeToString(sum[:]), got.header.Get("X-Amz-Content-Sha256"))
			require.Contains(t, got.header.Get("Authorization"), "/eu-west-1/s3-object-lambda/aws4_request")
			require.Equal(t, c.want, got.body)
			if c.status == 200 {
				require.Equal(t, fmt.Sprint(len(c.want)), got.header.Get("Content-Length"))
				require.Equal(t, "1", got.header.Get("X-Amz-Meta-Pii-Redactions"))
			}
		})
	}
}
