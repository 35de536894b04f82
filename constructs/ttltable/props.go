package ttltable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
)

// Defaults of the key schema and the TTL attribute.
const (
	DefaultPartitionKey        = "pk"
	DefaultTimeToLiveAttribute = "expiresAt"
	// DefaultTargetUtilizationPercent is the auto-scaling target of a
	// provisioned table: scaling starts when 70 % of the capacity is used.
	DefaultTargetUtilizationPercent = 70
)

// DefaultLakePrefix is where the table's change records land in the lake:
// one JSON line per change (INSERT, MODIFY, REMOVE), by delivery hour.
const DefaultLakePrefix = "dynamodb-changes/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"

// DefaultLakeErrorPrefix holds the change records Firehose could not
// deliver.
const DefaultLakeErrorPrefix = "dynamodb-changes-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"

// Provisioned makes the table (and its global secondary indexes) use
// provisioned capacity, scaled by Application Auto Scaling between the
// minimum and the maximum to keep the consumed capacity near the target
// utilisation. Use Capacity to turn a workload into the units it needs.
type Provisioned struct {
	// MinReadCapacity and MaxReadCapacity bound the read capacity units,
	// 1 to 40000, min <= max.
	MinReadCapacity, MaxReadCapacity float64
	// MinWriteCapacity and MaxWriteCapacity bound the write capacity units,
	// 1 to 40000, min <= max.
	MinWriteCapacity, MaxWriteCapacity float64
	// TargetUtilizationPercent of the provisioned capacity, 20 to 90
	// (Application Auto Scaling's range for DynamoDB).
	// @default 70
	TargetUtilizationPercent float64
}

// Props configures a TTLTable. nil props make an on-demand table with
// partition key "pk" (string), TTL on "expiresAt", encrypted with a new
// customer managed key, point-in-time recovery, deletion protection, every
// change streamed to a new lake bucket, and alarms on a new encrypted
// topic.
type Props struct {
	// PartitionKey of the table.
	// @default "pk", STRING
	PartitionKey *awsdynamodb.Attribute
	// SortKey of the table.
	// @default none
	SortKey *awsdynamodb.Attribute
	// TimeToLiveAttribute is the top-level attribute holding each item's
	// expiry time, a Number of epoch seconds that writers set. DynamoDB
	// deletes expired items within a few days, without consuming write
	// capacity; readers filter out items whose time has passed. It must be
	// a plain attribute name: 1 to 255 bytes, no document path ("a.b",
	// "a[0]") and no expression placeholder ("#ttl", ":ttl").
	// @default "expiresAt"
	TimeToLiveAttribute string
	// GlobalSecondaryIndexes to create (at most 20). With Provisioned, each
	// gets the table's capacity bounds and auto scaling.
	// @default none
	GlobalSecondaryIndexes []awsdynamodb.GlobalSecondaryIndexProps

	// Provisioned switches from on-demand to provisioned capacity with
	// auto scaling.
	// @default nil: on-demand (PAY_PER_REQUEST)
	Provisioned *Provisioned

	// EncryptionKey encrypts the table (a customer managed key).
	// @default a new rotating key, retained
	EncryptionKey awskms.IKey
	// TableProps override the table's settings: fields set win, the
	// construct fills the rest. The key schema, TTL, billing, encryption
	// and streaming have their own props above and are refused here, as
	// are turning off point-in-time recovery or deletion protection, and a
	// DESTROY removal policy without the sandbox switch.
	TableProps *awsdynamodb.TableProps

	// StreamToLake sends every change (new and old images, TTL deletions
	// included) to a Kinesis data stream (the table's Kinesis streaming
	// destination), which a Firehose delivery stream writes to S3.
	// @default true
	StreamToLake *bool
	// StreamShardCount makes the Kinesis stream provisioned with this many
	// shards (1 to 500); 0 keeps it on-demand. A shard takes 1000 records
	// or 1 MB per second: size it for the table's peak writes.
	// @default 0 (on-demand)
	StreamShardCount float64
	// StreamRetention is how long the Kinesis stream keeps the changes for
	// replay, 24 hours to 365 days.
	// @default 24 hours
	StreamRetention awscdk.Duration
	// Lake configures the delivery to S3 (bucket, prefix, buffering,
	// compression; see firehosetos3.Props). SourceStream is the
	// construct's; AlarmTopic and CreateAlarms default to this construct's.
	// @default a new secure bucket, Prefix DefaultLakePrefix, ErrorPrefix
	// DefaultLakeErrorPrefix, GZIP
	Lake *firehosetos3.Props

	// CreateAlarms creates the alarms: read and write throttling, system
	// errors, and (when streaming) records DynamoDB could not put into the
	// stream; the delivery stream's own alarms too.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms' ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
