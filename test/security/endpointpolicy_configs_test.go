package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	endpointpolicyLakeStack  = "EndpointPolicyLake"
	endpointpolicyPlainStack = "EndpointPolicyPlain"
	endpointpolicyOrgID      = "o-a1b2c3d4e5"
)

var endpointpolicyBuilt struct {
	lake, plainLake, plainOps, legacy *endpointpolicy.Perimeter
	net                               *datavpc.DataVpc
	bucket                            *securebucket.SecureBucket
	table                             awsdynamodb.ITable
	key                               awskms.IKey
	cfn                               awsec2.CfnVPCEndpoint
}

// endpointpolicyKey is a caller's key: rotating, denying grants not for AWS
// services (CT.KMS.PR.3).
func endpointpolicyKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	return key
}

// endpointpolicyVpc is a VPC without endpoints: isolated subnets, flow logs
// to a secure bucket.
func endpointpolicyVpc(scope constructs.Construct, id string) awsec2.Vpc {
	vpc := awsec2.NewVpc(scope, jsii.String(id), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), RestrictDefaultSecurityGroup: jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)}},
	})
	logs := securebucket.New(scope, id+"FlowLogs", nil)
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToS3(logs.Bucket, nil, nil)})
	return vpc
}

// endpointpolicyStatementsOrg is a caller's statement that passes the
// check: any principal, but of the organization.
func endpointpolicyStatementsOrg() awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowAssumeRoleOfTheOrganization"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings("sts:AssumeRole"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": endpointpolicyOrgID, "aws:ResourceOrgID": endpointpolicyOrgID}},
	})
}

var endpointpolicyConfigs = testkit.Register("endpointpolicy", nil, func(app constructs.Construct) {
	// The lake's network (datavpc, which has S3 and DynamoDB gateway
	// endpoints, and here a Kinesis interface endpoint): the construct
	// creates the other interface endpoints and restricts datavpc's; every
	// option.
	s1 := awscdk.NewStack(app, jsii.String(endpointpolicyLakeStack), nil)
	b := &endpointpolicyBuilt
	b.net = datavpc.New(s1, "Net", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0), Cidr: jsii.String("10.50.0.0/16"),
		InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS()}})
	b.bucket = securebucket.New(s1, "Raw", nil)
	b.key = endpointpolicyKey(s1, "TableKey")
	b.table = awsdynamodb.NewTable(s1, jsii.String("Vault"), &awsdynamodb.TableProps{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String("token"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:                      awsdynamodb.BillingMode_PAY_PER_REQUEST,
		Encryption:                       awsdynamodb.TableEncryption_CUSTOMER_MANAGED,
		EncryptionKey:                    b.key,
		DeletionProtection:               jsii.Bool(true),
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
	})
	testkit.AcceptNag(b.table, "DynamoDBInBackupPlan", "This table stands in for the user's vault table, which the user's backup plan selects.")
	s3ep := b.net.Vpc.Node().FindChild(jsii.String("S3")).(awsec2.IGatewayVpcEndpoint)
	ddbep := b.net.Vpc.Node().FindChild(jsii.String("DynamoDB")).(awsec2.IGatewayVpcEndpoint)
	b.lake = endpointpolicy.New(s1, "Endpoints", &endpointpolicy.Props{
		Vpc:                      b.net.Vpc,
		Create:                   []endpointpolicy.Service{endpointpolicy.KMS, endpointpolicy.STS, endpointpolicy.Glue, endpointpolicy.SecretsManager, endpointpolicy.CloudFormation},
		Subnets:                  b.net.Private,
		ExistingGatewayEndpoints: map[endpointpolicy.Service]awsec2.IGatewayVpcEndpoint{endpointpolicy.S3: s3ep, endpointpolicy.DynamoDB: ddbep},
		ExistingInterfaceEndpoints: map[endpointpolicy.Service]awsec2.IInterfaceVpcEndpoint{
			endpointpolicy.KinesisStreams: b.net.Endpoints["kinesis-streams"],
		},
		PrincipalOrgID:  endpointpolicyOrgID,
		Buckets:         []awss3.IBucket{b.bucket.Bucket},
		AwsOwnedBuckets: []endpointpolicy.AwsOwned{endpointpolicy.AmazonLinuxRepos, endpointpolicy.EcrImageLayers},
		Tables:          []awsdynamodb.ITable{b.table},
		Keys:            []awskms.IKey{b.key},
		Actions: map[endpointpolicy.Service][]string{
			endpointpolicy.KMS:            {"kms:Decrypt", "kms:GenerateDataKey"},
			endpointpolicy.DynamoDB:       {"dynamodb:GetItem", "dynamodb:PutItem"},
			endpointpolicy.CloudFormation: {"cloudformation:DescribeStacks", "cloudformation:DescribeStackEvents", "cloudformation:ListStacks"},
		},
		DenyActions: map[endpointpolicy.Service][]string{endpointpolicy.CloudFormation: {"cloudformation:CreateStack"}},
		Statements:  map[endpointpolicy.Service][]awsiam.PolicyStatement{endpointpolicy.STS: {endpointpolicyStatementsOrg()}},
	})

	// A plain VPC: two perimeters side by side (gateway + KMS, then STS and
	// Secrets Manager) with the defaults, and an L1 endpoint restricted
	// through its PolicyDocument.
	s2 := awscdk.NewStack(app, jsii.String(endpointpolicyPlainStack), nil)
	vpc := endpointpolicyVpc(s2, "Vpc")
	b.plainLake = endpointpolicy.New(s2, "Lake", &endpointpolicy.Props{Vpc: vpc, Create: []endpointpolicy.Service{endpointpolicy.S3, endpointpolicy.DynamoDB, endpointpolicy.KMS}})
	b.plainOps = endpointpolicy.New(s2, "Ops", &endpointpolicy.Props{Vpc: vpc, Create: []endpointpolicy.Service{endpointpolicy.STS, endpointpolicy.SecretsManager}})
	b.cfn = awsec2.NewCfnVPCEndpoint(s2, jsii.String("LegacyGlue"), &awsec2.CfnVPCEndpointProps{
		VpcId:             vpc.VpcId(),
		ServiceName:       jsii.String("com.amazonaws." + *s2.Region() + ".glue"),
		VpcEndpointType:   jsii.String("Interface"),
		PrivateDnsEnabled: jsii.Bool(true),
		SubnetIds:         endpointpolicyAny(*vpc.SelectSubnets(nil).SubnetIds),
		SecurityGroupIds:  endpointpolicyAny([]*string{b.plainOps.SecurityGroup.SecurityGroupId()}),
	})
	b.legacy = endpointpolicy.New(s2, "Legacy", &endpointpolicy.Props{
		ExistingCfnEndpoints: map[endpointpolicy.Service]awsec2.CfnVPCEndpoint{endpointpolicy.Glue: b.cfn},
		ResourceAccounts:     []string{*s2.Account(), "111122223333"},
	})
})

func endpointpolicyAny(ids []*string) *[]any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return &out
}
