package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	atypes "github.com/aws/aws-sdk-go-v2/service/athena/types"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	rtypes "github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// fakeAthena keeps the StartQueryExecution inputs and serves a result of
// Rows rows (id, customer, amount) in pages, with the header row first.
type fakeAthena struct {
	mu      sync.Mutex
	Started []*athena.StartQueryExecutionInput
	Rows    int
	State   atypes.QueryExecutionState
	// Running is the number of GetQueryExecution calls answered RUNNING
	// before State.
	Running int
	polls   int
}

func (f *fakeAthena) StartQueryExecution(_ context.Context, in *athena.StartQueryExecutionInput, _ ...func(*athena.Options)) (*athena.StartQueryExecutionOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Started = append(f.Started, in)
	return &athena.StartQueryExecutionOutput{QueryExecutionId: aws.String(fmt.Sprintf("exec-%d", len(f.Started)))}, nil
}

func (f *fakeAthena) GetQueryExecution(_ context.Context, in *athena.GetQueryExecutionInput, _ ...func(*athena.Options)) (*athena.GetQueryExecutionOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.State
	if st == "" {
		st = atypes.QueryExecutionStateSucceeded
	}
	if f.polls < f.Running {
		st = atypes.QueryExecutionStateRunning
	}
	f.polls++
	return &athena.GetQueryExecutionOutput{QueryExecution: &atypes.QueryExecution{
		QueryExecutionId: in.QueryExecutionId,
		Status:           &atypes.QueryExecutionStatus{State: st, StateChangeReason: aws.String("SYNTAX_ERROR: line 1")},
	}}, nil
}

func (f *fakeAthena) GetQueryResults(_ context.Context, in *athena.GetQueryResultsInput, _ ...func(*athena.Options)) (*athena.GetQueryResultsOutput, error) {
	max := int(aws.ToInt32(in.MaxResults))
	if max < 1 || max > 1000 {
		return nil, fmt.Errorf("MaxResults %d", max)
	}
	// Line 0 is the header; NextToken is the next line.
	from := 0
	if in.NextToken != nil {
		n, err := strconv.Atoi(*in.NextToken)
		if err != nil {
			return nil, errors.New("InvalidRequestException: bad token")
		}
		from = n
	}
	to := min(from+max, f.Rows+1)
	out := &athena.GetQueryResultsOutput{ResultSet: &atypes.ResultSet{ResultSetMetadata: &atypes.ResultSetMetadata{ColumnInfo: []atypes.ColumnInfo{
		{Name: aws.String("id"), Type: aws.String("bigint")},
		{Name: aws.String("customer"), Type: aws.String("varchar")},
		{Name: aws.String("amount"), Type: aws.String("double")},
	}}}}
	for line := from; line < to; line++ {
		if line == 0 {
			out.ResultSet.Rows = append(out.ResultSet.Rows, atypes.Row{Data: []atypes.Datum{{VarCharValue: aws.String("id")}, {VarCharValue: aws.String("customer")}, {VarCharValue: aws.String("amount")}}})
			continue
		}
		out.ResultSet.Rows = append(out.ResultSet.Rows, atypes.Row{Data: []atypes.Datum{
			{VarCharValue: aws.String(strconv.Itoa(line))}, {VarCharValue: aws.String("c-" + strconv.Itoa(line))}, {},
		}})
	}
	if to < f.Rows+1 {
		out.NextToken = aws.String(strconv.Itoa(to))
	}
	return out, nil
}

// fakeRedshift serves Rows rows in engine pages of EnginePage rows.
type fakeRedshift struct {
	mu         sync.Mutex
	Executed   []*redshiftdata.ExecuteStatementInput
	Rows       int
	EnginePage int
	Status     rtypes.StatusString
}

func (f *fakeRedshift) ExecuteStatement(_ context.Context, in *redshiftdata.ExecuteStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.ExecuteStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.Executed = append(f.Executed, in)
	return &redshiftdata.ExecuteStatementOutput{Id: aws.String(fmt.Sprintf("stmt-%d", len(f.Executed)))}, nil
}

func (f *fakeRedshift) DescribeStatement(_ context.Context, in *redshiftdata.DescribeStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.DescribeStatementOutput, error) {
	st := f.Status
	if st == "" {
		st = rtypes.StatusStringFinished
	}
	return &redshiftdata.DescribeStatementOutput{Id: in.Id, Status: st, Error: aws.String("ERROR: relation does not exist")}, nil
}

func (f *fakeRedshift) GetStatementResult(_ context.Context, in *redshiftdata.GetStatementResultInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.GetStatementResultOutput, error) {
	from := 0
	if in.NextToken != nil {
		n, err := strconv.Atoi(*in.NextToken)
		if err != nil {
			return nil, errors.New("ValidationException: bad token")
		}
		from = n
	}
	to := min(from+f.EnginePage, f.Rows)
	out := &redshiftdata.GetStatementResultOutput{ColumnMetadata: []rtypes.ColumnMetadata{{Name: aws.String("id")}, {Name: aws.String("customer")}, {Name: aws.String("vip")}}}
	for i := from; i < to; i++ {
		out.Records = append(out.Records, []rtypes.Field{
			&rtypes.FieldMemberLongValue{Value: int64(i + 1)}, &rtypes.FieldMemberStringValue{Value: "c-" + strconv.Itoa(i+1)},
			&rtypes.FieldMemberIsNull{Value: true},
		})
	}
	if to < f.Rows {
		out.NextToken = aws.String(strconv.Itoa(to))
	}
	return out, nil
}

func i64(v int64) *int64 { return &v }

// ordersQuery is the example of the issue: GET /orders?customer_id=…&from=…&to=…
func ordersQuery() query.Query {
	return query.Query{
		Name: "orders",
		SQL:  "SELECT id, customer, amount FROM orders WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to AND amount >= :min_amount ORDER BY id",
		Params: []query.Param{
			{Name: "customer_id", Type: query.String, Pattern: `[A-Za-z0-9' -]{1,40}`},
			{Name: "from", Type: query.Date},
			{Name: "to", Type: query.Date},
			{Name: "min_amount", Type: query.Int, Min: i64(0), Max: i64(1_000_000), Default: "0"},
		},
	}
}

func testSpec(b query.Backend) query.Spec {
	return query.Spec{
		Backend: b, DefaultPageSize: 10, MaxPageSize: 100, TokenTTLSeconds: 3600,
		Queries: []query.Query{ordersQuery(), {Name: "top-customers", SQL: "SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer ORDER BY n DESC"}},
	}
}

func noSleep(context.Context, time.Duration) error { return nil }

func newTestAPI(t testing.TB, b query.Backend, backend Backend) *API {
	t.Helper()
	a, err := NewAPI(testSpec(b), backend, LocalMAC("test key"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a.Sleep = noSleep
	return a
}
