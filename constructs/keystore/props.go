package keystore

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
)

// DefaultRotationPeriod is how often KMS rotates the key material.
const DefaultRotationPeriod = 365

// Props configures Key. nil props create a rotating, retained, single-Region
// symmetric key that only the account's IAM policies can grant.
type Props struct {
	// Description of the key.
	// @default "Customer managed key of <path>"
	Description string
	// Admins manage the key (enable, disable, tag, change its policy, schedule
	// deletion, rotate on demand) but cannot encrypt or decrypt with it.
	// @default none besides the account (whose IAM policies decide)
	Admins []awsiam.IPrincipal
	// Users may encrypt, decrypt, re-encrypt and generate data keys
	// (grantEncryptDecrypt) but not manage the key. A principal in both
	// Admins and Users defeats the separation and is refused.
	Users []awsiam.IGrantable
	// MultiRegion makes the key a multi-Region primary key (replicas are
	// created in the other Regions with AWS::KMS::ReplicaKey).
	// @default false
	MultiRegion *bool
	// RotationPeriod of the automatic rotation: 90 to 2560 days.
	// @default DefaultRotationPeriod days
	RotationPeriod awscdk.Duration
	// Alias of the key ("alias/lake/raw"). Aliases are unique per account
	// and Region: a fixed alias makes two instances in one stack collide,
	// so there is none by default.
	// @default no alias
	Alias string

	// ExistingKey is a key created outside CloudFormation, such as a key
	// in a CloudHSM or external custom key store (`aws kms create-key
	// --origin AWS_CLOUDHSM --custom-key-store-id ...`), imported with
	// awskms.Key_FromKeyArn. Users then get grants in their IAM policies
	// (the key policy of an imported key is not this app's), and Alias
	// names it. Not with Description, Admins, MultiRegion or RotationPeriod.
	ExistingKey awskms.IKey
	// CustomKeyStoreId exists so that asking CloudFormation for a key in a
	// custom key store fails with the reason: AWS::KMS::Key has no such
	// property (Origin is AWS_KMS or EXTERNAL only). Create the key with
	// the API and pass it as ExistingKey.
	CustomKeyStoreId string
}

// DefaultSslPolicy is the listeners' TLS policy: TLS 1.3 and 1.2 with
// forward-secret AEAD ciphers only.
const DefaultSslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// TerminationProps configures Termination: TLS ends at a load balancer
// with an ACM certificate.
type TerminationProps struct {
	// ApplicationLoadBalancer gets an HTTPS listener; exactly one of
	// ApplicationLoadBalancer and NetworkLoadBalancer.
	ApplicationLoadBalancer awselasticloadbalancingv2.IApplicationLoadBalancer
	// ApplicationTargetGroups receive the ALB listener's requests.
	// @default a fixed 404 answer
	ApplicationTargetGroups []awselasticloadbalancingv2.IApplicationTargetGroup
	// NetworkLoadBalancer gets a TLS listener.
	NetworkLoadBalancer awselasticloadbalancingv2.INetworkLoadBalancer
	// NetworkTargetGroup receives the NLB listener's connections. Required
	// with NetworkLoadBalancer.
	NetworkTargetGroup awselasticloadbalancingv2.INetworkTargetGroup
	// CertificateArn of an ACM certificate in the load balancer's Region
	// (a prop or a CfnParameter's value; nothing is looked up). Required.
	CertificateArn string
	// SslPolicy is an ELBSecurityPolicy-TLS13-1-2-* or -TLS13-1-3-* policy.
	// @default DefaultSslPolicy
	SslPolicy string
	// Port of the listener.
	// @default 443
	Port float64
}
