package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// kafkatos3FakeCluster stands for mskcluster.Cluster: a cluster "sensors"
// known by ARN, fixed IAM brokers, and a brokers' security group in a VPC
// of the test (private subnets with egress through one NAT gateway).
type kafkatos3FakeCluster struct {
	stack   awscdk.Stack
	vpc     awsec2.IVpc
	brokers awsec2.Connections
	sg      awsec2.SecurityGroup
}

func kafkatos3NewFakeCluster(scope constructs.Construct) *kafkatos3FakeCluster {
	vpc := kafkatos3Vpc(scope)
	sg := awsec2.NewSecurityGroup(scope, jsii.String("Brokers"), &awsec2.SecurityGroupProps{Vpc: vpc, AllowAllOutbound: jsii.Bool(false), Description: jsii.String("fake brokers")})
	return &kafkatos3FakeCluster{
		stack: awscdk.Stack_Of(scope), vpc: vpc, sg: sg,
		brokers: awsec2.NewConnections(&awsec2.ConnectionsProps{SecurityGroups: &[]awsec2.ISecurityGroup{sg}, DefaultPort: awsec2.Port_Tcp(jsii.Number(9098))}),
	}
}

func (f *kafkatos3FakeCluster) arn(kind, name string) *string {
	return f.stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("kafka"), Resource: jsii.String(kind), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
}

func (f *kafkatos3FakeCluster) ClusterArn() *string  { return f.arn("cluster", "sensors/uuid-1") }
func (f *kafkatos3FakeCluster) ClusterName() *string { return jsii.String("sensors") }
func (f *kafkatos3FakeCluster) BootstrapBrokers() *string {
	return jsii.String("b-1.sensors.kafka.eu-west-1.amazonaws.com:9098,b-2.sensors.kafka.eu-west-1.amazonaws.com:9098")
}
func (f *kafkatos3FakeCluster) Vpc() awsec2.IVpc { return f.vpc }
func (f *kafkatos3FakeCluster) Subnets() *awsec2.SubnetSelection {
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
}
func (f *kafkatos3FakeCluster) Connections() awsec2.Connections { return f.brokers }

func (f *kafkatos3FakeCluster) grant(grantee awsiam.IGrantable, actions []string, arns ...*string) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{Grantee: grantee, Actions: jsii.Strings(actions...), ResourceArns: &arns})
}
func (f *kafkatos3FakeCluster) GrantConnect(g awsiam.IGrantable) awsiam.Grant {
	return f.grant(g, []string{"kafka-cluster:Connect", "kafka-cluster:DescribeCluster"}, f.ClusterArn())
}
func (f *kafkatos3FakeCluster) GrantProduce(g awsiam.IGrantable, topic *string) awsiam.Grant {
	f.GrantConnect(g)
	return f.grant(g, []string{"kafka-cluster:WriteData", "kafka-cluster:DescribeTopic"}, f.arn("topic", "sensors/uuid-1/"+*topic))
}
func (f *kafkatos3FakeCluster) GrantConsume(g awsiam.IGrantable, topic, group *string) awsiam.Grant {
	f.GrantConnect(g)
	f.grant(g, []string{"kafka-cluster:ReadData", "kafka-cluster:DescribeTopic"}, f.arn("topic", "sensors/uuid-1/"+*topic))
	return f.grant(g, []string{"kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"},
		awscdk.Fn_Join(jsii.String(""), &[]*string{f.arn("group", "sensors/uuid-1/"), group}))
}

// kafkatos3Vpc: private subnets with egress, one NAT gateway, the S3
// gateway endpoint and flow logs into a log group with a compliant key.
func kafkatos3Vpc(scope constructs.Construct) awsec2.Vpc {
	vpc := awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1), RestrictDefaultSecurityGroup: jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(24), MapPublicIpOnLaunch: jsii.Bool(false)},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(22)},
		},
		GatewayEndpoints: &map[string]*awsec2.GatewayVpcEndpointOptions{"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()}},
	})
	key := awskms.NewKey(scope, jsii.String("FlowLogKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("logs.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"), Resources: jsii.Strings("*"),
	}), nil)
	logs := awslogs.NewLogGroup(scope, jsii.String("FlowLogs"), &awslogs.LogGroupProps{
		EncryptionKey: key, Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(logs, nil), TrafficType: awsec2.FlowLogTrafficType_ALL})
	return vpc
}
