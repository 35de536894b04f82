package firehosetos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Props configures a FirehoseToS3. A nil *Props, and every nil field, means
// the default written next to the field.
type Props struct {
	// SourceStream makes the delivery stream read a Kinesis data stream
	// instead of accepting Direct PUT (PutRecord/PutRecordBatch). Firehose
	// cannot encrypt a Kinesis-sourced delivery stream itself: the data is
	// encrypted at rest by the source stream.
	// @default Direct PUT, encrypted with EncryptionKey
	SourceStream awskinesis.IStream

	// EncryptionKey encrypts a Direct PUT delivery stream and the error log
	// group. Its key policy must let logs.<region>.amazonaws.com use it.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey

	// ExistingBucket receives the objects instead of a new secure bucket.
	// Import it with its EncryptionKey so Firehose may encrypt with it.
	ExistingBucket awss3.IBucket
	// BucketProps configure the new securebucket (not with ExistingBucket).
	BucketProps *securebucket.Props
	// Prefix of the delivered objects; may hold !{timestamp:...}
	// expressions (then ErrorPrefix is required, and is set by default).
	// @default "data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"
	Prefix *string
	// ErrorPrefix of records Firehose could not deliver or process.
	// @default "errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	ErrorPrefix *string

	// BufferInterval: Firehose writes when this much time passed since the
	// first record of a buffer, 0 to 900 seconds (0 = as soon as possible).
	// @default 5 seconds (the notes' latency budget)
	BufferInterval awscdk.Duration
	// BufferSize: Firehose writes earlier when a buffer holds this much,
	// 1 to 128 MiB.
	// @default 5 MiB
	BufferSize awscdk.Size
	// Gzip compresses the objects (.gz).
	// @default false
	Gzip *bool
	// AppendNewline adds "\n" after each record (built-in
	// AppendDelimiterToRecord processor), so that objects are JSON lines even
	// when producers send bare JSON documents.
	// @default true, false with a Processor (which writes its own lines)
	AppendNewline *bool

	// Processor is a Lambda function that transforms each batch (the
	// Firehose transformation contract: Ok, Dropped or ProcessingFailed per
	// record). Failed records go under the error prefix.
	// @default none
	Processor awslambda.IFunction
	// ProcessorBufferSize is how much Firehose sends the processor at once,
	// 1 to 3 MiB (the answer must stay under Lambda's 6 MB response).
	// @default 1 MiB
	ProcessorBufferSize awscdk.Size
	// ProcessorRetries: how often Firehose retries a failed invocation, 0
	// to 300 (catalogue ING-26).
	// @default 3
	ProcessorRetries *float64
	// BackupSourceRecords keeps a copy of every record as received (before
	// the processor) under "source-backup/" in the same bucket, so a faulty
	// transformation can be replayed (catalogue ING-26).
	// @default false
	BackupSourceRecords *bool

	// LogRetention of the delivery error log group.
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the alarms below.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
	// MaxDataFreshness raises an alarm when the oldest record not yet in S3
	// is older than this (DeliveryToS3.DataFreshness): 1 minute to 24 hours.
	// @default 5 minutes
	MaxDataFreshness awscdk.Duration
}
