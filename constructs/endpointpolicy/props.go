package endpointpolicy

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Service is an AWS service the lake reaches through a VPC endpoint.
type Service string

// The services whose endpoints the construct creates or restricts. S3 and
// DynamoDB get gateway endpoints (free, route-table based); the others
// interface endpoints (an elastic network interface per zone, billed per
// hour and per GB).
const (
	S3             Service = "s3"
	DynamoDB       Service = "dynamodb"
	KMS            Service = "kms"
	KinesisStreams Service = "kinesis-streams"
	STS            Service = "sts"
	Glue           Service = "glue"
	SecretsManager Service = "secretsmanager"
	CloudFormation Service = "cloudformation"
)

// Services lists every Service in the order the construct handles them.
var Services = []Service{S3, DynamoDB, KMS, KinesisStreams, STS, Glue, SecretsManager, CloudFormation}

// Gateway reports whether the service's endpoint is a gateway endpoint.
func (s Service) Gateway() bool { return s == S3 || s == DynamoDB }

// ActionPrefix is the IAM action prefix of the service ("kinesis" for
// kinesis-streams).
func (s Service) ActionPrefix() string {
	if s == KinesisStreams {
		return "kinesis"
	}
	return string(s)
}

// AwsOwned names a group of AWS-owned S3 buckets that workloads in the VPC
// read through the S3 gateway endpoint. A gateway endpoint policy that only
// allows the lake's own buckets breaks them silently (yum/dnf hangs, image
// pulls fail), so they are allowed explicitly: s3:GetObject only, on the
// buckets' objects, for any principal and without condition, because those
// requests are anonymous (the Amazon Linux repositories) or carry
// pre-signed URLs signed by the AWS service (ECR layers), so no principal
// or resource account condition could match them.
type AwsOwned string

const (
	// AmazonLinuxRepos: the package repositories of Amazon Linux 2023
	// (al2023-repos-<region>-de612dc2) and Amazon Linux 2
	// (amazonlinux.<region>.amazonaws.com, amazonlinux-2-repos-<region>).
	AmazonLinuxRepos AwsOwned = "amazon-linux-repos"
	// EcrImageLayers: prod-<region>-starport-layer-bucket, where Amazon ECR
	// serves image layers from (pulls from a private subnet fail without it).
	EcrImageLayers AwsOwned = "ecr-image-layers"
	// SsmAgent: the buckets Systems Manager Agent downloads updates, plugins
	// and patch baselines from (aws-ssm-<region>, amazon-ssm-<region>,
	// amazon-ssm-packages-<region>, <region>-birdwatcher-prod,
	// aws-ssm-document-attachments-<region>, patch-baseline-snapshot-<region>,
	// aws-windows-downloads-<region>).
	SsmAgent AwsOwned = "ssm-agent"
)

// Props configures a Perimeter. nil props are refused: the construct needs a
// VPC to create endpoints in or existing endpoints to restrict.
type Props struct {
	// Vpc receives the endpoints of Create. Required with Create.
	Vpc awsec2.IVpc
	// Create lists the services whose endpoints the construct creates in
	// Vpc: gateway endpoints for S3 and DynamoDB, interface endpoints (private
	// DNS on, in Subnets, behind one security group admitting HTTPS from the
	// VPC's CIDR only) for the others. A VPC that already has an endpoint of
	// the service (datavpc creates S3 and DynamoDB gateway endpoints) is
	// refused: pass that endpoint in ExistingGatewayEndpoints or
	// ExistingInterfaceEndpoints instead.
	// @default none
	Create []Service
	// Subnets of the interface endpoints (one per zone).
	// @default the VPC's private subnets (CDK's default selection)
	Subnets *awsec2.SubnetSelection

	// ExistingGatewayEndpoints are gateway endpoints of this app to restrict
	// (S3 or DynamoDB; e.g. the "S3" and "DynamoDB" children of a datavpc's
	// Vpc). An imported endpoint (FromGatewayVpcEndpointId) is refused: its
	// policy belongs to the stack that created it.
	ExistingGatewayEndpoints map[Service]awsec2.IGatewayVpcEndpoint
	// ExistingInterfaceEndpoints are interface endpoints of this app to
	// restrict (e.g. a datavpc's Endpoints). Imported ones are refused.
	ExistingInterfaceEndpoints map[Service]awsec2.IInterfaceVpcEndpoint
	// ExistingCfnEndpoints are AWS::EC2::VPCEndpoint resources of this app
	// without a PolicyDocument (an L1, e.g. from an included template);
	// their PolicyDocument is set.
	ExistingCfnEndpoints map[Service]awsec2.CfnVPCEndpoint

	// PrincipalOrgID (o-xxxxxxxxxx) lets every principal of the AWS
	// Organization use the endpoints (aws:PrincipalOrgID) instead of only
	// this account's principals (aws:PrincipalAccount).
	// @default "" (this account's principals only)
	PrincipalOrgID string
	// ResourceAccounts are the accounts whose resources the endpoints reach
	// (aws:ResourceAccount).
	// @default this stack's account only
	ResourceAccounts []string

	// Buckets narrows the S3 endpoint to these buckets and their objects.
	// @default every bucket of ResourceAccounts
	Buckets []awss3.IBucket
	// AwsOwnedBuckets allows reads of the AWS-owned buckets some services
	// and operating systems need through the S3 gateway endpoint.
	// @default none
	AwsOwnedBuckets []AwsOwned
	// Tables narrows the DynamoDB endpoint to these tables (with their
	// indexes and streams).
	// @default every table of ResourceAccounts
	Tables []awsdynamodb.ITable
	// Keys narrows the KMS endpoint to these keys.
	// @default every key of ResourceAccounts
	Keys []awskms.IKey

	// Actions narrows what a service's endpoint allows, e.g.
	// {KMS: {"kms:Decrypt", "kms:GenerateDataKey"}} for the tokenization
	// Lambda, or the notes' CloudFormation example (1), a list of
	// cloudformation: actions. Each action must start with the service's
	// prefix.
	// @default "<prefix>:*" (the endpoint is a perimeter: who and which
	// resources; the principals' identity policies, built from grants,
	// decide what they may do)
	Actions map[Service][]string
	// DenyActions are refused through a service's endpoint to everyone,
	// e.g. the notes' CloudFormation example (2),
	// {CloudFormation: {"cloudformation:CreateStack"}}.
	// @default none
	DenyActions map[Service][]string

	// Statements are added to a service's endpoint policy as given, after
	// the construct's. Each is checked with CheckStatements: an Allow to
	// any principal without a Condition is refused.
	// @default none
	Statements map[Service][]awsiam.PolicyStatement
	// DefaultStatements: false leaves out the construct's statements, so a
	// policy is only Statements (which then must not be empty for any
	// endpoint: an endpoint without a policy allows everything).
	// @default true
	DefaultStatements *bool
}
