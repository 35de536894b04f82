package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
)

// kafkaFakeCluster stands for mskcluster.Cluster in the tests of the
// constructs that take a cluster (kafkatos3, mskconnect), so that their
// templates hold only what they create: a cluster "sensors" known by ARN,
// fixed IAM brokers, and a brokers' security group in a datavpc (private
// subnets with egress through one NAT gateway, S3 gateway endpoint).
type kafkaFakeCluster struct {
	stack   awscdk.Stack
	vpc     awsec2.IVpc
	brokers awsec2.Connections
}

func kafkaNewFakeCluster(scope constructs.Construct) *kafkaFakeCluster {
	vpc := datavpc.New(scope, "Net", &datavpc.Props{Zones: jsii.Number(2)}).Vpc
	sg := awsec2.NewSecurityGroup(scope, jsii.String("Brokers"), &awsec2.SecurityGroupProps{Vpc: vpc, AllowAllOutbound: jsii.Bool(false), Description: jsii.String("fake brokers")})
	return &kafkaFakeCluster{
		stack: awscdk.Stack_Of(scope), vpc: vpc,
		brokers: awsec2.NewConnections(&awsec2.ConnectionsProps{SecurityGroups: &[]awsec2.ISecurityGroup{sg}, DefaultPort: awsec2.Port_Tcp(jsii.Number(9098))}),
	}
}

func (f *kafkaFakeCluster) arn(kind, name string) *string {
	return f.stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("kafka"), Resource: jsii.String(kind), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
}

func (f *kafkaFakeCluster) ClusterArn() *string  { return f.arn("cluster", "sensors/uuid-1") }
func (f *kafkaFakeCluster) ClusterName() *string { return jsii.String("sensors") }
func (f *kafkaFakeCluster) BootstrapBrokers() *string {
	return jsii.String("b-1.sensors.kafka.eu-west-1.amazonaws.com:9098,b-2.sensors.kafka.eu-west-1.amazonaws.com:9098")
}
func (f *kafkaFakeCluster) Vpc() awsec2.IVpc { return f.vpc }
func (f *kafkaFakeCluster) Subnets() *awsec2.SubnetSelection {
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
}
func (f *kafkaFakeCluster) Connections() awsec2.Connections { return f.brokers }

func (f *kafkaFakeCluster) grant(grantee awsiam.IGrantable, actions []string, arns ...*string) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{Grantee: grantee, Actions: jsii.Strings(actions...), ResourceArns: &arns})
}
func (f *kafkaFakeCluster) GrantConnect(g awsiam.IGrantable) awsiam.Grant {
	return f.grant(g, []string{"kafka-cluster:Connect", "kafka-cluster:DescribeCluster"}, f.ClusterArn())
}
func (f *kafkaFakeCluster) GrantProduce(g awsiam.IGrantable, topic *string) awsiam.Grant {
	f.GrantConnect(g)
	return f.grant(g, []string{"kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic"}, f.arn("topic", "sensors/uuid-1/"+*topic))
}
func (f *kafkaFakeCluster) GrantConsume(g awsiam.IGrantable, topic, group *string) awsiam.Grant {
	f.GrantConnect(g)
	f.grant(g, []string{"kafka-cluster:ReadData", "kafka-cluster:DescribeTopic"}, f.arn("topic", "sensors/uuid-1/"+*topic))
	return f.grant(g, []string{"kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"},
		awscdk.Fn_Join(jsii.String(""), &[]*string{f.arn("group", "sensors/uuid-1/"), group}))
}
