package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// newVpc creates the consumer's network: public and private subnets in two
// availability zones, one NAT gateway (the tasks reach ECR and CloudWatch
// Logs through it), gateway endpoints for S3 and DynamoDB (objects and
// checkpoints, free of NAT charges), and flow logs of rejected and accepted
// traffic to an encrypted log group. The Kinesis interface endpoint is added
// by newKinesisEndpoint (KinesisEndpoint, on by default with a new VPC).
func newVpc(c constructs.Construct, key awskms.IKey) awsec2.IVpc {
	vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
		// The default security group allows nothing, whatever the app's
		// @aws-cdk/aws-ec2:restrictDefaultSecurityGroup flag says.
		RestrictDefaultSecurityGroup: jsii.Bool(true),
		MaxAzs:                       jsii.Number(2),
		NatGateways:                  jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			// Only the NAT gateway lives here, with its own Elastic IP: nothing
			// launched in these subnets gets a public address.
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(24), MapPublicIpOnLaunch: jsii.Bool(false)},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(22)},
		},
	})
	vpc.AddGatewayEndpoint(jsii.String("S3Endpoint"), &awsec2.GatewayVpcEndpointOptions{
		Service: awsec2.GatewayVpcEndpointAwsService_S3(),
	})
	vpc.AddGatewayEndpoint(jsii.String("DynamoDbEndpoint"), &awsec2.GatewayVpcEndpointOptions{
		Service: awsec2.GatewayVpcEndpointAwsService_DYNAMODB(),
	})
	flowlogs.Add(c, vpc, key, awslogs.RetentionDays_ONE_YEAR)
	network.NATRoutes(vpc, "ECR and CloudWatch Logs")
	return vpc
}

// taskSubnets are the subnets the tasks run in: the user's selection, else
// private subnets with egress, else isolated ones (which need interface
// endpoints for Kinesis, ECR, CloudWatch Logs and gateway endpoints for S3
// and DynamoDB; see the package doc).
func taskSubnets(vpc awsec2.IVpc, given *awsec2.SubnetSelection) *awsec2.SubnetSelection {
	if given != nil {
		return given
	}
	if len(*vpc.PrivateSubnets()) > 0 {
		return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
	}
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
}

// newSecurityGroup allows no inbound traffic (the consumer serves nothing)
// and outbound HTTPS only: every peer is an AWS API endpoint.
func newSecurityGroup(c constructs.Construct, vpc awsec2.IVpc) awsec2.SecurityGroup {
	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              vpc,
		Description:      jsii.String("KCL consumer tasks of " + *c.Node().Path() + ": no inbound, HTTPS out to AWS APIs"),
		AllowAllOutbound: jsii.Bool(false),
	})
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)),
		jsii.String("HTTPS to Kinesis, DynamoDB, S3, ECR and CloudWatch Logs"), jsii.Bool(false))
	return sg
}

// kinesisReadActions are the Kinesis API calls of the KCL consumer
// (vmware-go-kcl-v2: DescribeStream, ListShards, GetShardIterator,
// GetRecords, and with enhanced fan-out DescribeStreamConsumer and
// SubscribeToShard), plus DescribeStreamSummary. The endpoint policy allows
// these and nothing else.
var kinesisReadActions = []string{
	"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
	"kinesis:GetShardIterator", "kinesis:GetRecords",
	"kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard",
}

// newKinesisEndpoint creates the interface VPC endpoint for Kinesis Data
// Streams (com.amazonaws.<region>.kinesis-streams) in the tasks' subnets, one
// per availability zone, with private DNS: the consumer's SDK resolves the
// regional Kinesis host to the endpoint's addresses and its reads never
// cross the NAT gateway (catalogue ING-09). The endpoint's security group
// admits HTTPS from the consumer's security group only, and its policy lets
// only the task role read only this stream (and its fan-out consumer).
func newKinesisEndpoint(c constructs.Construct, s *StreamToS3, subnets *awsec2.SubnetSelection) (awsec2.InterfaceVpcEndpoint, awsec2.SecurityGroup) {
	sg := awsec2.NewSecurityGroup(c, jsii.String("KinesisEndpointSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              s.Vpc,
		Description:      jsii.String("Kinesis interface endpoint of " + *c.Node().Path() + ": HTTPS from the consumer tasks only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	sg.AddIngressRule(s.SecurityGroup, awsec2.Port_Tcp(jsii.Number(443)),
		jsii.String("HTTPS from the KCL consumer tasks"), jsii.Bool(false))
	selection := awsec2.SubnetSelection{}
	if subnets != nil {
		selection = *subnets
	}
	selection.OnePerAz = jsii.Bool(true)
	endpoint := awsec2.NewInterfaceVpcEndpoint(c, jsii.String("KinesisEndpoint"), &awsec2.InterfaceVpcEndpointProps{
		Vpc:               s.Vpc,
		Service:           awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS(),
		PrivateDnsEnabled: jsii.Bool(true),
		Subnets:           &selection,
		SecurityGroups:    &[]awsec2.ISecurityGroup{sg},
		// Open would admit HTTPS from the whole VPC CIDR: only the consumer's
		// security group is let in (above).
		Open: jsii.Bool(false),
	})
	resources := []*string{s.Stream.StreamArn()}
	if s.FanOutConsumer != nil {
		resources = append(resources, s.FanOutConsumer.StreamConsumerArn())
	}
	endpoint.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewArnPrincipal(s.TaskRole.RoleArn())},
		Actions:    jsii.Strings(kinesisReadActions...),
		Resources:  &resources,
	}))
	return endpoint, sg
}
