package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/require"
)

// sqsServer speaks SQS's AWS JSON 1.0 protocol on loopback: POST /, the
// operation in X-Amz-Target ("AmazonSQS.<Operation>"), JSON in and out,
// errors as HTTP 400 with {"__type": ..., "message": ...}.
type sqsServer struct {
	mu       sync.Mutex
	ops      []string
	bodies   map[string]map[string]any
	replies  map[string]string // operation → JSON reply
	failures map[string]string // operation → error type
}

func (s *sqsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "AmazonSQS.")
	if r.Method != http.MethodPost || !ok || r.Header.Get("Content-Type") != "application/x-amz-json-1.0" ||
		!strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		http.Error(w, "not an SQS JSON request", http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		http.Error(w, "bad JSON", http.StatusBadRequest)
		return
	}
	s.ops = append(s.ops, op)
	s.bodies[op] = fields
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	if typ, fail := s.failures[op]; fail {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"com.amazonaws.sqs#`+typ+`","message":"injected `+typ+`"}`)
		return
	}
	io.WriteString(w, s.replies[op])
}

func newSQSServer(t *testing.T) (*sqsServer, *sqs.Client) {
	s := &sqsServer{bodies: map[string]map[string]any{}, failures: map[string]string{}, replies: map[string]string{
		"GetQueueAttributes":   `{"Attributes":{"ApproximateNumberOfMessages":"12","ApproximateNumberOfMessagesNotVisible":"2"}}`,
		"ListMessageMoveTasks": `{"Results":[{"Status":"COMPLETED","TaskHandle":"old","ApproximateNumberOfMessagesMoved":5,"SourceArn":"` + testARN + `"}]}`,
		"StartMessageMoveTask": `{"TaskHandle":"eyJ0YXNrSWQiOiJuZXcifQ=="}`,
	}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := sqs.New(sqs.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		Retryer:      aws.NopRetryer{},
	})
	return s, client
}

func TestRealClientRequests(t *testing.T) {
	s, client := newSQSServer(t)
	r := &Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1,
		DestinationARN: "arn:aws:sqs:eu-west-1:111111111111:replay", MaxMessagesPerSecond: 100}, SQS: client}

	res, err := r.Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Result{Action: Started, QueueARN: testARN, VisibleMessages: 12, InFlightMessages: 2,
		TaskHandle: "eyJ0YXNrSWQiOiJuZXcifQ==", DestinationARN: "arn:aws:sqs:eu-west-1:111111111111:replay"}, res)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks", "StartMessageMoveTask"}, s.ops)

	require.Equal(t, testURL, s.bodies["GetQueueAttributes"]["QueueUrl"])
	require.ElementsMatch(t, []any{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"}, s.bodies["GetQueueAttributes"]["AttributeNames"])
	require.Equal(t, map[string]any{"SourceArn": testARN, "MaxResults": float64(10)}, s.bodies["ListMessageMoveTasks"])
	require.Equal(t, map[string]any{
		"SourceArn": testARN, "DestinationArn": "arn:aws:sqs:eu-west-1:111111111111:replay", "MaxNumberOfMessagesPerSecond": float64(100),
	}, s.bodies["StartMessageMoveTask"])
}

func TestRealClientRunningTask(t *testing.T) {
	s, client := newSQSServer(t)
	s.replies["ListMessageMoveTasks"] = `{"Results":[{"Status":"RUNNING","TaskHandle":"busy","ApproximateNumberOfMessagesMoved":3,"ApproximateNumberOfMessagesToMove":12}]}`
	res, err := (&Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}, SQS: client}).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, AlreadyRunning, res.Action)
	require.Equal(t, "busy", res.TaskHandle)
	require.Equal(t, int64(3), res.MovedMessages)
	require.Equal(t, int64(12), res.ToMoveMessages)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks"}, s.ops)
}

func TestRealClientErrors(t *testing.T) {
	for op, typ := range map[string]string{
		"GetQueueAttributes":   "QueueDoesNotExist",
		"ListMessageMoveTasks": "ResourceNotFoundException",
		"StartMessageMoveTask": "UnsupportedOperation",
	} {
		s, client := newSQSServer(t)
		s.failures[op] = typ
		_, err := (&Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}, SQS: client}).Run(context.Background(), Request{})
		require.Error(t, err, op)
		require.Contains(t, err.Error(), op+" ")
		require.Contains(t, err.Error(), typ)
		require.Contains(t, err.Error(), "injected "+typ)
	}
}
