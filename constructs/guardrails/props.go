package guardrails

// MaxPolicyChars is the largest service control policy AWS Organizations
// accepts: 5,120 characters of the policy document, whitespace included.
const MaxPolicyChars = 5120

// DefaultGlobalActions are the actions the region deny leaves alone (its
// NotAction): global services whose single endpoint is in us-east-1 (or that
// have no Region), which a region deny would otherwise break. The list is
// the "Deny access to AWS based on the requested AWS Region" example of the
// AWS Organizations User Guide (Example service control policies, General
// examples), which says it may not include the latest global services:
// check the IAM Access Advisor of your accounts and extend it with
// Props.GlobalServiceActions. kms:* and acm:* are there because CloudFront
// needs keys and certificates in us-east-1; kms:* is why DataResidency
// denies multi-Region KMS keys separately.
var DefaultGlobalActions = []string{
	"a4b:*", "acm:*", "aws-marketplace-management:*", "aws-marketplace:*", "aws-portal:*",
	"budgets:*", "ce:*", "chime:*", "cloudfront:*", "config:*", "cur:*", "directconnect:*",
	"ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways",
	"fms:*", "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "kms:*",
	"mobileanalytics:*", "networkmanager:*", "organizations:*", "pricing:*",
	"route53:*", "route53domains:*", "route53-recovery-cluster:*",
	"route53-recovery-control-config:*", "route53-recovery-readiness:*",
	"s3:GetAccountPublic*", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints",
	"s3:PutAccountPublic*", "shield:*", "sts:*", "support:*", "trustedadvisor:*",
	"waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*",
}

// DefaultExemptRoles are the roles every guardrail exempts (and that
// ProtectGuardrails protects): the roles AWS Control Tower uses in member
// accounts, which its own Region deny control exempts in the same way.
var DefaultExemptRoles = []string{
	"AWSControlTowerExecution",
	"aws-controltower-ConfigRecorderRole",
	"aws-controltower-ForwardSnsNotificationRole",
}

// Props configures Guardrails. AllowedRegions and TargetIds are required.
type Props struct {
	// AllowedRegions where the member accounts may work and keep data
	// ("eu-central-1", "eu-west-1"). Required.
	AllowedRegions []string
	// TargetIds the policies are attached to: the organization root
	// (r-xxxx), organizational units (ou-xxxx-yyyyyyyy) or member accounts
	// (12 digits). SCPs never restrict the management account. Required.
	TargetIds []string

	// ExemptRoles are IAM role names (wildcards * and ? allowed, no path)
	// that no guardrail applies to, in every target account: Control
	// Tower's roles and your break-glass role.
	// @default DefaultExemptRoles
	ExemptRoles []string
	// BreakGlassRoles are added to ExemptRoles (so that the defaults need
	// not be repeated).
	BreakGlassRoles []string
	// ReplicationRoles may also configure the replication whose destination
	// no condition key can check (S3 replication, Redshift snapshot copy,
	// ECR replication): the deployment role of stacks that set up
	// replication, for example "cdk-*-cfn-exec-role-*".
	// @default only ExemptRoles
	ReplicationRoles []string
	// GlobalServiceActions replace DefaultGlobalActions as the region
	// deny's NotAction.
	GlobalServiceActions []string

	// RegionDeny creates the policy denying every request outside
	// AllowedRegions but global services.
	// @default true
	RegionDeny *bool
	// DataResidency creates the policy denying copies and replicas out of
	// AllowedRegions (backup copies, multi-Region keys, secret replicas) and
	// replication set-ups whose destination cannot be checked.
	// @default true
	DataResidency *bool
	// ProtectGuardrails creates the policy protecting the exempt roles,
	// CloudTrail and AWS Config, and denying LeaveOrganization.
	// @default true
	ProtectGuardrails *bool
}
