// Package redshiftdata runs SQL through the Redshift Data API and waits for
// it: one statement or a batch (one transaction), polled with backoff until
// it FINISHED, FAILED or ABORTED, or the invocation's time is nearly up.
// Functions that load data (manifestcopy) or apply DDL at deployment
// (redshiftsql) share it.
package redshiftdata

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"

	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// API is the part of the Redshift Data API these functions call
// (*redshiftdata.Client; tests use a fake).
type API interface {
	ExecuteStatement(ctx context.Context, in *redshiftdata.ExecuteStatementInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.ExecuteStatementOutput, error)
	BatchExecuteStatement(ctx context.Context, in *redshiftdata.BatchExecuteStatementInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.BatchExecuteStatementOutput, error)
	DescribeStatement(ctx context.Context, in *redshiftdata.DescribeStatementInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.DescribeStatementOutput, error)
	GetStatementResult(ctx context.Context, in *redshiftdata.GetStatementResultInput, opts ...func(*redshiftdata.Options)) (*redshiftdata.GetStatementResultOutput, error)
}

// Target is the warehouse a statement runs on: a provisioned cluster
// (with a secret) or a serverless workgroup (with the caller's IAM
// identity, or a secret), and the database.
type Target struct {
	ClusterIdentifier, WorkgroupName, SecretARN, Database string
}

// Runner runs statements through the Data API and waits for them.
type Runner struct {
	API    API
	Target Target
	// Polling DescribeStatement starts after FirstPoll and doubles up to
	// MaxPoll; it gives up (the statement keeps running in Redshift) when
	// less than Margin would be left before the invocation's deadline.
	FirstPoll, MaxPoll, Margin time.Duration
	Sleep                      wait.Func
}

// ErrStillRunning: the invocation's time ran out before the statement ended.
var ErrStillRunning = errors.New("statement still running at the end of the invocation's time")

// StatementError is a statement that ended FAILED or ABORTED.
type StatementError struct {
	ID, Status, Message string
}

func (e *StatementError) Error() string {
	return fmt.Sprintf("statement %s %s: %s", e.ID, e.Status, e.Message)
}

// Batch runs sqls as one transaction and waits for it to end.
func (w *Runner) Batch(ctx context.Context, name string, sqls []string) (string, error) {
	in := &redshiftdata.BatchExecuteStatementInput{Sqls: sqls, Database: aws.String(w.Target.Database), StatementName: aws.String(name)}
	in.ClusterIdentifier, in.WorkgroupName, in.SecretArn = w.target()
	out, err := w.API.BatchExecuteStatement(ctx, in)
	if err != nil {
		return "", fmt.Errorf("BatchExecuteStatement: %w", err)
	}
	id := aws.ToString(out.Id)
	_, err = w.wait(ctx, id)
	return id, err
}

// Exec runs one statement outside a transaction block (statements such as
// CREATE EXTERNAL SCHEMA cannot run in one) and waits for it to end.
func (w *Runner) Exec(ctx context.Context, name, sql string) (string, error) {
	in := &redshiftdata.ExecuteStatementInput{Sql: aws.String(sql), Database: aws.String(w.Target.Database), StatementName: aws.String(name)}
	in.ClusterIdentifier, in.WorkgroupName, in.SecretArn = w.target()
	out, err := w.API.ExecuteStatement(ctx, in)
	if err != nil {
		return "", fmt.Errorf("ExecuteStatement: %w", err)
	}
	id := aws.ToString(out.Id)
	_, err = w.wait(ctx, id)
	return id, err
}

// Count runs a query whose result is one number, with parameters
// (name → value), and returns it.
func (w *Runner) Count(ctx context.Context, name, sql string, params map[string]string) (int64, string, error) {
	in := &redshiftdata.ExecuteStatementInput{Sql: aws.String(sql), Database: aws.String(w.Target.Database), StatementName: aws.String(name)}
	in.ClusterIdentifier, in.WorkgroupName, in.SecretArn = w.target()
	for k, v := range params {
		in.Parameters = append(in.Parameters, types.SqlParameter{Name: aws.String(k), Value: aws.String(v)})
	}
	out, err := w.API.ExecuteStatement(ctx, in)
	if err != nil {
		return 0, "", fmt.Errorf("ExecuteStatement: %w", err)
	}
	id := aws.ToString(out.Id)
	if _, err := w.wait(ctx, id); err != nil {
		return 0, id, err
	}
	res, err := w.API.GetStatementResult(ctx, &redshiftdata.GetStatementResultInput{Id: aws.String(id)})
	if err != nil {
		return 0, id, fmt.Errorf("GetStatementResult %s: %w", id, err)
	}
	if len(res.Records) != 1 || len(res.Records[0]) != 1 {
		return 0, id, fmt.Errorf("statement %s: want one value, got %d rows", id, len(res.Records))
	}
	switch v := res.Records[0][0].(type) {
	case *types.FieldMemberLongValue:
		return v.Value, id, nil
	default:
		return 0, id, fmt.Errorf("statement %s: want a number, got %T", id, v)
	}
}

// target is the cluster or workgroup, and the secret.
func (w *Runner) target() (cluster, workgroup, secret *string) {
	if w.Target.ClusterIdentifier != "" {
		cluster = aws.String(w.Target.ClusterIdentifier)
	}
	if w.Target.WorkgroupName != "" {
		workgroup = aws.String(w.Target.WorkgroupName)
	}
	if w.Target.SecretARN != "" {
		secret = aws.String(w.Target.SecretARN)
	}
	return
}

// wait polls DescribeStatement until FINISHED (nil), FAILED or ABORTED
// (*StatementError), or the invocation's time is up (ErrStillRunning).
func (w *Runner) wait(ctx context.Context, id string) (*redshiftdata.DescribeStatementOutput, error) {
	backoff := w.FirstPoll
	for {
		d, err := w.API.DescribeStatement(ctx, &redshiftdata.DescribeStatementInput{Id: aws.String(id)})
		if err != nil {
			return nil, fmt.Errorf("DescribeStatement %s: %w", id, err)
		}
		switch d.Status {
		case types.StatusStringFinished:
			return d, nil
		case types.StatusStringFailed, types.StatusStringAborted:
			return d, &StatementError{ID: id, Status: string(d.Status), Message: statementMessage(d)}
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < backoff+w.Margin {
			return d, fmt.Errorf("statement %s (%s): %w", id, d.Status, ErrStillRunning)
		}
		if err := wait.Or(w.Sleep)(ctx, backoff); err != nil {
			return d, err
		}
		backoff = min(backoff*2, w.MaxPoll)
	}
}

// statementMessage is the error of the statement, or of the sub-statements
// of a batch that failed.
func statementMessage(d *redshiftdata.DescribeStatementOutput) string {
	msgs := []string{}
	if m := aws.ToString(d.Error); m != "" {
		msgs = append(msgs, m)
	}
	for i, s := range d.SubStatements {
		if m := aws.ToString(s.Error); m != "" {
			msgs = append(msgs, fmt.Sprintf("statement %d (%s): %s", i+1, s.Status, m))
		}
	}
	if len(msgs) == 0 {
		return "no error message"
	}
	return strings.Join(msgs, "; ")
}
