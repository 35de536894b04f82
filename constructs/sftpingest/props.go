package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Identity providers the construct supports.
const (
	// ServiceManaged users are AWS::Transfer::User resources of the
	// construct (Props.Users) with SSH public keys.
	ServiceManaged = "SERVICE_MANAGED"
	// AwsLambda authenticates with functions/sftpauth against user records
	// in Secrets Manager (passwords and/or keys).
	AwsLambda = "AWS_LAMBDA"
)

// Defaults.
const (
	DefaultLakePrefix     = "sftp"
	DefaultIncomingPrefix = "incoming"
	// DefaultAuthenticationMethods of a Lambda identity provider: each
	// user's record decides (a record without passwordHash cannot log in
	// with a password, one without publicKeys not with a key).
	DefaultAuthenticationMethods = "PUBLIC_KEY_OR_PASSWORD"
)

// User is a service-managed SFTP user.
type User struct {
	// Name: 3 to 100 letters, digits, '_', '-', '.', '@', not starting with
	// '-', '.' or '@' (Transfer's rule). The user's home is
	// /<bucket>/<LakePrefix>/<Name>.
	Name string
	// SshPublicKeys are OpenSSH public key lines (ssh-ed25519,
	// ecdsa-sha2-nistp256/384/521, or ssh-rsa of at least 2048 bits); at
	// least one, at most 50.
	SshPublicKeys []string
}

// Props configures an Ingest. Vpc and Bucket are required; every other
// field has the secure default written next to it.
type Props struct {
	// Vpc hosts the server's endpoint (EndpointType VPC). Required.
	Vpc awsec2.IVpc
	// VpcSubnets of the endpoint.
	// @default the VPC's private subnets; its public subnets when
	// InternetFacing (1 to 3 subnets, one Elastic IP each)
	VpcSubnets *awsec2.SubnetSelection
	// InternetFacing opts in to an endpoint reachable from the internet:
	// one Elastic IP per (public) subnet, and AllowedCidrs required.
	// @default false: reachable from the VPC (and networks routed to it) only
	InternetFacing *bool
	// AllowedCidrs may connect to port 22 (IPv4 or IPv6 CIDR blocks).
	// @default the VPC's CIDR block (required when InternetFacing)
	AllowedCidrs []string
	// AllowAnySource opts in to 0.0.0.0/0 and ::/0 on port 22, only with
	// InternetFacing (partners without fixed addresses); the Control Tower
	// controls CT.EC2.PR.3 and CT.EC2.PR.4 then fail on the security group.
	// @default false
	AllowAnySource *bool
	// EndpointType exists so that a request for another endpoint type fails
	// with the reason: only "VPC" (or "") is accepted. PUBLIC endpoints
	// take no security group, so the source addresses cannot be limited;
	// VPC_ENDPOINT is discontinued (no new servers since May 2021).
	// @default "VPC"
	EndpointType string
	// SecurityPolicyName of the server: one of CurrentSecurityPolicies.
	// @default DefaultSecurityPolicy (TransferSecurityPolicy-2024-01)
	SecurityPolicyName string

	// Bucket receives the uploads. Required. Its KMS key (Bucket.EncryptionKey,
	// or BucketKey for an imported bucket) is granted to the user and
	// workflow roles through S3.
	Bucket awss3.IBucket
	// BucketKey is the KMS key of an imported Bucket (not with a bucket of
	// this app, whose key is known).
	// @default the bucket's own key, none for an imported bucket
	BucketKey awskms.IKey
	// LakePrefix holds the users' homes: /<bucket>/<LakePrefix>/<user>.
	// @default DefaultLakePrefix ("sftp")
	LakePrefix string
	// IncomingPrefix receives the workflow's copies:
	// <IncomingPrefix>/<user>/<YYYY-MM-DD>/<file>. Must not overlap
	// LakePrefix (users cannot see or change the copies).
	// @default DefaultIncomingPrefix ("incoming")
	IncomingPrefix string
	// Workflow attaches the managed workflow to every completed upload
	// (copy to IncomingPrefix, tag source=sftp and ingest=copied, or
	// ingest=failed).
	// @default true
	Workflow *bool

	// IdentityProvider: ServiceManaged or AwsLambda.
	// @default ServiceManaged
	IdentityProvider string
	// Users of a ServiceManaged server (not with AwsLambda).
	// @default none (add AWS::Transfer::User resources later)
	Users []User
	// SecretPrefix of the AwsLambda users' records: SecretPrefix/<user>.
	// @default "sftp/" followed by the construct's unique address
	SecretPrefix string
	// AuthenticationMethods of an AwsLambda server: PUBLIC_KEY_OR_PASSWORD,
	// PUBLIC_KEY, PASSWORD or PUBLIC_KEY_AND_PASSWORD.
	// @default DefaultAuthenticationMethods
	AuthenticationMethods string

	// EncryptionKey encrypts the log groups (and is the key the AwsLambda
	// function may decrypt user records with); its policy must let
	// CloudWatch Logs use it.
	// @default a new rotating, retained key
	EncryptionKey awskms.IKey
	// LogRetention of the server's and the function's log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
}
