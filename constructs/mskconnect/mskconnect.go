package mskconnect

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskafkaconnect"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Connector is an MSK Connect S3 sink: a custom plugin, a worker
// configuration, the connector, its security group, service execution role,
// log group and (by default) its destination bucket.
type Connector struct {
	constructs.Construct
	Connector           awskafkaconnect.CfnConnector
	Plugin              awskafkaconnect.CfnCustomPlugin
	WorkerConfiguration awskafkaconnect.CfnWorkerConfiguration
	// PluginAsset is the uploaded PluginPath; nil with PluginBucket.
	PluginAsset awss3assets.Asset
	// Name is the connector's name; ConsumerGroup its Kafka consumer group
	// (connect-<Name>); Topic the topic it reads.
	Name, ConsumerGroup, Topic string
	// Bucket receives the objects under Prefix.
	Bucket awss3.IBucket
	Prefix string
	// SecureBucket is the new destination; nil with Props.Bucket.
	SecureBucket *securebucket.SecureBucket
	// Role is the service execution role.
	Role          awsiam.IRole
	SecurityGroup awsec2.ISecurityGroup
	LogGroup      awslogs.ILogGroup
	Key           awskms.IKey
	// ConnectorConfiguration and WorkerProperties are what was rendered
	// (values may be tokens).
	ConnectorConfiguration map[string]*string
	WorkerProperties       map[string]string
}

// New creates the connector. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Connector {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	k := &Connector{Construct: c, Topic: p.Topic, Prefix: orString(p.Prefix, "kafka")}
	k.Name = p.Name
	if k.Name == "" {
		k.Name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(100), Separator: jsii.String("-")})
	}
	k.ConsumerGroup = "connect-" + k.Name

	k.Key = p.EncryptionKey
	if k.Key == nil {
		k.Key = keys.NewForLogs(c, "Key", "Encrypts the MSK Connect connector "+*c.Node().Path()+" (worker logs, destination bucket)")
	} else {
		keys.AllowLogs(k.Key)
	}
	k.Bucket = p.Bucket
	if k.Bucket == nil {
		k.SecureBucket = securebucket.New(c, "Bucket", &securebucket.Props{EncryptionKey: k.Key})
		k.Bucket = k.SecureBucket.Bucket
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	k.LogGroup = awslogs.NewLogGroup(c, jsii.String("WorkerLogs"), &awslogs.LogGroupProps{
		EncryptionKey: k.Key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})

	k.Plugin = newPlugin(c, k, &p)
	k.WorkerProperties = workerProperties(&p)
	k.WorkerConfiguration = awskafkaconnect.NewCfnWorkerConfiguration(c, jsii.String("WorkerConfiguration"), &awskafkaconnect.CfnWorkerConfigurationProps{
		Name:                  jsii.String(k.Name),
		Description:           jsii.String("Workers of the S3 sink " + *c.Node().Path()),
		PropertiesFileContent: jsii.String(base64Of(PropertiesFile(k.WorkerProperties))),
	})

	k.SecurityGroup = newSecurityGroup(c, &p)
	k.Role = newRole(c, k, &p)
	k.ConnectorConfiguration = connectorConfiguration(&p, k.Bucket.BucketName(), stack.Region())

	subnets := p.Cluster.Subnets()
	if p.VpcSubnets != nil {
		subnets = p.VpcSubnets
	}
	subnetIDs := p.Cluster.Vpc().SelectSubnets(subnets).SubnetIds
	k.Connector = awskafkaconnect.NewCfnConnector(c, jsii.String("Connector"), &awskafkaconnect.CfnConnectorProps{
		ConnectorName:          jsii.String(k.Name),
		ConnectorDescription:   jsii.String(fmt.Sprintf("S3 sink of topic %s into s3://<bucket>/%s (%s)", p.Topic, k.Prefix, *c.Node().Path())),
		KafkaConnectVersion:    jsii.String(orString(p.KafkaConnectVersion, DefaultKafkaConnectVersion)),
		Capacity:               capacity(p.Capacity),
		ConnectorConfiguration: &k.ConnectorConfiguration,
		KafkaCluster: &awskafkaconnect.CfnConnector_KafkaClusterProperty{
			ApacheKafkaCluster: &awskafkaconnect.CfnConnector_ApacheKafkaClusterProperty{
				BootstrapServers: p.Cluster.BootstrapBrokers(),
				Vpc: &awskafkaconnect.CfnConnector_VpcProperty{
					Subnets:        subnetIDs,
					SecurityGroups: &[]*string{k.SecurityGroup.SecurityGroupId()},
				},
			},
		},
		KafkaClusterClientAuthentication: &awskafkaconnect.CfnConnector_KafkaClusterClientAuthenticationProperty{AuthenticationType: jsii.String("IAM")},
		KafkaClusterEncryptionInTransit:  &awskafkaconnect.CfnConnector_KafkaClusterEncryptionInTransitProperty{EncryptionType: jsii.String("TLS")},
		Plugins: &[]*awskafkaconnect.CfnConnector_PluginProperty{{
			CustomPlugin: &awskafkaconnect.CfnConnector_CustomPluginProperty{
				CustomPluginArn: k.Plugin.AttrCustomPluginArn(),
				Revision:        k.Plugin.AttrRevision(),
			},
		}},
		WorkerConfiguration: &awskafkaconnect.CfnConnector_WorkerConfigurationProperty{
			WorkerConfigurationArn: k.WorkerConfiguration.AttrWorkerConfigurationArn(),
			Revision:               k.WorkerConfiguration.AttrRevision(),
		},
		LogDelivery: &awskafkaconnect.CfnConnector_LogDeliveryProperty{
			WorkerLogDelivery: &awskafkaconnect.CfnConnector_WorkerLogDeliveryProperty{
				CloudWatchLogs: &awskafkaconnect.CfnConnector_CloudWatchLogsLogDeliveryProperty{
					Enabled: jsii.Bool(true), LogGroup: k.LogGroup.LogGroupName(),
				},
			},
		},
		ServiceExecutionRoleArn: k.Role.RoleArn(),
	})
	// The role's policy must exist before the connector starts reading.
	k.Connector.Node().AddDependency(k.Role)
	return k
}

func newPlugin(c constructs.Construct, k *Connector, p *Props) awskafkaconnect.CfnCustomPlugin {
	loc := &awskafkaconnect.CfnCustomPlugin_S3LocationProperty{}
	var typ string
	if p.PluginPath != "" {
		k.PluginAsset = awss3assets.NewAsset(c, jsii.String("PluginFile"), &awss3assets.AssetProps{Path: jsii.String(p.PluginPath)})
		loc.BucketArn = k.PluginAsset.Bucket().BucketArn()
		loc.FileKey = k.PluginAsset.S3ObjectKey()
		typ = contentType(p.PluginPath)
	} else {
		loc.BucketArn = p.PluginBucket.BucketArn()
		loc.FileKey = jsii.String(p.PluginKey)
		if p.PluginObjectVersion != "" {
			loc.ObjectVersion = jsii.String(p.PluginObjectVersion)
		}
		typ = contentType(p.PluginKey)
	}
	return awskafkaconnect.NewCfnCustomPlugin(c, jsii.String("Plugin"), &awskafkaconnect.CfnCustomPluginProps{
		Name:        jsii.String(k.Name),
		Description: jsii.String("Connector plugin of " + *c.Node().Path()),
		ContentType: jsii.String(typ),
		Location:    &awskafkaconnect.CfnCustomPlugin_CustomPluginLocationProperty{S3Location: loc},
	})
}

func capacity(c *Capacity) *awskafkaconnect.CfnConnector_CapacityProperty {
	if c == nil {
		c = &Capacity{}
	}
	mcu := jsii.Number(orF(c.McuCount, 1))
	if c.ProvisionedWorkers != nil {
		return &awskafkaconnect.CfnConnector_CapacityProperty{
			ProvisionedCapacity: &awskafkaconnect.CfnConnector_ProvisionedCapacityProperty{McuCount: mcu, WorkerCount: c.ProvisionedWorkers},
		}
	}
	return &awskafkaconnect.CfnConnector_CapacityProperty{
		AutoScaling: &awskafkaconnect.CfnConnector_AutoScalingProperty{
			MinWorkerCount: jsii.Number(orF(c.MinWorkers, 1)),
			MaxWorkerCount: jsii.Number(orF(c.MaxWorkers, 2)),
			McuCount:       mcu,
			ScaleInPolicy:  &awskafkaconnect.CfnConnector_ScaleInPolicyProperty{CpuUtilizationPercentage: jsii.Number(orF(c.ScaleInPercent, 20))},
			ScaleOutPolicy: &awskafkaconnect.CfnConnector_ScaleOutPolicyProperty{CpuUtilizationPercentage: jsii.Number(orF(c.ScaleOutPercent, 80))},
		},
	}
}

// trySelect returns the subnet ids sel selects in the cluster's VPC, or the
// CDK's error.
func trySelect(cl Cluster, sel *awsec2.SubnetSelection) (ids []*string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return *cl.Vpc().SelectSubnets(sel).SubnetIds, nil
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
