package scheduledindex

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// grant gives the function exactly what a run does: list the prefix, read
// the objects under it, read and write the checkpoint key, use the bucket's
// key for those, and POST to the _bulk path of its indices.
func grant(c constructs.Construct, x *ScheduledIndex, p *Props, role awsiam.IRole) {
	b := p.Bucket
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{b.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{*p.Prefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: &[]*string{b.ArnForObjects(jsii.String(*p.Prefix + "*")), b.ArnForObjects(p.CheckpointKey)},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: &[]*string{b.ArnForObjects(p.CheckpointKey)},
	}))
	if k := b.EncryptionKey(); k != nil {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("kms:Decrypt", "kms:GenerateDataKey"), Resources: &[]*string{k.KeyArn()},
		}))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("es:ESHttpPost"),
		Resources: &[]*string{jsii.String(*x.Domain.DomainArn() + "/" + x.IndexPattern + "/_bulk")},
	}))
}

// network puts the function in the domain's VPC: its own security group
// (HTTPS out only), the domain's group opened to it, and an S3 gateway
// endpoint limited to the bucket unless turned off.
func network(c constructs.Construct, x *ScheduledIndex, p *Props, t target, fp *awslambda.FunctionProps) awsec2.ISecurityGroup {
	sel := t.subnets
	if sel == nil {
		sel = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
		if len(*t.vpc.IsolatedSubnets()) > 0 {
			sel = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
		}
	}
	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              t.vpc,
		Description:      jsii.String("CSV indexer of " + *c.Node().Path() + ": HTTPS to the domain and S3 only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	// The rule is created here, not by the domain group's Connections: in
	// another stack (the domain's) it would refer back to this group and
	// make the two stacks depend on each other.
	awsec2.NewCfnSecurityGroupIngress(c, jsii.String("DomainIngress"), &awsec2.CfnSecurityGroupIngressProps{
		GroupId:               t.sg.SecurityGroupId(),
		SourceSecurityGroupId: sg.SecurityGroupId(),
		IpProtocol:            jsii.String("tcp"),
		FromPort:              jsii.Number(443),
		ToPort:                jsii.Number(443),
		Description:           jsii.String("CSV indexer to the domain"),
	})
	if p.S3GatewayEndpoint == nil || *p.S3GatewayEndpoint {
		ep := awsec2.NewGatewayVpcEndpoint(c, jsii.String("S3Endpoint"), &awsec2.GatewayVpcEndpointProps{
			Vpc:     t.vpc,
			Service: awsec2.GatewayVpcEndpointAwsService_S3(),
			Subnets: &[]*awsec2.SubnetSelection{sel},
		})
		ep.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
			Actions:    jsii.Strings("s3:ListBucket", "s3:GetObject", "s3:PutObject"),
			Resources:  &[]*string{p.Bucket.BucketArn(), p.Bucket.ArnForObjects(jsii.String("*"))},
		}))
		x.S3Endpoint = ep
	}
	// S3 through the gateway endpoint has no fixed addresses (its prefix
	// list is not a CloudFormation attribute of the endpoint); the subnets
	// route nowhere else, so HTTPS to any address reaches only S3 and the
	// domain.
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to S3 (gateway endpoint) and the domain"), nil)
	fp.Vpc = t.vpc
	fp.VpcSubnets = sel
	fp.SecurityGroups = &[]awsec2.ISecurityGroup{sg}
	return sg
}

// allowVpcAccess gives the role what Lambda needs to attach it to the VPC
// (the actions of AWSLambdaVPCAccessExecutionRole, which have no
// resource-level form).
func allowVpcAccess(role awsiam.IRole) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		Resources: jsii.Strings("*"),
	}))
}
