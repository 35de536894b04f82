package fakeathena

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/athena/types"
)

// The fake through the Go SDK: a query refused by Resolve is an
// InvalidRequestException; an accepted one has SUCCEEDED and its result
// reads in pages, the header row first, with every row and NextToken.
func TestAthena(t *testing.T) {
	s, err := Start(func(e Execution) (*Result, error) {
		if e.Query != "SELECT ?" {
			return nil, errors.New("unknown query")
		}
		return &Result{Columns: []Column{{"n", "bigint"}, {"s", "varchar"}}, Rows: 5, Row: func(i int) []*string {
			n, q := strconv.Itoa(i), `quote " and é`
			if i == 3 {
				return []*string{&n, nil}
			}
			return []*string{&n, &q}
		}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := athena.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(s.URL),
		Credentials: credentials.NewStaticCredentialsProvider("a", "b", "")})
	ctx := context.Background()
	var invalid *types.InvalidRequestException
	if _, err := c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: aws.String("DROP"), WorkGroup: aws.String("w")}); !errors.As(err, &invalid) {
		t.Fatalf("refused query: %v", err)
	}
	st, err := c.StartQueryExecution(ctx, &athena.StartQueryExecutionInput{QueryString: aws.String("SELECT ?"), WorkGroup: aws.String("w"), ExecutionParameters: []string{"1"}})
	if err != nil {
		t.Fatal(err)
	}
	qe, err := c.GetQueryExecution(ctx, &athena.GetQueryExecutionInput{QueryExecutionId: st.QueryExecutionId})
	if err != nil || qe.QueryExecution.Status.State != types.QueryExecutionStateSucceeded {
		t.Fatalf("GetQueryExecution: %v", err)
	}
	var lines []types.Row
	var next *string
	for {
		out, err := c.GetQueryResults(ctx, &athena.GetQueryResultsInput{QueryExecutionId: st.QueryExecutionId, MaxResults: aws.Int32(4), NextToken: next})
		if err != nil {
			t.Fatal(err)
		}
		if cols := out.ResultSet.ResultSetMetadata.ColumnInfo; len(cols) != 2 || aws.ToString(cols[0].Type) != "bigint" {
			t.Fatalf("columns %v", cols)
		}
		lines = append(lines, out.ResultSet.Rows...)
		if next = out.NextToken; next == nil {
			break
		}
	}
	if len(lines) != 6 || aws.ToString(lines[0].Data[0].VarCharValue) != "n" || aws.ToString(lines[5].Data[0].VarCharValue) != "5" ||
		lines[3].Data[1].VarCharValue != nil || aws.ToString(lines[1].Data[1].VarCharValue) != `quote " and é` {
		t.Fatalf("%d lines: %v", len(lines), lines)
	}
}
