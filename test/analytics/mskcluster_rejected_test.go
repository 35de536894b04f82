package analytics_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// mskclusterTransit overrides the in-transit encryption only.
func mskclusterTransit(clientBroker string, inCluster bool) *awsmsk.CfnClusterProps {
	return &awsmsk.CfnClusterProps{EncryptionInfo: &awsmsk.CfnCluster_EncryptionInfoProperty{
		EncryptionInTransit: &awsmsk.CfnCluster_EncryptionInTransitProperty{ClientBroker: jsii.String(clientBroker), InCluster: jsii.Bool(inCluster)},
	}}
}

func TestMskclusterRejectedProps(t *testing.T) {
	oneZone := func(stack awscdk.Stack) awsec2.IVpc {
		return awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("P"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
	}
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *mskcluster.Props
		wants []string
	}{
		{"plaintext client-broker traffic", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: mskclusterTransit("PLAINTEXT", true)}
		}, []string{"mskcluster Bad/Kafka: invalid props", "ClusterProps.EncryptionInfo.EncryptionInTransit.ClientBroker = PLAINTEXT: TLS"}},
		{"TLS and plaintext", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: mskclusterTransit("TLS_PLAINTEXT", true)}
		}, []string{"ClientBroker = TLS_PLAINTEXT: TLS: plaintext client-broker traffic"}},
		{"in-cluster encryption off", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: mskclusterTransit("TLS", false)}
		}, []string{"ClusterProps.EncryptionInfo.EncryptionInTransit.InCluster = false: true"}},
		{"public access", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: &awsmsk.CfnClusterProps{BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
				ConnectivityInfo: &awsmsk.CfnCluster_ConnectivityInfoProperty{PublicAccess: &awsmsk.CfnCluster_PublicAccessProperty{Type: jsii.String("SERVICE_PROVIDED_EIPS")}},
			}}}
		}, []string{"ClusterProps.BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type = SERVICE_PROVIDED_EIPS: DISABLED"}},
		{"no authentication", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{Iam: jsii.Bool(false)}
		}, []string{"Iam/Scram = both off: at least one client authentication"}},
		{"unauthenticated access", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: &awsmsk.CfnClusterProps{ClientAuthentication: &awsmsk.CfnCluster_ClientAuthenticationProperty{
				Unauthenticated: &awsmsk.CfnCluster_UnauthenticatedProperty{Enabled: jsii.Bool(true)},
			}}}
		}, []string{"ClusterProps.ClientAuthentication.Unauthenticated.Enabled = true: false"}},
		{"authentication override without a mechanism", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: &awsmsk.CfnClusterProps{ClientAuthentication: &awsmsk.CfnCluster_ClientAuthenticationProperty{
				Sasl: &awsmsk.CfnCluster_SaslProperty{Iam: &awsmsk.CfnCluster_IamProperty{Enabled: jsii.Bool(false)}},
			}}}
		}, []string{"ClusterProps.ClientAuthentication = no mechanism enabled"}},
		{"brokers not a multiple of the zones", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: &awsmsk.CfnClusterProps{NumberOfBrokerNodes: jsii.Number(4)}}
		}, []string{"ClusterProps.NumberOfBrokerNodes = 4: a multiple of the 3 zones"}},
		{"fewer than two zones", func(stack awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{Vpc: oneZone(stack)}
		}, []string{"VpcSubnets = 1 zone(s): subnets in two or three zones"}},
		{"volume sizes", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{VolumeSize: jsii.Number(20000), MaxVolumeSize: jsii.Number(20000)}
		}, []string{"VolumeSize = 20000: a whole number of GiB from 1 to 16384", "MaxVolumeSize = 20000: a whole number of GiB up to 16384"}},
		{"volume size zero", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{VolumeSize: jsii.Number(0)}
		}, []string{"VolumeSize = 0: a whole number of GiB from 1 to 16384"}},
		{"maximum below the initial size", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{VolumeSize: jsii.Number(500), MaxVolumeSize: jsii.Number(200)}
		}, []string{"MaxVolumeSize = 200, VolumeSize = 500: MaxVolumeSize must be at least VolumeSize"}},
		{"override volume size", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{ClusterProps: &awsmsk.CfnClusterProps{BrokerNodeGroupInfo: &awsmsk.CfnCluster_BrokerNodeGroupInfoProperty{
				StorageInfo: &awsmsk.CfnCluster_StorageInfoProperty{EbsStorageInfo: &awsmsk.CfnCluster_EBSStorageInfoProperty{VolumeSize: jsii.Number(17000)}},
			}}}
		}, []string{"ClusterProps.BrokerNodeGroupInfo.StorageInfo.EbsStorageInfo.VolumeSize = 17000: 1 to 16384 GiB"}},
		{"records larger than replicas fetch", func(awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{MessageMaxBytes: jsii.Number(10485760), ServerProperties: map[string]string{"replica.fetch.max.bytes": "1048576"}}
		}, []string{"message.max.bytes = 10485760, replica.fetch.max.bytes = 1048576: replica.fetch.max.bytes must be at least message.max.bytes"}},
		{"others", func(stack awscdk.Stack) *mskcluster.Props {
			return &mskcluster.Props{Name: "1bad_name", KafkaVersion: "latest", InstanceType: "express.m7g.large", BrokersPerZone: jsii.Number(0),
				ScramUsers: []string{"a b"}, EnhancedMonitoring: "ALL", MessageMaxBytes: jsii.Number(10), StorageTargetUtilization: jsii.Number(95),
				DiskUsedPercent: jsii.Number(100), UnderReplicatedMinutes: jsii.Number(0), LogRetention: awslogs.RetentionDays_INFINITE,
				VpcSubnets:   &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("Topic"), nil)}
		}, []string{"Name = 1bad_name", "KafkaVersion = latest", "InstanceType = express.m7g.large", "BrokersPerZone = 0", "ScramUsers = 1: only with Scram",
			"ScramUsers = a b", "EnhancedMonitoring = ALL", "MessageMaxBytes = 10", "StorageTargetUtilization = 95", "DiskUsedPercent = 100",
			"UnderReplicatedMinutes = 0", "LogRetention = INFINITE", "VpcSubnets = set: only with Vpc", "AlarmTopic = Bad/Topic"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				mskcluster.New(stack, "Kafka", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestMskserverlessRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("P"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
		mskserverless.New(stack, "Kafka", &mskserverless.Props{Name: "bad name", Vpc: vpc, LogRetention: awslogs.RetentionDays_INFINITE})
	}, "mskserverless Bad/Kafka: invalid props", "Name = bad name", "VpcSubnets = 1 zone(s): subnets in two to five zones", "LogRetention = INFINITE")
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		mskserverless.New(stack, "Kafka", &mskserverless.Props{VpcSubnets: &awsec2.SubnetSelection{}})
	}, "VpcSubnets = set: only with Vpc")
}
