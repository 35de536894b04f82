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
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/stretchr/testify/require"
)

// dataServer speaks the Data API's AWS JSON 1.1 protocol on loopback:
// POST /, X-Amz-Target "RedshiftData.<Operation>", JSON in and out. It
// checks that the real SDK client, as the function calls it, sends what
// the fake of the other tests assumes, and that replies parse.
type dataServer struct {
	mu      sync.Mutex
	bodies  map[string][]map[string]any
	replies map[string][]string // operation → replies, the last repeats
}

func (s *dataServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	op, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "RedshiftData.")
	if r.Method != http.MethodPost || !ok || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
		!strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") ||
		!strings.Contains(r.Header.Get("Authorization"), "/redshift-data/aws4_request") {
		http.Error(w, "not a Data API request", http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		http.Error(w, "bad JSON", http.StatusBadRequest)
		return
	}
	s.bodies[op] = append(s.bodies[op], fields)
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	replies := s.replies[op]
	if len(replies) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"ValidationException","message":"unexpected `+op+`"}`)
		return
	}
	io.WriteString(w, replies[0])
	if len(replies) > 1 {
		s.replies[op] = replies[1:]
	}
}

func dataClient(t *testing.T, s *dataServer) *Warehouse {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := redshiftdata.NewFromConfig(aws.Config{
		Region: "eu-west-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
	}, func(o *redshiftdata.Options) { o.BaseEndpoint = aws.String(srv.URL) })
	cfg, err := ConfigFromEnv(env(baseEnv()))
	require.NoError(t, err)
	return &Warehouse{API: client, Target: cfg.Target(), FirstPoll: time.Millisecond, MaxPoll: time.Millisecond, Margin: time.Second}
}

func TestDataAPIProtocolCount(t *testing.T) {
	s := &dataServer{bodies: map[string][]map[string]any{}, replies: map[string][]string{
		"ExecuteStatement":   {`{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","ClusterIdentifier":"dwh","Database":"dev"}`},
		"DescribeStatement":  {`{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","Status":"STARTED"}`, `{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","Status":"FINISHED","HasResultSet":true,"ResultRows":1}`},
		"GetStatementResult": {`{"Records":[[{"longValue":1}]],"ColumnMetadata":[{"name":"count","typeName":"int8"}],"TotalNumRows":1}`},
	}}
	w := dataClient(t, s)
	id := strings.Repeat("0f", 32)
	n, stmt, err := w.Count(context.Background(), "manifestcopy-check", `SELECT COUNT(*) FROM "analytics"."manifest_loads" WHERE batch_id = :batch_id;`, map[string]string{"batch_id": id})
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	require.Equal(t, "d9b6c0c9-0747-4bf4-b142-e8883122f766", stmt)
	req := s.bodies["ExecuteStatement"][0]
	require.Equal(t, "dwh", req["ClusterIdentifier"])
	require.Equal(t, "dev", req["Database"])
	require.Equal(t, testSecret, req["SecretArn"])
	require.Equal(t, []any{map[string]any{"name": "batch_id", "value": id}}, req["Parameters"])
	require.Len(t, s.bodies["DescribeStatement"], 2)
	require.Equal(t, stmt, s.bodies["GetStatementResult"][0]["Id"])
}

func TestDataAPIProtocolBatchFailure(t *testing.T) {
	s := &dataServer{bodies: map[string][]map[string]any{}, replies: map[string][]string{
		"BatchExecuteStatement": {`{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766"}`},
		"DescribeStatement": {`{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766","Status":"FAILED","Error":"ERROR: Load into table 'events' failed.",` +
			`"SubStatements":[{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766:1","Status":"FINISHED"},{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766:3","Status":"FAILED","Error":"ERROR: Load into table 'events' failed."}]}`},
	}}
	w := dataClient(t, s)
	stmt, err := w.Batch(context.Background(), "manifestcopy-x", []string{"LOCK a;", "COPY b;"})
	require.Equal(t, "b7e1c0c9-0747-4bf4-b142-e8883122f766", stmt)
	var se *StatementError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "FAILED", se.Status)
	require.Equal(t, "ERROR: Load into table 'events' failed.; statement 2 (FAILED): ERROR: Load into table 'events' failed.", se.Message)
	req := s.bodies["BatchExecuteStatement"][0]
	require.Equal(t, []any{"LOCK a;", "COPY b;"}, req["Sqls"])
	require.Equal(t, "manifestcopy-x", req["StatementName"])
	require.Equal(t, "dwh", req["ClusterIdentifier"])
}
