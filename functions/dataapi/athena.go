package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/athena"
	"github.com/aws/aws-sdk-go-v2/service/athena/types"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// AthenaAPI is the part of Athena the function calls (*athena.Client;
// tests use a fake).
type AthenaAPI interface {
	StartQueryExecution(ctx context.Context, in *athena.StartQueryExecutionInput, opts ...func(*athena.Options)) (*athena.StartQueryExecutionOutput, error)
	GetQueryExecution(ctx context.Context, in *athena.GetQueryExecutionInput, opts ...func(*athena.Options)) (*athena.GetQueryExecutionOutput, error)
	GetQueryResults(ctx context.Context, in *athena.GetQueryResultsInput, opts ...func(*athena.Options)) (*athena.GetQueryResultsOutput, error)
}

// Athena runs the queries in one workgroup (whose settings are enforced:
// results location, encryption, bytes-scanned cutoff).
type Athena struct {
	API       AthenaAPI
	WorkGroup string
	Catalog   string
	Database  string
	// ReuseMinutes > 0 lets Athena answer from the result of an identical
	// query (same text and parameters) at most this old.
	ReuseMinutes int32
}

// Start submits q.Text with the values as positional execution parameters.
func (a *Athena) Start(ctx context.Context, q *query.Compiled, values []query.Value) (string, error) {
	byName := make(map[string]query.Value, len(values))
	for _, v := range values {
		byName[v.Name] = v
	}
	params := make([]string, 0, len(q.Order))
	for _, n := range q.Order {
		params = append(params, byName[n].Athena())
	}
	in := &athena.StartQueryExecutionInput{
		QueryString: aws.String(q.Text),
		WorkGroup:   aws.String(a.WorkGroup),
		QueryExecutionContext: &types.QueryExecutionContext{
			Catalog: aws.String(a.Catalog), Database: aws.String(a.Database),
		},
	}
	if len(params) > 0 {
		in.ExecutionParameters = params
	}
	if a.ReuseMinutes > 0 {
		in.ResultReuseConfiguration = &types.ResultReuseConfiguration{ResultReuseByAgeConfiguration: &types.ResultReuseByAgeConfiguration{
			Enabled: true, MaxAgeInMinutes: aws.Int32(a.ReuseMinutes),
		}}
	}
	out, err := a.API.StartQueryExecution(ctx, in)
	if err != nil {
		return "", fmt.Errorf("StartQueryExecution: %w", err)
	}
	return aws.ToString(out.QueryExecutionId), nil
}

// State of the query execution.
func (a *Athena) State(ctx context.Context, id string) (State, string, error) {
	out, err := a.API.GetQueryExecution(ctx, &athena.GetQueryExecutionInput{QueryExecutionId: aws.String(id)})
	if err != nil {
		return Failed, "", fmt.Errorf("GetQueryExecution %s: %w", id, err)
	}
	if out.QueryExecution == nil || out.QueryExecution.Status == nil {
		return Running, "", nil
	}
	st := out.QueryExecution.Status
	switch st.State {
	case types.QueryExecutionStateSucceeded:
		return Succeeded, "", nil
	case types.QueryExecutionStateFailed, types.QueryExecutionStateCancelled:
		return Failed, string(st.State) + ": " + aws.ToString(st.StateChangeReason), nil
	}
	return Running, "", nil
}

// Page reads up to size rows. The first page of a SELECT starts with the
// column labels, so it asks for one row more and drops it.
func (a *Athena) Page(ctx context.Context, c Cursor, size int) (Page, error) {
	first := c.Next == ""
	max := size
	if first {
		max++
	}
	in := &athena.GetQueryResultsInput{QueryExecutionId: aws.String(c.ID), MaxResults: aws.Int32(int32(max))}
	if !first {
		in.NextToken = aws.String(c.Next)
	}
	out, err := a.API.GetQueryResults(ctx, in)
	if err != nil {
		return Page{}, fmt.Errorf("GetQueryResults %s: %w", c.ID, err)
	}
	var p Page
	var kinds []string
	if out.ResultSet != nil && out.ResultSet.ResultSetMetadata != nil {
		for _, col := range out.ResultSet.ResultSetMetadata.ColumnInfo {
			p.Columns = append(p.Columns, aws.ToString(col.Name))
			kinds = append(kinds, aws.ToString(col.Type))
		}
	}
	var rows []types.Row
	if out.ResultSet != nil {
		rows = out.ResultSet.Rows
	}
	if first && len(rows) > 0 {
		rows = rows[1:]
	}
	p.Rows = make([][]any, 0, len(rows))
	for _, r := range rows {
		row := make([]any, len(r.Data))
		for i, d := range r.Data {
			kind := ""
			if i < len(kinds) {
				kind = kinds[i]
			}
			row[i] = athenaValue(kind, d.VarCharValue)
		}
		p.Rows = append(p.Rows, row)
	}
	if out.NextToken != nil && *out.NextToken != "" {
		next := c
		next.Next, next.Offset = *out.NextToken, 0
		p.Next = &next
	}
	return p, nil
}

// athenaValue turns Athena's text into a JSON value by the column type:
// integers and floating point numbers as numbers, booleans as booleans,
// NULL as null, everything else (decimal, date, timestamp, varchar) as
// text.
func athenaValue(kind string, v *string) any {
	if v == nil {
		return nil
	}
	switch kind {
	case "tinyint", "smallint", "integer", "bigint":
		if n, err := strconv.ParseInt(*v, 10, 64); err == nil {
			return n
		}
	case "double", "float", "real":
		if f, err := strconv.ParseFloat(*v, 64); err == nil {
			return f
		}
	case "boolean":
		if b, err := strconv.ParseBool(*v); err == nil {
			return b
		}
	}
	return *v
}
