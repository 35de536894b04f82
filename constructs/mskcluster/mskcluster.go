package mskcluster

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapplicationautoscaling"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/kafkaiam"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Cluster is an Amazon MSK provisioned cluster with its configuration,
// key, broker logs, network, storage auto-scaling and alarms.
type Cluster struct {
	constructs.Construct
	Cluster       awsmsk.CfnCluster
	Configuration awsmsk.CfnConfiguration
	// Name is the cluster's name (the "Cluster Name" metric dimension).
	Name string
	// Brokers is the number of broker nodes; Zones the number of zones.
	Brokers, Zones int
	Key            awskms.IKey
	LogGroup       awslogs.ILogGroup
	// ClientSubnets are the brokers' subnets, one per zone.
	ClientSubnets []awsec2.ISubnet
	SecurityGroup awsec2.ISecurityGroup
	// ScramSecrets are the SCRAM users' secrets by user name (empty
	// without ScramUsers); ScramSecretBatch associates them.
	ScramSecrets     map[string]awssecretsmanager.ISecret
	ScramSecretBatch awsmsk.CfnBatchScramSecret
	// ScalableTarget is the storage auto-scaling target; nil when
	// MaxVolumeSize equals VolumeSize.
	ScalableTarget awsapplicationautoscaling.ScalableTarget
	// AlarmTopic is notified by the alarms (nil without alarms);
	// AlarmTopicKey encrypts it when the construct created it.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// DiskUsedAlarms and UnderReplicatedAlarms hold one alarm per broker
	// (index 0 is broker 1); OfflinePartitionsAlarm and
	// ActiveControllerAlarm watch the cluster. Alarms lists them all.
	DiskUsedAlarms, UnderReplicatedAlarms         []awscloudwatch.IAlarm
	OfflinePartitionsAlarm, ActiveControllerAlarm awscloudwatch.IAlarm
	Alarms                                        []awscloudwatch.IAlarm

	vpc          awsec2.IVpc
	iam, scram   bool
	connections  awsec2.Connections
	bootstrap    *string
	logRetention awslogs.RetentionDays
}

// New creates the cluster. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *Cluster {
	p := Props{}
	if props != nil {
		p = *props
	}
	// Every problem is reported at once, after the network is known.
	pr := check(scope, id, &p)
	c := constructs.NewConstruct(scope, jsii.String(id))
	cl := &Cluster{Construct: c, iam: isTrue(p.Iam, true), scram: isTrue(p.Scram, false), logRetention: p.LogRetention}
	cl.Name = p.Name
	if cl.Name == "" {
		cl.Name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})
	}
	cl.Key = p.EncryptionKey
	if cl.Key == nil {
		cl.Key = keys.NewForLogs(c, "Key", "Encrypts the Amazon MSK cluster "+*c.Node().Path()+" (broker volumes, logs, SCRAM secrets)")
	} else {
		keys.AllowLogs(cl.Key)
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	newNetwork(c, cl, &p, retention)
	cl.Zones = len(cl.ClientSubnets)
	cl.Brokers = cl.Zones * int(orNumber(p.BrokersPerZone, 1))

	props2 := cl.defaults(c, &p, retention)
	if p.ClusterProps != nil {
		overlay(props2, p.ClusterProps)
	}
	checkCluster(pr, props2, cl.Zones)
	if n := props2.NumberOfBrokerNodes; n != nil {
		cl.Brokers = int(*n)
	}
	checkServerProperties(pr, serverProperties(&p, cl.Brokers))
	pr.Fail()

	cl.Configuration = newConfiguration(c, cl, &p)
	props2.ConfigurationInfo = &awsmsk.CfnCluster_ConfigurationInfoProperty{
		Arn:      cl.Configuration.AttrArn(),
		Revision: cl.Configuration.AttrLatestRevisionRevision(),
	}
	if p.ClusterProps != nil && p.ClusterProps.ConfigurationInfo != nil {
		props2.ConfigurationInfo = p.ClusterProps.ConfigurationInfo
	}
	cl.Cluster = awsmsk.NewCfnCluster(c, jsii.String("Cluster"), props2)
	// The topics are data: kept when the stack is deleted unless sandbox.
	cl.Cluster.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	cl.Cluster.Node().AddDependency(cl.LogGroup)

	port := PortIam
	if !cl.iam {
		port = PortScram
	}
	cl.connections = awsec2.NewConnections(&awsec2.ConnectionsProps{
		SecurityGroups: &[]awsec2.ISecurityGroup{cl.SecurityGroup},
		DefaultPort:    awsec2.Port_Tcp(jsii.Number(float64(port))),
	})
	newScram(c, cl, &p)
	newStorageScaling(c, cl, &p, volumeSize(props2, orNumber(p.VolumeSize, 100)))
	newAlarms(c, cl, &p)
	return cl
}

// volumeSize is the brokers' EBS volume size of the final properties
// (ClusterProps may set it), else d.
func volumeSize(cp *awsmsk.CfnClusterProps, d float64) float64 {
	if g, ok := cp.BrokerNodeGroupInfo.(*awsmsk.CfnCluster_BrokerNodeGroupInfoProperty); ok {
		if si, ok := g.StorageInfo.(*awsmsk.CfnCluster_StorageInfoProperty); ok {
			if ebs, ok := si.EbsStorageInfo.(*awsmsk.CfnCluster_EBSStorageInfoProperty); ok && ebs.VolumeSize != nil {
				return *ebs.VolumeSize
			}
		}
	}
	return d
}

// defaults are the construct's AWS::MSK::Cluster properties.
func (cl *Cluster) defaults(c constructs.Construct, p *Props, retention awslogs.RetentionDays) *awsmsk.CfnClusterProps {
	cl.LogGroup = awslogs.NewLogGroup(c, jsii.String("BrokerLogs"), &awslogs.LogGroupProps{
		EncryptionKey: cl.Key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	subnets := make([]*string, len(cl.ClientSubnets))
	for i, s := range cl.ClientSubnets {
		subnets[i] = s.SubnetId()
	}
	sasl := &awsmsk.CfnCluster_SaslProperty{}
	if cl.iam {
		sasl.Iam = &awsmsk.CfnCluster_IamProperty{Enabled: jsii.Bool(true)}
	}
	if cl.scram {
		sasl.Scram = &awsmsk.CfnCluster_ScramProperty{Enabled: jsii.Bool(true)}
	}
	out := &awsmsk.CfnClusterProps{
		ClusterName:         jsii.String(cl.Name),
		KafkaVersion:        jsii.String(orString(p.KafkaVersion, DefaultKafkaVersion)),
		NumberOfBrokerNodes: jsii.Number(float64(cl.Brokers)),
		BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
			InstanceType:   jsii.String(orString(p.InstanceType, DefaultInstanceType)),
			ClientSubnets:  &subnets,
			SecurityGroups: &[]*string{cl.SecurityGroup.SecurityGroupId()},
			StorageInfo: &awsmsk.CfnCluster_StorageInfoProperty{
				EbsStorageInfo: &awsmsk.CfnCluster_EBSStorageInfoProperty{VolumeSize: jsii.Number(orNumber(p.VolumeSize, 100))},
			},
			ConnectivityInfo: &awsmsk.CfnCluster_ConnectivityInfoProperty{
				PublicAccess: &awsmsk.CfnCluster_PublicAccessProperty{Type: jsii.String("DISABLED")},
			},
		},
		EncryptionInfo: &awsmsk.CfnCluster_EncryptionInfoProperty{
			EncryptionAtRest: &awsmsk.CfnCluster_EncryptionAtRestProperty{DataVolumeKmsKeyId: cl.Key.KeyArn()},
			EncryptionInTransit: &awsmsk.CfnCluster_EncryptionInTransitProperty{
				ClientBroker: jsii.String("TLS"),
				InCluster:    jsii.Bool(true),
			},
		},
		ClientAuthentication: &awsmsk.CfnCluster_ClientAuthenticationProperty{
			Sasl:            sasl,
			Unauthenticated: &awsmsk.CfnCluster_UnauthenticatedProperty{Enabled: jsii.Bool(false)},
		},
		EnhancedMonitoring: jsii.String(orString(p.EnhancedMonitoring, "PER_BROKER")),
		LoggingInfo: &awsmsk.CfnCluster_LoggingInfoProperty{
			BrokerLogs: &awsmsk.CfnCluster_BrokerLogsProperty{
				CloudWatchLogs: &awsmsk.CfnCluster_CloudWatchLogsProperty{Enabled: jsii.Bool(true), LogGroup: cl.LogGroup.LogGroupName()},
			},
		},
	}
	if isTrue(p.Prometheus, false) {
		out.OpenMonitoring = &awsmsk.CfnCluster_OpenMonitoringProperty{
			Prometheus: &awsmsk.CfnCluster_PrometheusProperty{
				JmxExporter:  &awsmsk.CfnCluster_JmxExporterProperty{EnabledInBroker: jsii.Bool(true)},
				NodeExporter: &awsmsk.CfnCluster_NodeExporterProperty{EnabledInBroker: jsii.Bool(true)},
			},
		}
	}
	return out
}

// ClusterArn is the cluster's ARN (a token).
func (cl *Cluster) ClusterArn() *string { return cl.Cluster.AttrArn() }

// ClusterName is the cluster's name (a literal).
func (cl *Cluster) ClusterName() *string { return jsii.String(cl.Name) }

// BootstrapBrokers is the brokers' SASL/IAM bootstrap string
// ("b-1.<name>...:9098,b-2...:9098"), or the SASL/SCRAM one (port 9096)
// when IAM is off, read at deployment with kafka:GetBootstrapBrokers (a
// token). The first call adds the custom resource "BootstrapBrokers".
func (cl *Cluster) BootstrapBrokers() *string {
	if cl.bootstrap == nil {
		field := kafkaiam.SaslIam
		if !cl.iam {
			field = kafkaiam.SaslScram
		}
		cl.bootstrap = kafkaiam.BootstrapBrokers(cl.Construct, "BootstrapBrokers", cl.ClusterArn(), field, cl.Key, cl.logRetention, cl.Cluster)
	}
	return cl.bootstrap
}

// Vpc is the brokers' VPC.
func (cl *Cluster) Vpc() awsec2.IVpc { return cl.vpc }

// Subnets selects the brokers' subnets (put clients there or in subnets
// routed to them).
func (cl *Cluster) Subnets() *awsec2.SubnetSelection {
	return &awsec2.SubnetSelection{Subnets: &cl.ClientSubnets}
}

// Connections is the brokers' security group; its default port is the
// first authentication's (9098 IAM, else 9096 SCRAM). Nothing may connect
// until allowed: cluster.Connections().AllowDefaultPortFrom(client, ...).
func (cl *Cluster) Connections() awsec2.Connections { return cl.connections }

// GrantConnect lets grantee connect to the cluster with IAM
// authentication and describe it.
func (cl *Cluster) GrantConnect(grantee awsiam.IGrantable) awsiam.Grant {
	return kafkaiam.GrantConnect(grantee, cl.ClusterArn())
}

// GrantProduce lets grantee write to topic (a name or a pattern with *),
// create and describe it.
func (cl *Cluster) GrantProduce(grantee awsiam.IGrantable, topic *string) awsiam.Grant {
	return kafkaiam.GrantProduce(grantee, cl.ClusterArn(), topic)
}

// GrantConsume lets grantee read topic as a member of the consumer group.
func (cl *Cluster) GrantConsume(grantee awsiam.IGrantable, topic *string, group *string) awsiam.Grant {
	return kafkaiam.GrantConsume(grantee, cl.ClusterArn(), topic, group)
}

// Metric is the AWS/Kafka metric name of this cluster; brokerID > 0 adds
// the "Broker ID" dimension (per-broker metrics), 0 leaves only
// "Cluster Name" (cluster metrics).
func (cl *Cluster) Metric(name string, brokerID int, opts *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	dims := map[string]*string{"Cluster Name": jsii.String(cl.Name)}
	if brokerID > 0 {
		dims["Broker ID"] = jsii.String(fmt.Sprint(brokerID))
	}
	mp := &awscloudwatch.MetricProps{Namespace: jsii.String("AWS/Kafka"), MetricName: jsii.String(name), DimensionsMap: &dims}
	if opts != nil {
		mp.Period, mp.Statistic, mp.Label = opts.Period, opts.Statistic, opts.Label
	}
	return awscloudwatch.NewMetric(mp)
}

func isTrue(v *bool, d bool) bool {
	if v == nil {
		return d
	}
	return *v
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orNumber(v *float64, d float64) float64 {
	if v != nil {
		return *v
	}
	return d
}
