package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	mskclusterDefaultsStack    = "MskDefaults"
	mskclusterOptionsStack     = "MskOptions"
	mskclusterScramStack       = "MskScramOnly"
	mskserverlessDefaultsStack = "MskServerlessDefaults"
	mskserverlessVpcStack      = "MskServerlessVpc"
)

var mskclusterBuilt struct {
	defaults, options, scram  *mskcluster.Cluster
	serverless, serverlessVpc *mskserverless.Cluster
	bootstrap, scramBootstrap *string
}

// mskclusterClientGroup is a client's security group in vpc.
func mskclusterClientGroup(scope constructs.Construct, vpc awsec2.IVpc) awsec2.SecurityGroup {
	return awsec2.NewSecurityGroup(scope, jsii.String("Clients"), &awsec2.SecurityGroupProps{Vpc: vpc, AllowAllOutbound: jsii.Bool(false), Description: jsii.String("Kafka clients")})
}

// mskclusterClient is a Lambda-assumed role standing for a Kafka client.
func mskclusterClient(scope constructs.Construct, id string) awsiam.Role {
	return awsiam.NewRole(scope, jsii.String(id), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
}

var mskclusterConfigs = testkit.Register("mskcluster", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(mskclusterDefaultsStack), nil)
	mskclusterBuilt.defaults = mskcluster.New(s1, "Kafka", nil)
	producer := mskclusterClient(s1, "Producer")
	consumer := mskclusterClient(s1, "Consumer")
	mskclusterBuilt.defaults.GrantProduce(producer, jsii.String("weblogs"))
	mskclusterBuilt.defaults.GrantConsume(consumer, jsii.String("weblogs"), jsii.String("s3-sink"))
	mskclusterBuilt.bootstrap = mskclusterBuilt.defaults.BootstrapBrokers()
	awscdk.NewCfnOutput(s1, jsii.String("Bootstrap"), &awscdk.CfnOutputProps{Value: mskclusterBuilt.bootstrap})

	// An existing VPC (two zones in an environment-agnostic stack), both
	// IAM and SCRAM, every option.
	s2 := awscdk.NewStack(app, jsii.String(mskclusterOptionsStack), nil)
	vpc := analyticsVpc(s2, 3)
	mskclusterBuilt.options = mskcluster.New(s2, "Kafka", &mskcluster.Props{
		Name: "weblogs-kafka", KafkaVersion: "3.9.x.kraft", InstanceType: "kafka.m7g.xlarge",
		BrokersPerZone: jsii.Number(2), VolumeSize: jsii.Number(500), MaxVolumeSize: jsii.Number(2000), StorageTargetUtilization: jsii.Number(50),
		Scram: jsii.Bool(true), ScramUsers: []string{"connect", "legacy"},
		EnhancedMonitoring: "PER_TOPIC_PER_BROKER", Prometheus: jsii.Bool(true),
		MessageMaxBytes:  jsii.Number(10 * 1024 * 1024),
		ServerProperties: map[string]string{"log.retention.hours": "168"},
		Vpc:              vpc, DiskUsedPercent: jsii.Number(80), UnderReplicatedMinutes: jsii.Number(10),
		ClusterProps: &awsmsk.CfnClusterProps{
			Tags: &map[string]*string{"team": jsii.String("streaming")},
			BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
				StorageInfo: &awsmsk.CfnCluster_StorageInfoProperty{EbsStorageInfo: &awsmsk.CfnCluster_EBSStorageInfoProperty{
					VolumeSize:            jsii.Number(500),
					ProvisionedThroughput: &awsmsk.CfnCluster_ProvisionedThroughputProperty{Enabled: jsii.Bool(true), VolumeThroughput: jsii.Number(250)},
				}},
			},
		},
	})
	mskclusterBuilt.options.Connections().AllowDefaultPortFrom(mskclusterClientGroup(s2, vpc), jsii.String("Kafka clients"))

	// SCRAM only, storage auto-scaling off, alarms off.
	s3 := awscdk.NewStack(app, jsii.String(mskclusterScramStack), nil)
	mskclusterBuilt.scram = mskcluster.New(s3, "Kafka", &mskcluster.Props{
		Iam: jsii.Bool(false), Scram: jsii.Bool(true), ScramUsers: []string{"app"},
		VolumeSize: jsii.Number(100), MaxVolumeSize: jsii.Number(100), CreateAlarms: jsii.Bool(false),
	})
	mskclusterBuilt.scramBootstrap = mskclusterBuilt.scram.BootstrapBrokers()

	s4 := awscdk.NewStack(app, jsii.String(mskserverlessDefaultsStack), nil)
	mskclusterBuilt.serverless = mskserverless.New(s4, "Kafka", nil)
	mskclusterBuilt.serverless.GrantProduce(mskclusterClient(s4, "Producer"), jsii.String("clicks"))
	mskclusterBuilt.serverless.GrantConsume(mskclusterClient(s4, "Consumer"), jsii.String("clicks"), jsii.String("analytics"))
	awscdk.NewCfnOutput(s4, jsii.String("Bootstrap"), &awscdk.CfnOutputProps{Value: mskclusterBuilt.serverless.BootstrapBrokers()})

	s5 := awscdk.NewStack(app, jsii.String(mskserverlessVpcStack), nil)
	vpc5 := analyticsVpc(s5, 3)
	mskclusterBuilt.serverlessVpc = mskserverless.New(s5, "Kafka", &mskserverless.Props{Name: "clicks", Vpc: vpc5})
	mskclusterBuilt.serverlessVpc.Connections().AllowDefaultPortFrom(mskclusterClientGroup(s5, vpc5), jsii.String("Kafka clients"))
})
