package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// dataClient is a Warehouse whose client speaks to s, a fake of the Data
// API's AWS JSON 1.1 protocol (awsfake). It checks that the real SDK
// client, as the function calls it, sends what the fake of the other tests
// assumes, and that replies parse.
func dataClient(t *testing.T, s *awsfake.Server) *Warehouse {
	cfg, err := ConfigFromEnv(env(baseEnv()))
	require.NoError(t, err)
	return &Warehouse{API: redshiftdata.NewFromConfig(s.Config()), Target: cfg.Target(),
		FirstPoll: time.Millisecond, MaxPoll: time.Millisecond, Margin: time.Second}
}

func TestDataAPIProtocolCount(t *testing.T) {
	s := awsfake.New(t, awsfake.RedshiftData)
	s.Reply("ExecuteStatement", `{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","ClusterIdentifier":"dwh","Database":"dev"}`)
	s.Reply("DescribeStatement", `{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","Status":"STARTED"}`, `{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766","Status":"FINISHED","HasResultSet":true,"ResultRows":1}`)
	s.Reply("GetStatementResult", `{"Records":[[{"longValue":1}]],"ColumnMetadata":[{"name":"count","typeName":"int8"}],"TotalNumRows":1}`)
	w := dataClient(t, s)
	id := strings.Repeat("0f", 32)
	n, stmt, err := w.Count(context.Background(), "manifestcopy-check", `SELECT COUNT(*) FROM "analytics"."manifest_loads" WHERE batch_id = :batch_id;`, map[string]string{"batch_id": id})
	require.NoError(t, err)
	require.Equal(t, int64(1), n)
	require.Equal(t, "d9b6c0c9-0747-4bf4-b142-e8883122f766", stmt)
	req := s.Calls("ExecuteStatement")[0].Fields
	require.Equal(t, "dwh", req["ClusterIdentifier"])
	require.Equal(t, "dev", req["Database"])
	require.Equal(t, testSecret, req["SecretArn"])
	require.Equal(t, []any{map[string]any{"name": "batch_id", "value": id}}, req["Parameters"])
	require.Len(t, s.Calls("DescribeStatement"), 2)
	require.Equal(t, stmt, s.Calls("GetStatementResult")[0].Fields["Id"])
}

func TestDataAPIProtocolBatchFailure(t *testing.T) {
	s := awsfake.New(t, awsfake.RedshiftData)
	s.Reply("BatchExecuteStatement", `{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766"}`)
	s.Reply("DescribeStatement", `{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766","Status":"FAILED","Error":"ERROR: Load into table 'events' failed.",`+
		`"SubStatements":[{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766:1","Status":"FINISHED"},{"Id":"b7e1c0c9-0747-4bf4-b142-e8883122f766:3","Status":"FAILED","Error":"ERROR: Load into table 'events' failed."}]}`)
	w := dataClient(t, s)
	stmt, err := w.Batch(context.Background(), "manifestcopy-x", []string{"LOCK a;", "COPY b;"})
	require.Equal(t, "b7e1c0c9-0747-4bf4-b142-e8883122f766", stmt)
	var se *StatementError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "FAILED", se.Status)
	require.Equal(t, "ERROR: Load into table 'events' failed.; statement 2 (FAILED): ERROR: Load into table 'events' failed.", se.Message)
	req := s.Calls("BatchExecuteStatement")[0].Fields
	require.Equal(t, []any{"LOCK a;", "COPY b;"}, req["Sqls"])
	require.Equal(t, "manifestcopy-x", req["StatementName"])
	require.Equal(t, "dwh", req["ClusterIdentifier"])
}
