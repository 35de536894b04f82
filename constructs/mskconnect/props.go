package mskconnect

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Cluster is the Kafka cluster the connector reads from: mskcluster.Cluster
// and mskserverless.Cluster have these methods. The connector reaches it
// with IAM authentication over TLS (port 9098).
type Cluster interface {
	ClusterArn() *string
	ClusterName() *string
	// BootstrapBrokers are the IAM-authenticated brokers ("b-1.x:9098,...").
	BootstrapBrokers() *string
	Vpc() awsec2.IVpc
	// Subnets are the cluster's client subnets.
	Subnets() *awsec2.SubnetSelection
	// Connections are the brokers' security group (default port 9098).
	Connections() awsec2.Connections
	GrantConnect(grantee awsiam.IGrantable) awsiam.Grant
	GrantProduce(grantee awsiam.IGrantable, topic *string) awsiam.Grant
	GrantConsume(grantee awsiam.IGrantable, topic *string, group *string) awsiam.Grant
}

// DefaultConnectorClass is Confluent's Amazon S3 sink connector
// (confluentinc-kafka-connect-s3, Confluent Community License).
const DefaultConnectorClass = "io.confluent.connect.s3.S3SinkConnector"

// DefaultKafkaConnectVersion is the newer of the two Kafka Connect versions
// MSK Connect runs (2.7.1 and 3.7.x).
const DefaultKafkaConnectVersion = "3.7.x"

// KafkaConnectVersions are the versions MSK Connect offers.
var KafkaConnectVersions = []string{"2.7.1", "3.7.x"}

// McuCounts are the MSK Connect units (1 vCPU, 4 GiB each) a worker may have.
var McuCounts = []float64{1, 2, 4, 8}

// Format is the file format the sink writes.
type Format string

const (
	// JSON writes one JSON document per record (io.confluent.connect.s3.format.json.JsonFormat). The default.
	JSON Format = "JSON"
	// Parquet writes Parquet files (io.confluent.connect.s3.format.parquet.ParquetFormat);
	// records need a schema (the JSON converter then expects schemas).
	Parquet Format = "PARQUET"
)

// Capacity is the connector's workers. AutoScaling (the default) or
// Provisioned, not both.
type Capacity struct {
	// MinWorkers and MaxWorkers bound auto scaling, 1 to 10.
	// @default 1 and 2
	MinWorkers, MaxWorkers *float64
	// McuCount per worker: 1, 2, 4 or 8 MSK Connect units.
	// @default 1
	McuCount *float64
	// ScaleInPercent and ScaleOutPercent are the CPU utilizations (1-100)
	// below which a worker is removed and above which one is added.
	// @default 20 and 80
	ScaleInPercent, ScaleOutPercent *float64
	// ProvisionedWorkers turns auto scaling off: this many workers (1-10)
	// run all the time. Not with MinWorkers, MaxWorkers, ScaleInPercent or
	// ScaleOutPercent.
	ProvisionedWorkers *float64
}

// Props configures a Connector. Cluster, Topic and one plugin source
// (PluginPath or PluginBucket with PluginKey) are required.
type Props struct {
	// Cluster the connector reads from. Required.
	Cluster Cluster
	// Topic is the Kafka topic sunk to S3. Required.
	Topic string
	// Name of the connector (and of its plugin and worker configuration);
	// its consumer group is connect-<Name>.
	// @default derived from the construct's unique path
	Name string

	// PluginPath is a local .zip or .jar of the connector (e.g. Confluent's
	// confluentinc-kafka-connect-s3-<version>.zip), uploaded as a CDK asset.
	PluginPath string
	// PluginBucket and PluginKey name an existing S3 object holding the
	// plugin (.zip or .jar); PluginObjectVersion pins its version.
	PluginBucket        awss3.IBucket
	PluginKey           string
	PluginObjectVersion string

	// ConnectorClass of the plugin; its configuration keys must be those of
	// Confluent's S3 sink (Aiven's connector uses other keys).
	// @default DefaultConnectorClass
	ConnectorClass string
	// KafkaConnectVersion: one of KafkaConnectVersions.
	// @default DefaultKafkaConnectVersion
	KafkaConnectVersion string
	// TasksMax is the connector's tasks.max (at most the topic's partitions are busy).
	// @default 2
	TasksMax *float64

	// Bucket is an existing destination bucket. It must not deny writes
	// that carry no x-amz-server-side-encryption header (the connector sends
	// none: the bucket's default encryption applies). BucketKey is its KMS
	// key when the bucket is imported (a bucket of this app brings its own).
	// @default a new securebucket (DSSE-KMS with EncryptionKey)
	Bucket    awss3.IBucket
	BucketKey awskms.IKey
	// Prefix is the topics.dir the connector writes under: objects are
	// <Prefix>/<topic>/year=YYYY/month=MM/day=dd/hour=HH/<topic>+<partition>+<offset>.<ext>.
	// @default "kafka"
	Prefix string
	// Format of the objects.
	// @default JSON
	Format Format
	// FlushSize is the number of records per object (flush.size).
	// @default 1000
	FlushSize *float64
	// RotateInterval closes an object after this span of record time
	// (rotate.interval.ms), so a quiet topic still produces files.
	// @default 10 minutes
	RotateInterval awscdk.Duration
	// Locale and Timezone of the hourly TimeBasedPartitioner.
	// @default "en-US" and "UTC"
	Locale, Timezone string
	// ConnectorConfiguration adds keys to the connector configuration
	// (errors.tolerance, transforms, ...). Keys the construct owns
	// (OwnedConnectorKeys) are rejected: use the typed props.
	ConnectorConfiguration map[string]string

	// WorkerProperties override the worker configuration's defaults
	// (DefaultWorkerProperties) or add keys.
	WorkerProperties map[string]string

	// Capacity of the connector.
	// @default auto scaling, 1 to 2 workers of 1 MCU, scale in below 20 % CPU, out above 80 %
	Capacity *Capacity

	// AuthenticationType to the cluster: IAM (the only one allowed; NONE is rejected).
	// @default IAM
	AuthenticationType string
	// EncryptionInTransit to the cluster: TLS (PLAINTEXT is rejected).
	// @default TLS
	EncryptionInTransit string

	// VpcSubnets are the subnets of the cluster's VPC the workers run in.
	// They must reach S3 (gateway endpoint or NAT).
	// @default the cluster's client subnets
	VpcSubnets *awsec2.SubnetSelection
	// S3PrefixListId restricts the workers' HTTPS egress to the S3 prefix
	// list of the region (pl-...), instead of any IPv4 address.
	// @default HTTPS to any IPv4 address (S3 through an endpoint or NAT)
	S3PrefixListId string

	// EncryptionKey encrypts the log group and the new bucket.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// LogRetention of the worker log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}
