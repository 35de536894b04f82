package main

import (
	"context"
	"encoding/base64"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// RedshiftAPI is the part of the Redshift Data API the function calls
// (*redshiftdata.Client; tests use a fake).
type RedshiftAPI interface {
	ExecuteStatement(ctx context.Context, in *redshiftdata.ExecuteStatementInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.ExecuteStatementOutput, error)
	DescribeStatement(ctx context.Context, in *redshiftdata.DescribeStatementInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.DescribeStatementOutput, error)
	GetStatementResult(ctx context.Context, in *redshiftdata.GetStatementResultInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.GetStatementResultOutput, error)
}

// Redshift runs the queries through the Data API on a provisioned cluster
// (as DbUser, temporary credentials, or with SecretARN) or a serverless
// workgroup (the function's IAM identity, or SecretARN).
type Redshift struct {
	API                                                           RedshiftAPI
	ClusterIdentifier, WorkgroupName, Database, DbUser, SecretARN string
}

// Start submits q.Text (":name" placeholders) with the values as named
// parameters, which Redshift binds on the server.
func (r *Redshift) Start(ctx context.Context, q *query.Compiled, values []query.Value) (string, error) {
	in := &redshiftdata.ExecuteStatementInput{
		Sql:           aws.String(q.Text),
		Database:      aws.String(r.Database),
		StatementName: aws.String("dataapi-" + q.Name),
	}
	if r.ClusterIdentifier != "" {
		in.ClusterIdentifier = aws.String(r.ClusterIdentifier)
	}
	if r.WorkgroupName != "" {
		in.WorkgroupName = aws.String(r.WorkgroupName)
	}
	if r.DbUser != "" {
		in.DbUser = aws.String(r.DbUser)
	}
	if r.SecretARN != "" {
		in.SecretArn = aws.String(r.SecretARN)
	}
	for _, v := range values {
		in.Parameters = append(in.Parameters, types.SqlParameter{Name: aws.String(v.Name), Value: aws.String(v.Text)})
	}
	out, err := r.API.ExecuteStatement(ctx, in)
	if err != nil {
		return "", fmt.Errorf("ExecuteStatement: %w", err)
	}
	return aws.ToString(out.Id), nil
}

// State of the statement.
func (r *Redshift) State(ctx context.Context, id string) (State, string, error) {
	out, err := r.API.DescribeStatement(ctx, &redshiftdata.DescribeStatementInput{Id: aws.String(id)})
	if err != nil {
		return Failed, "", fmt.Errorf("DescribeStatement %s: %w", id, err)
	}
	switch out.Status {
	case types.StatusStringFinished:
		return Succeeded, "", nil
	case types.StatusStringFailed, types.StatusStringAborted:
		return Failed, string(out.Status) + ": " + aws.ToString(out.Error), nil
	}
	return Running, "", nil
}

// Page reads up to size rows from the cursor. GetStatementResult has no
// page size of its own (its pages are up to the Data API's limit), so the
// cursor keeps the engine's NextToken of the page being read and an offset
// inside it.
func (r *Redshift) Page(ctx context.Context, c Cursor, size int) (Page, error) {
	in := &redshiftdata.GetStatementResultInput{Id: aws.String(c.ID)}
	if c.Next != "" {
		in.NextToken = aws.String(c.Next)
	}
	out, err := r.API.GetStatementResult(ctx, in)
	if err != nil {
		return Page{}, fmt.Errorf("GetStatementResult %s: %w", c.ID, err)
	}
	var p Page
	for _, col := range out.ColumnMetadata {
		p.Columns = append(p.Columns, aws.ToString(col.Name))
	}
	start := min(c.Offset, len(out.Records))
	end := min(start+size, len(out.Records))
	p.Rows = make([][]any, 0, end-start)
	for _, rec := range out.Records[start:end] {
		row := make([]any, len(rec))
		for i, f := range rec {
			row[i] = redshiftValue(f)
		}
		p.Rows = append(p.Rows, row)
	}
	switch {
	case end < len(out.Records):
		next := c
		next.Offset = end
		p.Next = &next
	case out.NextToken != nil && *out.NextToken != "":
		next := c
		next.Next, next.Offset = *out.NextToken, 0
		p.Next = &next
	}
	return p, nil
}

func redshiftValue(f types.Field) any {
	switch v := f.(type) {
	case *types.FieldMemberIsNull:
		return nil
	case *types.FieldMemberLongValue:
		return v.Value
	case *types.FieldMemberDoubleValue:
		return v.Value
	case *types.FieldMemberBooleanValue:
		return v.Value
	case *types.FieldMemberStringValue:
		return v.Value
	case *types.FieldMemberBlobValue:
		return base64.StdEncoding.EncodeToString(v.Value)
	}
	return nil
}
