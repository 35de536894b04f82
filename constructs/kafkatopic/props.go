package kafkatopic

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
)

// Cluster is what the topic needs of a cluster; mskcluster.Cluster and
// mskserverless.Cluster have these methods.
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
}

// Props configures a Topic. Cluster, Name and Partitions are required.
type Props struct {
	Cluster Cluster
	// Name of the topic: 1 to 249 of A-Z a-z 0-9 . _ -.
	Name string
	// Partitions: 1 to 10,000; raise it later, never lower it.
	Partitions float64
	// ReplicationFactor at creation.
	// @default the cluster's default.replication.factor
	ReplicationFactor *float64
	// Configs are the topic's settings ("retention.ms": "604800000",
	// "cleanup.policy": "compact", ...).
	// @default none: the cluster's defaults
	Configs map[string]string

	// EncryptionKey encrypts the function's and the provider's log groups.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of those log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
}
