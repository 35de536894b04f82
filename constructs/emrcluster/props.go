package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// DefaultReleaseLabel is the EMR release of a new cluster: the newest
// Amazon EMR 7.x release (7.13.0, released 2026-04-21, standard support
// until 2028-04-21; Spark 3.5, Hive 3.1, Amazon Linux 2023).
const DefaultReleaseLabel = "emr-7.13.0"

// DefaultApplications are installed unless Props.Applications says otherwise.
var DefaultApplications = []string{"Spark", "Hive"}

// DefaultInstanceTypes are the Graviton types of every fleet (same size,
// so each counts as one unit): EMR picks the type with capacity (On-Demand)
// or the price-capacity-optimized pool (Spot).
var DefaultInstanceTypes = []string{"m7g.xlarge", "m6g.xlarge"}

// DefaultIdleTimeoutSeconds is how long a long-running cluster may stay
// idle before EMR terminates it (AutoTerminationPolicy.IdleTimeout).
const DefaultIdleTimeoutSeconds = 3600

// GlueMetastoreFactory is the Hive client factory that makes the Glue Data
// Catalog the metastore of Hive and Spark SQL (ETL-16).
const GlueMetastoreFactory = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"

// Mode is how long the cluster lives.
type Mode string

const (
	// LongRunning keeps the cluster up between steps; EMR terminates it
	// after IdleTimeout without work (AutoTerminationPolicy).
	LongRunning Mode = "LONG_RUNNING"
	// Transient runs Steps and terminates when the last one ends
	// (KeepJobFlowAliveWhenNoSteps false). Needs Steps.
	Transient Mode = "TRANSIENT"
)

// Step is one step of the cluster (run in order at creation).
type Step struct {
	// Name of the step, shown in the console and in step events.
	Name string
	// Jar to run; "command-runner.jar" runs Args as a command (spark-submit,
	// hive-script, ...). @default "command-runner.jar"
	Jar string
	// Args of the jar, e.g. spark-submit --deploy-mode cluster s3://bucket/job.py.
	Args []string
	// MainClass of Jar when its manifest names none.
	MainClass string
	// ActionOnFailure: TERMINATE_CLUSTER, CANCEL_AND_WAIT or CONTINUE.
	// @default TERMINATE_CLUSTER for Transient, CONTINUE for LongRunning
	ActionOnFailure string
}

// Access is a bucket (or a prefix of it) the cluster reads or writes.
type Access struct {
	Bucket awss3.IBucket
	// Prefix limits the grant to keys under it ("raw/orders/").
	// @default the whole bucket
	Prefix string
	// Write also grants writes and deletes (Spark replaces output files).
	// @default false (read only)
	Write bool
}

// Scaling is the managed scaling policy (ETL-13) in instance fleet units:
// every default instance type counts as one unit. The primary node is not
// counted.
type Scaling struct {
	// Minimum units the cluster keeps (core and task). @default CoreCapacity
	Minimum *float64
	// Maximum units EMR may scale to. @default 10
	Maximum *float64
	// MaximumOnDemand: units beyond it are Spot. @default CoreCapacity
	MaximumOnDemand *float64
	// MaximumCore: units beyond it are task nodes (no HDFS, safe to
	// remove). @default CoreCapacity
	MaximumCore *float64
}

// Configuration is one EMR configuration classification.
type Configuration struct {
	Classification string
	Properties     map[string]string
	Configurations []Configuration
}

// Props configures a Cluster. nil props create a long-running cluster
// (1 hour idle timeout) of emr-7.13.0 with Spark and Hive on Graviton
// instance fleets, in a new private VPC, encrypted at rest and in transit.
type Props struct {
	// Name of the cluster. @default derived from the construct's unique path
	Name string
	// Mode: LongRunning or Transient. @default LongRunning
	Mode Mode
	// IdleTimeout of a LongRunning cluster: 1 minute to 7 days, whole
	// seconds. Not with Transient. @default 1 hour
	IdleTimeout awscdk.Duration
	// Steps run in order when the cluster starts; required with Transient.
	Steps []Step
	// StepConcurrencyLevel: steps running at once (1 to 256; 1 with
	// Transient, whose steps run in order). @default 1
	StepConcurrencyLevel *float64

	// ReleaseLabel: emr-6.x.y or emr-7.x.y (older releases are out of
	// support). @default DefaultReleaseLabel
	ReleaseLabel string
	// Applications to install (Spark, Hive, Livy, JupyterEnterpriseGateway,
	// Trino, ...). @default DefaultApplications (Spark, Hive)
	Applications []string

	// PrimaryInstanceTypes, CoreInstanceTypes, TaskInstanceTypes: up to 5
	// instance types per fleet (30 for the task fleet), each one unit.
	// @default DefaultInstanceTypes
	PrimaryInstanceTypes, CoreInstanceTypes, TaskInstanceTypes []string
	// CoreCapacity: units of the core fleet (HDFS, On-Demand). @default 2
	CoreCapacity *float64
	// TaskCapacity: units of the task fleet at start (Spot). 0 leaves out
	// the task fleet (managed scaling then grows core only). @default 2
	TaskCapacity *float64
	// TaskOnDemand runs the task fleet On-Demand instead of Spot.
	// @default false
	TaskOnDemand *bool
	// CoreSpot runs the core fleet on Spot: a reclaimed core node loses
	// its HDFS blocks and can fail the cluster. Needs AllowSpotCore.
	// @default false
	CoreSpot *bool
	// AllowSpotCore confirms CoreSpot.
	AllowSpotCore *bool
	// Scaling is the managed scaling policy (ETL-13).
	// @default on: Minimum = CoreCapacity, Maximum 10, MaximumOnDemand and
	// MaximumCore = CoreCapacity (growth is Spot task nodes)
	Scaling *Scaling
	// DisableScaling turns managed scaling off (not with Scaling).
	DisableScaling *bool

	// GlueCatalog makes the Glue Data Catalog the Hive and Spark SQL
	// metastore (ETL-16). @default true
	GlueCatalog *bool
	// GlueDatabases the cluster may read and write (tables, partitions);
	// the database "default" is always readable (Hive checks it at start).
	GlueDatabases []string
	// SparkDefaults are merged over the spark-defaults classification
	// (spark.sql.adaptive.enabled and spark.sql.adaptive.skewJoin.enabled
	// "true", ETL-23).
	SparkDefaults map[string]string
	// Configurations are merged with the construct's classifications
	// (properties of a classification the construct sets win over its
	// defaults; other classifications are added).
	Configurations []Configuration

	// Data are the buckets and prefixes the cluster reads and writes.
	Data []Access
	// Scripts are assets the steps run (spark-submit s3://...): read only.
	Scripts []awss3assets.Asset

	// EncryptionKey encrypts S3 output (SSE-KMS through EMRFS), local disks
	// and EBS volumes (root included), the log bucket and the logs.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// CertificatesS3Url is your own PEM bundle for in-transit encryption
	// ("s3://bucket/key.zip" holding privateKey.pem, certificateChain.pem,
	// trustedCertificates.pem); CertificatesBucket grants the read.
	// @default a bundle generated at deployment (constructs/emrcerts) in
	// the log bucket under emr-tls/
	CertificatesS3Url  string
	CertificatesBucket awss3.IBucket
	// SecurityConfiguration replaces the construct's security configuration
	// JSON (a map as CloudFormation takes it). It must keep at-rest
	// encryption (SSE-KMS or CSE-KMS for S3, local disks with EBS
	// encryption), in-transit encryption and IMDSv2.
	SecurityConfiguration map[string]any

	// CustomAmiId is an Amazon Linux 2023 AMI of your own (SEC-05). Not
	// needed for an encrypted root volume: the security configuration's
	// EBS encryption covers it.
	CustomAmiId string
	// EbsRootVolumeSize in GiB (15 to 100). @default EMR's (15 GiB)
	EbsRootVolumeSize *float64

	// LogBucket receives the cluster logs under LogPrefix; it must be
	// encrypted with a KMS key (SSE-KMS), its own (EncryptionKey() of a
	// bucket of this app) or LogBucketKey.
	// @default a new securebucket, SSE-KMS with EncryptionKey
	LogBucket awss3.IBucket
	// LogBucketKey is the KMS key of an imported LogBucket.
	LogBucketKey awskms.IKey
	// LogPrefix of the logs in LogBucket. @default "emr-logs/"
	LogPrefix string

	// Vpc is an existing VPC; VpcSubnets must select private subnets only
	// (no route to an internet gateway), tagged
	// for-use-with-amazon-emr-managed-policies=true, which reach S3, EMR,
	// Glue, KMS and STS (endpoints or NAT).
	// @default a new VPC: isolated subnets in two zones, Endpoints, flow logs
	Vpc awsec2.IVpc
	// VpcSubnets selects the cluster's subnets in Vpc (EMR picks one).
	// @default the private subnets of Vpc
	VpcSubnets *awsec2.SubnetSelection
	// ExtraEndpoints the steps need in the new VPC besides Endpoints
	// (DYNAMODB is a gateway: use ExtraGatewayDynamoDB). Not with Vpc.
	ExtraEndpoints []awsec2.InterfaceVpcEndpointAwsService
	// ExtraGatewayDynamoDB adds the free DynamoDB gateway endpoint to the
	// new VPC (ETL-21's Hive over DynamoDB). Not with Vpc.
	ExtraGatewayDynamoDB *bool

	// Ec2KeyName lets people SSH to the primary node with this key pair.
	// @default none (steps and the EMR API only)
	Ec2KeyName string

	// CreateAlarms: failed applications, and EventBridge notices of a
	// cluster that ends with errors and of failed steps. @default true
	CreateAlarms *bool
	// AlarmTopic receives them. @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
