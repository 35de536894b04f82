package awsfake

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	kinesistypes "github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stretchr/testify/require"
)

// recorder stands in for *testing.T to see the failures the server reports.
type recorder struct {
	*testing.T
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) failures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// apiError is smithy.APIError, which every SDK error from a reply is.
type apiError interface {
	ErrorCode() string
	ErrorMessage() string
}

func asAPIError(t *testing.T, err error) apiError {
	t.Helper()
	var api apiError
	require.ErrorAs(t, err, &api)
	return api
}

func TestRecordsAndReplies(t *testing.T) {
	s := New(t, SQS)
	s.Reply("GetQueueUrl", `{"QueueUrl":"https://q/1"}`, `{"QueueUrl":"https://q/2"}`)
	client := sqs.NewFromConfig(s.Config())
	var urls []string
	for _, name := range []string{"a", "b", "c"} {
		out, err := client.GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		require.NoError(t, err)
		urls = append(urls, *out.QueueUrl)
	}
	require.Equal(t, []string{"https://q/1", "https://q/2", "https://q/2"}, urls, "the last reply repeats")
	require.Equal(t, []string{"GetQueueUrl", "GetQueueUrl", "GetQueueUrl"}, s.Ops())
	require.Equal(t, map[string]any{"QueueName": "c"}, s.Last("GetQueueUrl"))
	require.Nil(t, s.Last("SendMessage"))
	reqs := s.Requests()
	require.Len(t, reqs, 3)
	require.Equal(t, Request{N: 1, Op: "GetQueueUrl", Body: `{"QueueName":"a"}`, Fields: map[string]any{"QueueName": "a"}}, reqs[0])
	var in struct{ QueueName string }
	require.NoError(t, reqs[1].Decode(&in))
	require.Equal(t, "b", in.QueueName)
	require.Len(t, s.Calls("GetQueueUrl"), 3)
	require.Empty(t, s.Calls("SendMessage"))
}

func TestErrors(t *testing.T) {
	s := New(t, SQS)
	s.Reply("GetQueueUrl", `{"QueueUrl":"https://q/1"}`)
	s.Fail("DeleteQueue", "QueueDoesNotExist")
	s.FailRequest(2, "RequestThrottled")
	s.Handle("PurgeQueue", func(r Request) (string, error) {
		if r.Fields["QueueUrl"] == "https://q/busy" {
			return "", &Error{Type: "PurgeQueueInProgress", Message: "wait 60 s", Status: http.StatusConflict}
		}
		return "", errors.New("no such queue")
	})
	client := sqs.NewFromConfig(s.Config())
	ctx := context.Background()

	_, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("a")})
	require.NoError(t, err)
	_, err = client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("a")})
	api := asAPIError(t, err)
	require.Equal(t, "RequestThrottled", api.ErrorCode(), "the prefix before # is stripped")
	require.Equal(t, "injected RequestThrottled", api.ErrorMessage())

	_, err = client.DeleteQueue(ctx, &sqs.DeleteQueueInput{QueueUrl: aws.String("https://q/1")})
	var missing *sqstypes.QueueDoesNotExist
	require.ErrorAs(t, err, &missing, "decoded to the SDK's typed error")

	_, err = client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String("https://q/busy")})
	api = asAPIError(t, err)
	require.Equal(t, "PurgeQueueInProgress", api.ErrorCode())
	require.Equal(t, "wait 60 s", api.ErrorMessage())
	var status interface{ HTTPStatusCode() int }
	require.ErrorAs(t, err, &status)
	require.Equal(t, http.StatusConflict, status.HTTPStatusCode())

	_, err = client.PurgeQueue(ctx, &sqs.PurgeQueueInput{QueueUrl: aws.String("https://q/other")})
	api = asAPIError(t, err)
	require.Equal(t, "ValidationException", api.ErrorCode())
	require.Equal(t, "no such queue", api.ErrorMessage())

	_, err = client.ListQueues(ctx, &sqs.ListQueuesInput{})
	require.Equal(t, "UnknownOperationException", asAPIError(t, err).ErrorCode())

	require.Equal(t, []string{"GetQueueUrl", "GetQueueUrl", "DeleteQueue", "PurgeQueue", "PurgeQueue", "ListQueues"}, s.Ops(),
		"failed requests are recorded too")
}

func TestJSON11AndBareErrorTypes(t *testing.T) {
	s := New(t, Kinesis)
	s.Region = "ap-northeast-2"
	s.Fail("DescribeStreamSummary", "ResourceNotFoundException")
	client := kinesis.NewFromConfig(s.Config())
	_, err := client.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	var nf *kinesistypes.ResourceNotFoundException
	require.ErrorAs(t, err, &nf)
	require.Equal(t, "injected ResourceNotFoundException", nf.ErrorMessage())
	require.Equal(t, map[string]any{"StreamName": "orders"}, s.Last("DescribeStreamSummary"))
}

// TestRejectsOtherRequests is the fake's own check: what a service would not
// accept fails the test.
func TestRejectsOtherRequests(t *testing.T) {
	for name, tc := range map[string]struct {
		mutate func(*aws.Config)
		want   string
	}{
		"other region": {func(c *aws.Config) { c.Region = "us-east-1" }, "for eu-west-1/sqs"},
		"other key": {func(c *aws.Config) {
			c.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: "AKIAOTHER", SecretAccessKey: "x"}, nil
			})
		}, "not a SigV4 signature by AKIDEXAMPLE"},
		"anonymous": {func(c *aws.Config) { c.Credentials = aws.AnonymousCredentials{} }, "Authorization \"\""},
	} {
		t.Run(name, func(t *testing.T) {
			r := &recorder{T: t}
			s := New(r, SQS)
			s.Reply("GetQueueUrl", `{"QueueUrl":"https://q/1"}`)
			cfg := s.Config()
			tc.mutate(&cfg)
			_, err := sqs.NewFromConfig(cfg).GetQueueUrl(context.Background(), &sqs.GetQueueUrlInput{QueueName: aws.String("a")})
			require.Error(t, err)
			require.Len(t, r.failures(), 1)
			require.Contains(t, r.failures()[0], tc.want)
			require.Empty(t, s.Requests())
		})
	}

	for name, tc := range map[string]struct {
		method, path, contentType, target, body string
		want                                    string
	}{
		"GET":          {"GET", "/", "application/x-amz-json-1.0", "AmazonSQS.GetQueueUrl", `{}`, "want POST /"},
		"path":         {"POST", "/queue", "application/x-amz-json-1.0", "AmazonSQS.GetQueueUrl", `{}`, "want POST /"},
		"JSON 1.1":     {"POST", "/", "application/x-amz-json-1.1", "AmazonSQS.GetQueueUrl", `{}`, "want \"application/x-amz-json-1.0\""},
		"other target": {"POST", "/", "application/x-amz-json-1.0", "Kinesis_20131202.ListStreams", `{}`, "want AmazonSQS.<Operation>"},
		"no operation": {"POST", "/", "application/x-amz-json-1.0", "AmazonSQS.", `{}`, "want AmazonSQS.<Operation>"},
		"not JSON":     {"POST", "/", "application/x-amz-json-1.0", "AmazonSQS.GetQueueUrl", `QueueName=a`, "not a JSON object"},
		"JSON array":   {"POST", "/", "application/x-amz-json-1.0", "AmazonSQS.GetQueueUrl", `[]`, "not a JSON object"},
	} {
		t.Run(name, func(t *testing.T) {
			r := &recorder{T: t}
			s := New(r, SQS)
			s.Reply("GetQueueUrl", `{"QueueUrl":"https://q/1"}`)
			req, err := http.NewRequest(tc.method, s.URL+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("X-Amz-Target", tc.target)
			sign(t, req, tc.body, "sqs", "eu-west-1")
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, http.StatusBadRequest, res.StatusCode)
			require.Len(t, r.failures(), 1)
			require.Contains(t, r.failures()[0], tc.want)
			require.Empty(t, s.Requests())
		})
	}
}

func sign(t *testing.T, r *http.Request, body, service, region string) {
	t.Helper()
	creds, err := Credentials().Retrieve(context.Background())
	require.NoError(t, err)
	hash := fmt.Sprintf("%x", sha256.Sum256([]byte(body)))
	require.NoError(t, v4.NewSigner().SignHTTP(context.Background(), creds, r, hash, service, region, time.Now()))
}

func TestCheckSigned(t *testing.T) {
	newReq := func() *http.Request {
		r, err := http.NewRequest("PUT", "https://domain/_plugins/_security/api/roles/x", strings.NewReader(`{}`))
		require.NoError(t, err)
		return r
	}
	r := newReq()
	sign(t, r, `{}`, "es", "eu-west-1")
	require.NoError(t, CheckSigned(r, "eu-west-1", "es"))
	require.ErrorContains(t, CheckSigned(r, "us-east-1", "es"), "for us-east-1/es")
	require.Error(t, CheckSigned(r, "eu-west-1", "aoss"))
	r.Header.Del("X-Amz-Date")
	require.ErrorContains(t, CheckSigned(r, "eu-west-1", "es"), "X-Amz-Date")
	require.Error(t, CheckSigned(newReq(), "eu-west-1", "es"), "unsigned")
}
