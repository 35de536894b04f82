package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/stretchr/testify/require"
)

// kinesisServer speaks Kinesis's AWS JSON 1.1 protocol on loopback: POST /,
// the operation in X-Amz-Target ("Kinesis_20131202.<Operation>"), JSON in
// and out, errors as HTTP 400 with {"__type": ..., "message": ...}.
type kinesisServer struct {
	mu       sync.Mutex
	ops      []string
	bodies   map[string]map[string]any
	replies  map[string]string // operation → JSON reply
	failures map[string]string // operation → error type
}

func (s *kinesisServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "Kinesis_20131202.")
	if r.Method != http.MethodPost || !ok || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
		!strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		http.Error(w, "not a Kinesis JSON request", http.StatusBadRequest)
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
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	if typ, fail := s.failures[op]; fail {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"`+typ+`","message":"injected `+typ+`"}`)
		return
	}
	io.WriteString(w, s.replies[op])
}

func summary(mode, status string, open int) string {
	return `{"StreamDescriptionSummary":{"StreamName":"orders","StreamARN":"` + testARN + `","StreamStatus":"` + status +
		`","StreamModeDetails":{"StreamMode":"` + mode + `"},"OpenShardCount":` + strconv.Itoa(open) +
		`,"RetentionPeriodHours":24,"StreamCreationTimestamp":1.7e9,"EnhancedMonitoring":[{"ShardLevelMetrics":[]}],"EncryptionType":"KMS"}}`
}

func newKinesisServer(t *testing.T) (*kinesisServer, *kinesis.Client) {
	s := &kinesisServer{bodies: map[string]map[string]any{}, failures: map[string]string{}, replies: map[string]string{
		"DescribeStreamSummary": summary("PROVISIONED", "ACTIVE", 4),
		"UpdateShardCount":      `{"StreamName":"orders","StreamARN":"` + testARN + `","CurrentShardCount":4,"TargetShardCount":8}`,
	}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := kinesis.New(kinesis.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		Retryer:      aws.NopRetryer{},
	})
	return s, client
}

func TestRealClientRequests(t *testing.T) {
	for _, arn := range []string{"", testARN} {
		s, client := newKinesisServer(t)
		sc := scaler(client, func(c *Config) { c.StreamARN = arn })
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err, arn)
		require.Equal(t, Scaled, res.Action)
		require.Equal(t, int32(4), res.CurrentShards)
		require.Equal(t, []string{"DescribeStreamSummary", "UpdateShardCount"}, s.ops)
		stream := map[string]any{"StreamName": testStream}
		if arn != "" {
			stream = map[string]any{"StreamARN": testARN}
		}
		require.Equal(t, stream, s.bodies["DescribeStreamSummary"])
		stream["ScalingType"], stream["TargetShardCount"] = "UNIFORM_SCALING", float64(8)
		require.Equal(t, stream, s.bodies["UpdateShardCount"])
	}
}

func TestRealClientStreamStates(t *testing.T) {
	for reply, want := range map[string]Action{
		summary("ON_DEMAND", "ACTIVE", 4):     OnDemand,
		summary("PROVISIONED", "UPDATING", 4): NotActive,
		summary("PROVISIONED", "ACTIVE", 64):  AtBound,
	} {
		s, client := newKinesisServer(t)
		s.replies["DescribeStreamSummary"] = reply
		sc := scaler(client)
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err)
		require.Equal(t, want, res.Action)
		require.Equal(t, []string{"DescribeStreamSummary"}, s.ops)
	}
}

// TestRealClientErrors checks that the errors the service sends decode to
// the types Run tells apart.
func TestRealClientErrors(t *testing.T) {
	for typ, want := range map[string]Action{"LimitExceededException": LimitExceeded, "ResourceInUseException": InUse} {
		s, client := newKinesisServer(t)
		s.failures["UpdateShardCount"] = typ
		sc := scaler(client)
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err, typ)
		require.Equal(t, want, res.Action)
		require.Equal(t, "injected "+typ, res.Reason)
	}
	for op, typ := range map[string]string{"DescribeStreamSummary": "ResourceNotFoundException", "UpdateShardCount": "InvalidArgumentException"} {
		s, client := newKinesisServer(t)
		s.failures[op] = typ
		sc := scaler(client)
		_, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.Error(t, err, op)
		require.Contains(t, err.Error(), op+" orders")
		require.Contains(t, err.Error(), "injected "+typ)
	}
}
