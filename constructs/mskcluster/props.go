package mskcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// DefaultKafkaVersion is the Apache Kafka version of a new cluster: 4.1 in
// KRaft mode (no ZooKeeper), the newest version Amazon MSK offers on
// Standard brokers in late 2026 (4.2.x.kraft runs on Express brokers only).
const DefaultKafkaVersion = "4.1.x.kraft"

// DefaultInstanceType is a Graviton broker with 2 vCPU and 8 GiB.
const DefaultInstanceType = "kafka.m7g.large"

// Ports of the brokers by client authentication (TLS on every one).
const (
	PortIam   = 9098
	PortScram = 9096
	PortTls   = 9094
)

// EnhancedMonitoringLevels are the CloudWatch monitoring levels of MSK.
var EnhancedMonitoringLevels = []string{"DEFAULT", "PER_BROKER", "PER_TOPIC_PER_BROKER", "PER_TOPIC_PER_PARTITION"}

// Props configures a Cluster. nil props create a three-zone cluster of
// kafka.m7g.large brokers in a new isolated VPC, IAM authentication, TLS
// everywhere, a customer managed key, broker logs and alarms.
type Props struct {
	// Name of the cluster (and of its configuration): 1 to 64 letters,
	// digits and hyphens, starting with a letter.
	// @default derived from the construct's unique path
	Name string
	// KafkaVersion of the brokers, as Amazon MSK names it ("4.1.x.kraft",
	// "3.9.x.kraft", "3.8.x").
	// @default DefaultKafkaVersion
	KafkaVersion string
	// InstanceType of the brokers (kafka.m7g.large, kafka.m5.large, ...).
	// @default DefaultInstanceType
	InstanceType string
	// BrokersPerZone is the number of brokers in each zone (1 to 10; more
	// can be added later, never removed).
	// @default 1
	BrokersPerZone *float64

	// VolumeSize is each broker's EBS volume in GiB (1 to 16384).
	// @default 100
	VolumeSize *float64
	// MaxVolumeSize bounds storage auto-scaling (Application Auto Scaling
	// tracks KafkaBrokerStorageUtilization at StorageTargetUtilization and
	// grows the volumes, never shrinks them). Equal to VolumeSize turns
	// auto-scaling off.
	// @default 1000
	MaxVolumeSize *float64
	// StorageTargetUtilization is the disk use (percent, 10 to 80) the
	// storage auto-scaling keeps.
	// @default 60
	StorageTargetUtilization *float64

	// Iam enables IAM access control (SASL/IAM, port 9098).
	// @default true
	Iam *bool
	// Scram enables SASL/SCRAM (port 9096) with users in Secrets Manager.
	// @default false
	Scram *bool
	// ScramUsers are SCRAM users to create: one secret
	// AmazonMSK_<cluster name>_<user> each (username and a generated
	// password, encrypted with EncryptionKey), associated with the cluster.
	// Only with Scram.
	ScramUsers []string

	// EnhancedMonitoring is one of EnhancedMonitoringLevels.
	// @default PER_BROKER
	EnhancedMonitoring string
	// Prometheus turns on open monitoring with the JMX and Node exporters
	// (ports 11001 and 11002 on every broker).
	// @default false
	Prometheus *bool

	// MessageMaxBytes is the largest record batch the brokers accept
	// (message.max.bytes; Kafka's default is 1 MiB); replica.fetch.max.bytes
	// is set to match unless ServerProperties gives it.
	// @default Kafka's 1048588
	MessageMaxBytes *float64
	// ServerProperties are more broker settings of the configuration
	// ("log.retention.hours": "168"); they win over the defaults
	// auto.create.topics.enable=false, default.replication.factor=3 and
	// min.insync.replicas=2 (2 and 1 on a two-broker cluster).
	ServerProperties map[string]string

	// Vpc is an existing VPC; the brokers go into one subnet per zone of
	// VpcSubnets (two or three zones).
	// @default a new VPC: three isolated subnets in three zones, flow logs
	Vpc awsec2.IVpc
	// VpcSubnets selects the brokers' subnets in Vpc.
	// @default the private subnets of Vpc, one per zone
	VpcSubnets *awsec2.SubnetSelection

	// EncryptionKey encrypts the volumes, the logs and the SCRAM secrets.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// LogRetention of the broker log group (and flow logs of a new VPC).
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the disk, under-replicated partition, offline
	// partition and controller alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic is notified on ALARM and OK.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
	// DiskUsedPercent is the KafkaDataLogsDiskUsed threshold per broker.
	// @default 85
	DiskUsedPercent *float64
	// UnderReplicatedMinutes is how many consecutive minutes a broker may
	// report under-replicated partitions before the alarm.
	// @default 5
	UnderReplicatedMinutes *float64

	// ClusterProps overrides the AWS::MSK::Cluster properties: fields set
	// here win over the construct's (nested structs field by field), then
	// the result is checked (TLS, in-cluster encryption, no public access,
	// authentication, brokers a multiple of the zones, volume sizes).
	ClusterProps *awsmsk.CfnClusterProps
}
