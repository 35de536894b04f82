package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestEndpointpolicyRejectedProps(t *testing.T) {
	type ep = endpointpolicy.Service
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *endpointpolicy.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *endpointpolicy.Props { return nil },
			[]string{"endpointpolicy Bad/Endpoints: invalid props", "Create = []: at least one endpoint"}},
		// The bad input: "Principal": "*" and no condition.
		{"Allow to any principal without a condition", func(stack awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{Vpc: endpointpolicyVpc(stack, "Vpc"), Create: []ep{endpointpolicy.S3, endpointpolicy.KMS},
				Statements: map[ep][]awsiam.PolicyStatement{
					endpointpolicy.S3: {
						awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("s3:DeleteBucket"), Resources: jsii.Strings("*")}),
						awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("s3:GetObject", "s3:PutObject"), Resources: jsii.Strings("*")}),
					},
					endpointpolicy.KMS: {awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Sid: jsii.String("Open"), Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()}, Actions: jsii.Strings("kms:*"), Resources: jsii.Strings("*")})},
				}}
		}, []string{`Statements[s3][1] (endpoint s3) = Allow s3:GetObject,s3:PutObject on *: an Allow to any principal ("Principal": "*" or {"AWS": "*"}) needs a Condition`,
			`Statements[kms][0] (Sid Open) (endpoint kms) = Allow kms:* on *: an Allow to any principal`}},
		{"statement without principal", func(stack awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{Vpc: endpointpolicyVpc(stack, "Vpc"), Create: []ep{endpointpolicy.STS},
				Statements: map[ep][]awsiam.PolicyStatement{endpointpolicy.STS: {awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("sts:AssumeRole"), Resources: jsii.Strings("*")})}}}
		}, []string{"Statements[sts][0] (endpoint sts) = Allow sts:AssumeRole on *: no Principal"}},
		{"create without VPC, unknown and repeated services", func(awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{Create: []ep{"athena", endpointpolicy.KMS, endpointpolicy.KMS}}
		}, []string{"Vpc = nil: the VPC to create the endpoints of Create in", "Create = athena: one of s3, dynamodb, kms", "Create = kms: each service once"}},
		{"a second S3 gateway endpoint in a datavpc", func(stack awscdk.Stack) *endpointpolicy.Props {
			net := datavpc.New(stack, "Net", &datavpc.Props{Zones: jsii.Number(1), NatGateways: jsii.Number(0),
				InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_KMS()}})
			return &endpointpolicy.Props{Vpc: net.Vpc, Create: []ep{endpointpolicy.S3, endpointpolicy.KMS, endpointpolicy.STS}}
		}, []string{"Create = s3: a service the VPC has no endpoint for: Bad/Net/Vpc/S3 already is one", "Create = kms: a service the VPC has no endpoint for: Bad/Net/Vpc/KmsEndpoint already is one"}},
		{"an endpoint another perimeter created", func(stack awscdk.Stack) *endpointpolicy.Props {
			vpc := endpointpolicyVpc(stack, "Vpc")
			endpointpolicy.New(stack, "First", &endpointpolicy.Props{Vpc: vpc, Create: []ep{endpointpolicy.STS, endpointpolicy.DynamoDB}})
			return &endpointpolicy.Props{Vpc: vpc, Create: []ep{endpointpolicy.STS, endpointpolicy.DynamoDB, endpointpolicy.S3}}
		}, []string{"Create = sts: a service the VPC has no endpoint for: Bad/First/Sts already is one", "Create = dynamodb: a service the VPC has no endpoint for: Bad/First/DynamoDB already is one"}},
		{"imported endpoints, wrong maps, VPC without Create, subnets for gateways", func(stack awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{
				Vpc:     endpointpolicyVpc(stack, "Vpc"),
				Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				ExistingGatewayEndpoints: map[ep]awsec2.IGatewayVpcEndpoint{
					endpointpolicy.S3:  awsec2.GatewayVpcEndpoint_FromGatewayVpcEndpointId(stack, jsii.String("Imported"), jsii.String("vpce-0123456789abcdef0")),
					endpointpolicy.KMS: awsec2.GatewayVpcEndpoint_FromGatewayVpcEndpointId(stack, jsii.String("NotGateway"), jsii.String("vpce-0123456789abcdef1")),
				},
			}
		}, []string{"Vpc = Bad/Vpc: only with Create", "Subnets = set: only with an interface endpoint in Create",
			"ExistingGatewayEndpoints[s3] = Bad/Imported: an endpoint defined in this app", "ExistingGatewayEndpoints[kms] = set: S3 or DynamoDB"}},
		{"create and existing for the same service", func(stack awscdk.Stack) *endpointpolicy.Props {
			vpc := endpointpolicyVpc(stack, "Vpc")
			other := endpointpolicyVpc(stack, "Other")
			return &endpointpolicy.Props{Vpc: vpc, Create: []ep{endpointpolicy.KMS},
				ExistingInterfaceEndpoints: map[ep]awsec2.IInterfaceVpcEndpoint{endpointpolicy.KMS: other.AddInterfaceEndpoint(jsii.String("Kms"), &awsec2.InterfaceVpcEndpointOptions{Service: awsec2.InterfaceVpcEndpointAwsService_KMS()})}}
		}, []string{"Create = kms: a service without an endpoint in ExistingGatewayEndpoints / ExistingInterfaceEndpoints / ExistingCfnEndpoints (not both)"}},
		{"L1 endpoint with a policy", func(stack awscdk.Stack) *endpointpolicy.Props {
			vpc := endpointpolicyVpc(stack, "Vpc")
			cfn := awsec2.NewCfnVPCEndpoint(stack, jsii.String("Legacy"), &awsec2.CfnVPCEndpointProps{VpcId: vpc.VpcId(), ServiceName: jsii.String("com.amazonaws.eu-west-1.s3"),
				PolicyDocument: map[string]any{"Statement": []any{}}})
			return &endpointpolicy.Props{ExistingCfnEndpoints: map[ep]awsec2.CfnVPCEndpoint{endpointpolicy.S3: cfn}}
		}, []string{"ExistingCfnEndpoints[s3] = Bad/Legacy: an AWS::EC2::VPCEndpoint without a PolicyDocument"}},
		{"resources and actions without their endpoint, bad ids", func(stack awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{Vpc: endpointpolicyVpc(stack, "Vpc"), Create: []ep{endpointpolicy.KMS},
				Buckets:          []awss3.IBucket{awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake-raw"))},
				AwsOwnedBuckets:  []endpointpolicy.AwsOwned{"docker-hub"},
				PrincipalOrgID:   "org-1",
				ResourceAccounts: []string{"1234"},
				Actions:          map[ep][]string{endpointpolicy.KMS: {"s3:GetObject", "*"}, endpointpolicy.DynamoDB: {"dynamodb:GetItem"}},
				DenyActions:      map[ep][]string{endpointpolicy.KMS: {}},
			}
		}, []string{"Buckets = 1 given: only with a s3 endpoint", "AwsOwnedBuckets = 1 given: only with a s3 endpoint", "AwsOwnedBuckets = docker-hub: AmazonLinuxRepos, EcrImageLayers or SsmAgent",
			"PrincipalOrgID = org-1: an AWS Organizations id", "ResourceAccounts = 1234: 12-digit account ids",
			"Actions[kms] = s3:GetObject: actions of kms, kms:<Action>", "Actions[kms] = *: actions of kms", "Actions[dynamodb] = dynamodb:GetItem: only for a service with an endpoint",
			"DenyActions[kms] = []: at least one action"}},
		{"no default statements and none given", func(stack awscdk.Stack) *endpointpolicy.Props {
			return &endpointpolicy.Props{Vpc: endpointpolicyVpc(stack, "Vpc"), Create: []ep{endpointpolicy.Glue}, DefaultStatements: jsii.Bool(false)}
		}, []string{"Statements[glue] = none: statements for every endpoint when DefaultStatements is false: an endpoint without a policy allows every principal every action"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				endpointpolicy.New(stack, "Endpoints", c.props(stack))
			}, c.wants...)
		})
	}
}
