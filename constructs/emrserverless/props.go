package emrserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// DefaultReleaseLabel is the Amazon EMR release of a new application: the
// EMR 7.12.0 release (Spark 3.5, Hive 3.1.3, Python 3.9/3.11), listed in
// AWS's "Application versions in Amazon EMR 7.x releases". Releases before
// 6.x are rejected: 5.x is out of standard support and EMR Serverless never
// ran it.
const DefaultReleaseLabel = "emr-7.12.0"

// Application types EMR Serverless runs. The notes also name Presto: EMR
// Serverless has no Presto runtime (see Props.Type).
const (
	Spark = "SPARK"
	Hive  = "HIVE"
)

// Architectures of the workers.
const (
	ARM64 = "ARM64"
	X8664 = "X86_64"
)

// Capacity is an amount of compute: whole vCPUs, memory and disk in GB.
type Capacity struct {
	VCpu     float64
	MemoryGB float64
	DiskGB   float64
}

// DefaultMaximumCapacity is the ceiling of all workers of the application
// at once when Props.MaximumCapacity is nil: 16 vCPU, 64 GB, 200 GB of disk,
// i.e. one 4-vCPU driver and three 4-vCPU executors — a small, bounded
// bill (at most about US$1.00 per hour on ARM64 in us-east-1).
var DefaultMaximumCapacity = Capacity{VCpu: 16, MemoryGB: 64, DiskGB: 200}

// Worker is one kind of pre-initialized worker (Props.InitialCapacity).
type Worker struct {
	// Role of the workers: "Driver" or "Executor" for SPARK, "HiveDriver"
	// or "TezTask" for HIVE.
	Role string
	// Count of workers kept warm (1 to 1000).
	Count float64
	// VCpu per worker: 1, 2, 4, 8 or 16.
	VCpu float64
	// MemoryGB per worker: from 2 GB per vCPU up to 8 GB (1 vCPU), 16 GB
	// (2), 30 GB (4), 60 GB (8) or 120 GB (16).
	MemoryGB float64
	// DiskGB per worker: 20 to 200.
	// @default 20
	DiskGB float64
}

// Location is a bucket and a key prefix in it ("" for the whole bucket).
type Location struct {
	Bucket awss3.IBucket
	Prefix string
}

// Props configures an Application. nil props create a Spark application
// on EMR DefaultReleaseLabel, ARM64, auto-start, auto-stop after 15 idle
// minutes, at most DefaultMaximumCapacity, without pre-initialized workers,
// outside any VPC, logging to an encrypted bucket and log group.
type Props struct {
	// Name of the application (1 to 64 letters, digits, _ . / # -).
	// @default none: EMR Serverless names it after its id
	Name string
	// ReleaseLabel: "emr-6.x.y" or "emr-7.x.y" (older releases are refused).
	// @default DefaultReleaseLabel
	ReleaseLabel string
	// Type: Spark or Hive. "PRESTO" is refused: EMR Serverless runs Spark
	// and Hive only (the notes are wrong there; run Presto/Trino on an EMR
	// cluster or use Athena).
	// @default Spark
	Type string
	// Architecture of the workers: ARM64 (Graviton, about 20 % cheaper) or
	// X8664.
	// @default ARM64
	Architecture string

	// IdleTimeoutMinutes stops the application after that many minutes
	// without jobs (1 to 10080). A stopped application costs nothing; the
	// next job starts it again (auto-start is always on).
	// @default 15
	IdleTimeoutMinutes *float64
	// MaximumCapacity bounds the workers of all running jobs together.
	// @default DefaultMaximumCapacity (16 vCPU, 64 GB, 200 GB)
	MaximumCapacity *Capacity
	// InitialCapacity keeps workers pre-initialized while the application
	// is started, so jobs start in seconds; they are billed while the
	// application runs (not while stopped). Their total must fit in
	// MaximumCapacity; each worker's memory must be at least the Spark
	// memory asked for it plus 10 % overhead (checked against SparkDefaults).
	// @default none
	InitialCapacity []Worker

	// Vpc lets jobs reach resources in a VPC (Redshift, RDS, ...). Jobs run
	// in VpcSubnets, which must be private: a public subnet is refused
	// (workers get no public address, so they would have no route out).
	// @default no VPC: jobs reach AWS services and the internet through EMR
	Vpc awsec2.IVpc
	// VpcSubnets selects private subnets of Vpc.
	// @default the private (with egress), else isolated, subnets of Vpc
	VpcSubnets *awsec2.SubnetSelection

	// GlueCatalog makes the Glue Data Catalog the Hive metastore of Spark
	// (spark-defaults) or Hive (hive-site).
	// @default true
	GlueCatalog *bool
	// AdaptiveSkewJoin turns on Spark adaptive query execution and its
	// skew-join handling (spark.sql.adaptive.enabled,
	// spark.sql.adaptive.skewJoin.enabled). SPARK only.
	// @default true
	AdaptiveSkewJoin *bool
	// SparkDefaults are further spark-defaults properties of every job
	// (a job's own --conf wins). SPARK only.
	SparkDefaults map[string]string

	// Scripts are where the job scripts are (read-only for the job role).
	Scripts []Location
	// ScriptAssets are scripts shipped as CDK assets (read-only).
	ScriptAssets []awss3assets.Asset
	// ReadLocations are data the jobs read.
	ReadLocations []Location
	// ReadWriteLocations are data the jobs read, write and delete (Spark
	// writes temporary objects and renames them).
	ReadWriteLocations []Location
	// GlueDatabases the jobs read and write tables of (and "default", which
	// Spark's catalog client looks up at start).
	GlueDatabases []string
	// DataKeys decrypt and encrypt data the buckets' own grants do not
	// cover (keys of imported buckets).
	DataKeys []awskms.IKey

	// LogBucket receives the job logs under LogPrefix; it must be
	// encrypted with a KMS key (its EncryptionKey is used for the logs).
	// @default a new SSE-KMS securebucket with EncryptionKey
	LogBucket awss3.IBucket
	// LogPrefix of the job logs in LogBucket.
	// @default "emr-serverless/"
	LogPrefix string
	// LogRetention of the CloudWatch log group of the driver and executors.
	// @default one year
	LogRetention awslogs.RetentionDays
	// EncryptionKey encrypts the log bucket, the log group and the
	// persistent application UI.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey

	// CreateAlarms sends a message to AlarmTopic when a job run fails
	// (EventBridge "EMR Serverless Job Run State Change", FAILED).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the messages; its key must let EventBridge use it.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
