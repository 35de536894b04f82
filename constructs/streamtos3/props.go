package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Capacity is how the stream's throughput is provisioned.
type Capacity string

const (
	// OnDemand scales shards automatically (up to twice the previous peak
	// write throughput at once): the answer to "Kinesis has no native
	// autoscaling" (catalogue ING-14). The default.
	OnDemand Capacity = "ON_DEMAND"
	// Provisioned has a fixed number of shards (ShardCount), each 1 MB/s or
	// 1,000 records/s in and 2 MB/s out.
	Provisioned Capacity = "PROVISIONED"
)

// StartPosition is where the consumer starts reading a shard that has no
// checkpoint yet (a new application, or a shard created by a reshard starts
// after its parents instead).
type StartPosition string

const (
	// TrimHorizon reads from the oldest record the stream keeps (the default):
	// nothing written before the consumer's first start is skipped.
	TrimHorizon StartPosition = "TRIM_HORIZON"
	// Latest reads only records written after the consumer started.
	Latest StartPosition = "LATEST"
	// AtTimestamp reads from StartTimestamp (replay, catalogue ING-15).
	AtTimestamp StartPosition = "AT_TIMESTAMP"
)

// Props configures a StreamToS3. A nil *Props, and every nil field, means the
// default written next to the field.
type Props struct {
	// ---- Stream ----

	// ExistingStream is read instead of a new stream. Import it with
	// awskinesis.Stream_FromStreamAttributes including its EncryptionKey, so
	// that the consumer is allowed to decrypt.
	ExistingStream awskinesis.IStream
	// Capacity of the new stream.
	// @default OnDemand
	Capacity Capacity
	// ShardCount of a Provisioned stream (at least 1). Not with OnDemand.
	// @default 1 with Provisioned
	ShardCount *float64
	// RetentionPeriod of the new stream: 24 to 8,760 hours (365 days). Longer
	// retention lets a consumer that was down catch up, and replays reach
	// further back (ING-15).
	// @default 24 hours
	RetentionPeriod awscdk.Duration
	// StreamProps override any other default of the new stream (not with
	// ExistingStream). Capacity, shard count, retention and encryption have
	// their own props above.
	StreamProps *awskinesis.StreamProps
	// ShardLevelMetrics turns on the stream's enhanced (shard-level)
	// monitoring for every shard metric (IncomingBytes, IncomingRecords,
	// IteratorAgeMilliseconds, OutgoingBytes, OutgoingRecords,
	// ReadProvisionedThroughputExceeded, WriteProvisionedThroughputExceeded
	// with a ShardId dimension): what finds a hot shard (catalogue MON-08,
	// ING-14). CloudFormation sets it (DesiredShardLevelMetrics, which calls
	// EnableEnhancedMonitoring); each metric of each shard is billed as a
	// custom metric. Not with ExistingStream (its owner enables it with
	// aws kinesis enable-enhanced-monitoring), nor with
	// StreamProps.ShardLevelMetrics (which picks single metrics).
	// @default false
	ShardLevelMetrics *bool

	// ---- Encryption ----

	// StreamEncryptionKey is a customer managed key for the new stream.
	// @default the AWS managed key aws/kinesis: encrypted at rest, no key
	// policy to manage, no KMS permissions for producers and consumers
	StreamEncryptionKey awskms.IKey
	// EncryptionKey encrypts the lease table, the consumer's log group and
	// the VPC flow logs. Its key policy must let
	// logs.<region>.amazonaws.com use it (see keys.AllowLogs).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey

	// ---- Lease table ----

	// LeaseTableProps override defaults of the KCL lease table (on-demand,
	// point-in-time recovery, encrypted with the construct's key, retained).
	// Its partition key is always ShardID (string): the KCL's layout.
	LeaseTableProps *awsdynamodb.TableProps

	// ---- Destination ----

	// ExistingBucket receives the objects instead of a new secure bucket. The
	// consumer is granted s3:PutObject under Prefix, and encryption with the
	// bucket's EncryptionKey when the import names it
	// (awss3.Bucket_FromBucketAttributes with EncryptionKey).
	ExistingBucket awss3.IBucket
	// BucketProps configure the new securebucket (not with ExistingBucket).
	// @default securebucket defaults (DSSE-KMS, versioned, access logs)
	BucketProps *securebucket.Props
	// Prefix is the key prefix of every object, without slashes at its ends.
	// @default "data"
	Prefix *string
	// Gzip compresses every object (.jsonl.gz).
	// @default false
	Gzip *bool

	// ---- Buffering ----

	// BufferInterval is the longest a record waits in the consumer before it
	// is written: 1 second to 15 minutes, in whole seconds.
	// @default 5 seconds (the notes' scenario)
	BufferInterval awscdk.Duration
	// BufferSize flushes a shard's buffer earlier when it holds this much:
	// 1 KiB to 64 MiB.
	// @default 5 MiB
	BufferSize awscdk.Size
	// StartPosition for shards without a checkpoint.
	// @default TrimHorizon
	StartPosition StartPosition
	// StartTimestamp is an RFC 3339 time, with AtTimestamp only.
	StartTimestamp *string

	// ---- Schema registry (catalogue CAT-10) ----

	// SchemaArn is a Glue Schema Registry schema (for example the Arn of a
	// gluecatalog.SchemaRegistry schema). The consumer then decodes records
	// framed in the registry's wire format with the AVRO version each names
	// (GetSchemaVersion, cached), accepts only versions of this schema, and
	// stores them as JSON lines; records it rejects (corrupt header, unknown
	// version, another schema, bytes that are not one record) go to
	// <Prefix>/_rejected/ with the reason. Records not framed for the
	// registry (JSON producers) pass through unchanged. The task role may
	// call glue:GetSchemaVersion, on "*" as AWS's deserializer policy says:
	// the version id a record carries names no registry.
	// @default none: records are stored as they arrive
	SchemaArn *string

	// ---- Consumer ----

	// Image runs the consumer instead of the image built from
	// apps/kinesistos3/Dockerfile, for example
	// awsecs.ContainerImage_FromEcrRepository(repo, jsii.String("v1.2.3")).
	// It must be an arm64 (linux/arm64) image of apps/kinesistos3.
	// @default a CDK image asset built from this module's Dockerfile
	Image awsecs.ContainerImage
	// Vpc holds the consumer tasks, in its private subnets (with egress or
	// isolated with endpoints).
	// @default a new VPC: two AZs, one NAT gateway, flow logs, S3 and
	// DynamoDB gateway endpoints
	Vpc awsec2.IVpc
	// KinesisEndpoint creates an interface VPC endpoint for Kinesis Data
	// Streams (kinesis-streams, private DNS) in the tasks' subnets, so the
	// consumer reads the stream without the NAT gateway (catalogue ING-09).
	// Its security group admits HTTPS from the consumer's tasks only, and its
	// policy lets only the task role read only this stream. Private DNS
	// captures every Kinesis call made in the VPC: in a VPC of your own that
	// other workloads share, or that already has a kinesis-streams endpoint
	// (a second one with private DNS fails to deploy), leave it off.
	// @default true with a new VPC, false with Vpc or Cluster
	KinesisEndpoint *bool
	// Subnets of Vpc for the tasks (not with a new VPC).
	// @default the private subnets with egress, else the isolated ones
	Subnets *awsec2.SubnetSelection
	// Cluster runs the service (in Vpc).
	// @default a new cluster with Container Insights
	Cluster awsecs.ICluster
	// DesiredCount of consumer tasks. Workers share the shards through the
	// lease table; with two or more, a failed task's shards are taken over
	// by the others after the lease failover time (10 s) instead of after
	// ECS starts a replacement.
	// @default 2
	DesiredCount *float64
	// Cpu units of a task (256, 512, 1024, 2048 or 4096).
	// @default 256
	Cpu *float64
	// MemoryMiB of a task, valid for Cpu on Fargate.
	// @default 512
	MemoryMiB *float64
	// EnhancedFanOut registers a stream consumer (catalogue ING-13) so the
	// application reads with SubscribeToShard at 2 MB/s per shard of its own,
	// with ~70 ms propagation, instead of sharing 2 MB/s and 5 GetRecords
	// calls per second per shard with the other readers.
	// @default false
	EnhancedFanOut *bool
	// LogRetention of the consumer's log group (which also carries its
	// embedded-format metrics). Never infinite.
	// @default one year
	LogRetention awslogs.RetentionDays

	// ---- Alarms ----

	// CreateAlarms creates the alarms below.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
	// MaxIteratorAge raises an alarm when the consumer falls this far behind
	// the stream's tip (GetRecords.IteratorAgeMilliseconds, maximum over one
	// minute; with EnhancedFanOut SubscribeToShardEvent.MillisBehindLatest).
	// At least 1 minute, below the retention period.
	// @default 5 minutes
	MaxIteratorAge awscdk.Duration
	// MaxGetRecordsLatency raises an alarm when GetRecords calls on the
	// stream take longer than this on average for 5 minutes in a row
	// (GetRecords.Latency, catalogue MON-08): reads that slow fall behind
	// however many shards the stream has. 10 ms to 1 minute.
	// @default 1 second
	MaxGetRecordsLatency awscdk.Duration
}
