package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awstransfer"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Ingest is an SFTP server of AWS Transfer Family in a VPC that writes
// into a prefix of the lake bucket, with its users, logs and upload
// workflow.
type Ingest struct {
	constructs.Construct
	// Server is the AWS::Transfer::Server (CDK has no L2 for Transfer).
	Server awstransfer.CfnServer
	// SecurityGroup admits port 22 from the allowed CIDR blocks.
	SecurityGroup awsec2.ISecurityGroup
	// ElasticIps of an internet-facing endpoint, one per subnet (nil when
	// internal).
	ElasticIps []awsec2.CfnEIP
	// Key encrypts the log groups (created, or Props.EncryptionKey); user
	// records of the Lambda identity provider may be encrypted with it.
	Key awskms.IKey
	// LogGroup receives the server's structured logs; LoggingRole lets
	// Transfer write to it (and nowhere else).
	LogGroup    awslogs.ILogGroup
	LoggingRole awsiam.IRole
	// Bucket, BucketKey (nil without a KMS key), LakePrefix and
	// IncomingPrefix are where files go.
	Bucket                     awss3.IBucket
	BucketKey                  awskms.IKey
	LakePrefix, IncomingPrefix string

	// Users and UserRoles of a service-managed server, by user name.
	Users     map[string]awstransfer.CfnUser
	UserRoles map[string]awsiam.IRole

	// AuthFunction (functions/sftpauth), its role and log group, the role
	// its users get (LambdaUsersRole) and the secret name prefix of their
	// records, for an AWS_LAMBDA server; nil and "" otherwise.
	AuthFunction    awslambda.IFunction
	AuthRole        awsiam.IRole
	AuthLogGroup    awslogs.ILogGroup
	LambdaUsersRole awsiam.IRole
	SecretPrefix    string

	// Workflow runs on every completed upload with WorkflowRole (nil when
	// Props.Workflow is false).
	Workflow     awstransfer.CfnWorkflow
	WorkflowRole awsiam.IRole
}

// New creates the server and everything it uses. Props.Vpc and
// Props.Bucket are required; invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Ingest {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	in := &Ingest{
		Construct: c, Bucket: p.Bucket, LakePrefix: p.LakePrefix, IncomingPrefix: p.IncomingPrefix,
		Users: map[string]awstransfer.CfnUser{}, UserRoles: map[string]awsiam.IRole{},
	}
	in.BucketKey = p.Bucket.EncryptionKey()
	if in.BucketKey == nil {
		in.BucketKey = p.BucketKey
	}
	in.Key = p.EncryptionKey
	if in.Key == nil {
		in.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the SFTP server "+*c.Node().Path())
	}
	in.network(&p)
	in.logging(&p)
	var idp *awstransfer.CfnServer_IdentityProviderDetailsProperty
	if p.IdentityProvider == AwsLambda {
		idp = in.lambdaProvider(&p)
	}
	if isTrue(p.Workflow) {
		in.workflow()
	}
	in.server(&p, idp)
	if p.IdentityProvider == AwsLambda {
		in.allowInvoke()
	}
	in.users(&p)
	in.suppress(&p)
	return in
}

// fill sets the defaults of the props that are not given.
func fill(p *Props) {
	if p.SecurityPolicyName == "" {
		p.SecurityPolicyName = DefaultSecurityPolicy
	}
	p.LakePrefix = orDefault(p.LakePrefix, DefaultLakePrefix)
	p.IncomingPrefix = orDefault(p.IncomingPrefix, DefaultIncomingPrefix)
	p.IdentityProvider = orDefault(p.IdentityProvider, ServiceManaged)
	p.Workflow = orTrue(p.Workflow)
	if p.IdentityProvider == AwsLambda {
		p.AuthenticationMethods = orDefault(p.AuthenticationMethods, DefaultAuthenticationMethods)
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
}
