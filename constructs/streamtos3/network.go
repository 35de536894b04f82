package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
)

// newVpc creates the consumer's network: public and private subnets in two
// availability zones, one NAT gateway (the tasks reach Kinesis, ECR and
// CloudWatch Logs through it), gateway endpoints for S3 and DynamoDB (the
// bulk of the traffic: objects and checkpoints, free of NAT charges), and
// flow logs of rejected and accepted traffic to an encrypted log group.
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
