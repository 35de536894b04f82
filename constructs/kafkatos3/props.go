package kafkatos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Cluster is an MSK cluster (provisioned or serverless) with IAM access
// control: mskcluster.Cluster and mskserverless.Cluster satisfy it.
type Cluster interface {
	ClusterArn() *string
	ClusterName() *string
	// BootstrapBrokers is the IAM bootstrap string ("b-1.x:9098,...").
	BootstrapBrokers() *string
	Vpc() awsec2.IVpc
	// Subnets are the cluster's client subnets.
	Subnets() *awsec2.SubnetSelection
	// Connections is the brokers' security group; default port 9098.
	Connections() awsec2.Connections
	GrantConnect(grantee awsiam.IGrantable) awsiam.Grant
	GrantProduce(grantee awsiam.IGrantable, topic *string) awsiam.Grant
	GrantConsume(grantee awsiam.IGrantable, topic *string, group *string) awsiam.Grant
}

// StartOffset is where a consumer group without committed offsets starts.
type StartOffset string

const (
	// Earliest reads from the oldest record the topic keeps (the default).
	Earliest StartOffset = "earliest"
	// Latest reads only records written after the group first joined.
	Latest StartOffset = "latest"
)

// Props configures a KafkaToS3. Cluster and Topic are required; every nil
// field means the default written next to it.
type Props struct {
	// Cluster is the MSK cluster to read (IAM authentication, TLS).
	Cluster Cluster
	// Topic is the topic to read (1 to 249 characters of [a-zA-Z0-9._-]).
	Topic *string
	// ConsumerGroup is the group id the tasks share; the offsets are
	// committed under it.
	// @default a name unique to this construct
	ConsumerGroup *string
	// StartOffset for a group without committed offsets.
	// @default Earliest
	StartOffset StartOffset

	// ExistingBucket receives the objects instead of a new secure bucket
	// (import it with its EncryptionKey so that the tasks may encrypt).
	ExistingBucket awss3.IBucket
	// BucketProps configure the new securebucket (not with ExistingBucket).
	BucketProps *securebucket.Props
	// Prefix of every object key, without slashes at its ends.
	// @default "data"
	Prefix *string
	// BufferInterval: a partition's records are written after at most this
	// long (1 s to 15 min).
	// @default 5 seconds
	BufferInterval awscdk.Duration
	// BufferSize: a partition's records are written when they reach this
	// size (1 KiB to 64 MiB).
	// @default 5 MiB
	BufferSize awscdk.Size

	// DesiredCount of consumer tasks (1 to 100; more tasks than partitions
	// stand by).
	// @default 1
	DesiredCount *float64
	// Cpu units and MemoryMiB of a task (a Fargate size).
	// @default 256 and 512
	Cpu       *float64
	MemoryMiB *float64
	// EcsCluster runs the service instead of a new ECS cluster (in the MSK
	// cluster's VPC).
	EcsCluster awsecs.ICluster
	// Subnets of the tasks: private subnets of the MSK cluster's VPC with a
	// route to S3, ECR and CloudWatch Logs (NAT or endpoints).
	// @default the VPC's private subnets with egress
	Subnets *awsec2.SubnetSelection
	// Image replaces the consumer image built from apps/kafkatos3.
	Image awsecs.ContainerImage

	// EncryptionKey encrypts the log group (its policy must let
	// logs.<region>.amazonaws.com use it, see keys.AllowLogs).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// LogRetention of the consumer's log group (finite).
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms adds the running-task and offset-lag alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
	// MaxOffsetLag is the OffsetLag (records not yet in S3 behind the
	// partitions' ends, summed over the tasks) that raises the lag alarm
	// after 5 minutes.
	// @default 100000
	MaxOffsetLag *float64
}
