package streamlambda

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
)

// InvalidRecords is what the shipped handler does with a record it cannot
// decode.
type InvalidRecords string

const (
	// Skip logs the record (shard, sequence number) and goes on: retrying
	// cannot fix a bad payload. The default.
	Skip InvalidRecords = "skip"
	// Fail reports it as a batch item failure, so that retries, bisection
	// and finally the on-failure queue handle it.
	Fail InvalidRecords = "fail"
)

// Props configures a StreamLambda. Stream is required.
type Props struct {
	// Stream the event source mapping reads. Required.
	Stream awskinesis.IStream

	// Code of your own handler (provided.al2023, arm64, "bootstrap"), which
	// must return a partial batch response (ReportBatchItemFailures is on).
	// @default functions/devicelatest, which keeps each device's latest
	// reading in a DynamoDB table this construct creates
	Code awslambda.Code
	// Reaches names what your handler calls when it runs outside a VPC,
	// e.g. "only the DynamoDB API (TLS, IAM authentication)": the reason the
	// compliance packs' LambdaInsideVPC finding is suppressed. Empty leaves
	// the finding to the owner. The default handler says it itself.
	Reaches string
	// FunctionProps override any default of the function (256 MB, 1 minute,
	// JSON logs). Code, Role and LogGroup are the construct's.
	FunctionProps *awslambda.FunctionProps
	// TableProps override defaults of the latest-readings table (shipped
	// handler only): on-demand, point-in-time recovery, the construct's key,
	// retained. Its partition key is always "device" (string).
	TableProps *awsdynamodb.TableProps
	// InvalidRecords policy of the shipped handler.
	// @default Skip
	InvalidRecords InvalidRecords

	// BatchSize: records per invocation, 1 to 10,000.
	// @default 100
	BatchSize *float64
	// MaxBatchingWindow: how long Lambda gathers records before invoking,
	// 0 to 300 seconds.
	// @default 1 second
	MaxBatchingWindow awscdk.Duration
	// StartingPosition of a new mapping.
	// @default TRIM_HORIZON (nothing the stream holds is skipped)
	StartingPosition awslambda.StartingPosition
	// ParallelizationFactor: concurrent batches per shard, 1 to 10 (order
	// is kept per partition key).
	// @default 1
	ParallelizationFactor *float64
	// RetryAttempts of a failing batch, 0 to 10,000 (never unbounded: an
	// unbounded retry blocks the shard until the records expire).
	// @default 10
	RetryAttempts *float64
	// MaxRecordAge: older records are not retried but sent to the failure
	// queue, 60 seconds to 7 days.
	// @default 1 hour
	MaxRecordAge awscdk.Duration
	// BisectBatchOnError splits a failing batch in two to isolate the bad
	// record.
	// @default true
	BisectBatchOnError *bool

	// FailureQueueProps configure the on-failure destination, a durablequeue
	// that receives the shard, sequence-number range and error of batches
	// that ran out of retries or age (not the records: read them from the
	// stream with those positions while it keeps them).
	// @default durablequeue defaults (7 days, its own DLQ keeping 14, alarms)
	FailureQueueProps *durablequeue.Props

	// EncryptionKey encrypts the table and the log group; its policy must
	// let logs.<region>.amazonaws.com use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the function's log group.
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the alarms (iterator age, errors; the failure
	// queue has its own).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications of every alarm.
	// @default the failure queue's new encrypted topic
	AlarmTopic awssns.ITopic
	// MaxIteratorAge raises an alarm when the function falls this far
	// behind the stream (Lambda IteratorAge, maximum over one minute):
	// 1 minute to 7 days.
	// @default 5 minutes
	MaxIteratorAge awscdk.Duration
}
