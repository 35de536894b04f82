package streamalert

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
)

// Props configures a StreamAlert. Every field is optional.
type Props struct {
	// ExistingStream is read instead of a new stream.
	ExistingStream awskinesis.IStream
	// StreamProps override the new stream's defaults (on demand, 24 hours,
	// the AWS managed aws/kinesis key, retained).
	StreamProps *awskinesis.StreamProps

	// Topic receives the messages; its key (if any) must let the pipe's
	// role use it (a grant on an awssns.Topic of this app does).
	// @default a new topic encrypted with its own rotating key
	Topic awssns.ITopic

	// Filter is an EventBridge event pattern on the record, e.g.
	// `{"data": {"score": [{"numeric": [">", 3]}]}}` (the record's JSON is
	// under "data"). At most five patterns, as JSON strings.
	// @default none (every record)
	Filter []string
	// MessageTemplate is the pipe's input template for the message, e.g.
	// `Sensor <$.data.sensor_id>: score <$.data.score>`.
	// @default the record's JSON (its "data")
	MessageTemplate *string
	// BatchSize: records per pipe invocation, 1 to 10 (SNS takes one
	// message per call, so a batch is published record by record).
	// @default 1
	BatchSize *float64
	// StartingPosition of a new pipe: LATEST or TRIM_HORIZON.
	// @default LATEST (an alert about an old record is noise)
	StartingPosition *string
	// MaxRecordAge: older records go to the dead-letter queue, 60 seconds
	// to 7 days.
	// @default 1 hour
	MaxRecordAge awscdk.Duration

	// DeadLetterQueueProps configure the durablequeue of failed batches.
	// @default durablequeue defaults
	DeadLetterQueueProps *durablequeue.Props
	// LogRetention of the pipe's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}
