package firehoseparquet

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Column is one column of the Glue table that is the Parquet schema, in the
// order of the CSV fields. Type is a Glue/Hive type: string, varchar, char,
// int, integer, bigint, smallint, tinyint, double, float, decimal or
// decimal(p,s), boolean, timestamp, date.
type Column struct {
	Name string
	Type string
	// Comment is stored in the Glue table.
	Comment string
}

// Header says how the processor treats a first line equal to the column
// names.
type Header string

const (
	// HeaderAuto skips a first line that equals the column names (the
	// default): producers may or may not send one.
	HeaderAuto Header = "auto"
	// HeaderNone never skips a line.
	HeaderNone Header = "none"
	// HeaderAlways skips the first line of every record.
	HeaderAlways Header = "always"
)

// Parquet are the Parquet serializer's settings (the notes' values are the
// defaults).
type Parquet struct {
	// BlockSizeBytes: Parquet row-group size, at least 64 MiB.
	// @default 256,000,000
	BlockSizeBytes *float64
	// PageSizeBytes: at least 64 KiB.
	// @default 1,000,000
	PageSizeBytes *float64
	// Compression: "SNAPPY", "GZIP" or "UNCOMPRESSED".
	// @default "SNAPPY"
	Compression string
	// EnableDictionaryCompression.
	// @default false
	EnableDictionaryCompression *bool
	// MaxPaddingBytes: padding to align row groups with HDFS blocks.
	// @default 0
	MaxPaddingBytes *float64
}

// Props configures a FirehoseParquet. Columns (or an existing table) are
// required.
type Props struct {
	// Columns of a new Glue table that is the Parquet schema and the CSV
	// field order.
	Columns []Column
	// ExistingDatabaseName and ExistingTableName name a Glue table to use
	// as the schema instead (its columns must be given too, for the
	// processor: Columns in the table's order).
	ExistingDatabaseName *string
	ExistingTableName    *string

	// ExistingBucket receives the Parquet files instead of a new securebucket.
	ExistingBucket awss3.IBucket
	// BucketProps configure the new securebucket (not with ExistingBucket).
	BucketProps *securebucket.Props
	// Prefix of the Parquet files.
	// @default "parquet-data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	Prefix *string
	// ErrorPrefix of records that failed processing or conversion.
	// @default "parquet-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
	ErrorPrefix *string

	// BufferInterval of the delivery stream, 0 to 900 seconds.
	// @default 60 seconds
	BufferInterval awscdk.Duration
	// BufferSize of the delivery stream: 64 to 128 MiB (format conversion
	// needs at least 64).
	// @default 128 MiB
	BufferSize awscdk.Size
	// Parquet serializer settings.
	Parquet *Parquet

	// Delimiter of the CSV fields (one character).
	// @default ","
	Delimiter *string
	// Header handling of the processor.
	// @default HeaderAuto
	Header Header
	// ProcessorBufferSize is how much Firehose sends the processor at once,
	// 1 to 3 MiB: CSV grows into JSON, and the answer must stay under
	// Lambda's 6 MB response limit.
	// @default 1 MiB
	ProcessorBufferSize awscdk.Size

	// EncryptionKey encrypts the delivery stream, the logs and the processor
	// function's logs; its policy must let CloudWatch Logs use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the error and function log groups.
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the alarms (freshness, delivery failures,
	// processing and conversion failures, processor errors).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
	// MaxDataFreshness: alarm when the oldest record not yet in S3 is older.
	// At least the buffer interval plus one minute.
	// @default 15 minutes
	MaxDataFreshness awscdk.Duration
}
