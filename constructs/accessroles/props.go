package accessroles

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Level is a fixed set of lake actions (Glue Data Catalog, Athena, Lake
// Formation) that the roles of a job function get from one customer managed
// policy per level.
type Level string

const (
	// Analyst reads the catalog (databases, tables, partitions), runs Athena
	// queries in the workgroups, and asks Lake Formation for data access.
	Analyst Level = "analyst"
	// Engineer is Analyst plus creating, changing and deleting tables and
	// partitions in the databases.
	Engineer Level = "engineer"
	// Admin is Engineer plus creating, changing and deleting databases and
	// granting or revoking Lake Formation permissions.
	Admin Level = "admin"
)

// JobFunction is an RBAC role: one IAM role per job function.
type JobFunction struct {
	// Name of the job function: the role's construct id and the value of
	// its job-function tag (letters and digits, starting with a letter, up
	// to 32).
	Name string
	// Level attaches the level's customer managed policy (shared by every
	// job function of the level).
	// @default "" (no lake actions; Grants and ManagedPolicies only)
	Level Level
	// Grants give the role access to resources through their own grants,
	// e.g. func(g awsiam.IGrantable) { bucket.GrantRead(g, nil) }. CDK puts
	// them in the role's default policy (an AWS::IAM::Policy attached to the
	// role), scoped to the resources' ARNs.
	Grants []func(grantee awsiam.IGrantable)
	// ManagedPolicies are attached as given (e.g. a policy of another
	// stack, or an AWS managed job-function policy).
	ManagedPolicies []awsiam.IManagedPolicy
}

// DefaultJobFunctions are the roles when Props.JobFunctions is nil:
// Analyst, Engineer and Admin at the level of the same name.
func DefaultJobFunctions() []JobFunction {
	return []JobFunction{
		{Name: "Analyst", Level: Analyst},
		{Name: "Engineer", Level: Engineer},
		{Name: "Admin", Level: Admin},
	}
}

// DefaultTagKey is the ABAC tag key of the notes.
const DefaultTagKey = "access-project"

// DefaultAbacActions are the actions the ABAC policy allows on resources
// whose tag matches the principal's. Each of them authorizes against
// aws:ResourceTag on its resource (secrets, keys, tables, workgroups, Glue
// jobs, streams).
var DefaultAbacActions = []string{
	"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
	"kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey",
	"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem",
	"athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution", "athena:GetWorkGroup",
	"glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns",
	"kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords",
}

// Abac configures attribute-based access: a principal reaches a resource
// when the resource's TagKey tag equals the principal's.
type Abac struct {
	// TagKey of principals and resources.
	// @default DefaultTagKey ("access-project")
	TagKey string
	// Values of the tag, e.g. Heart, Star, Bolt (the notes'). Required.
	Values []string
	// Actions allowed on resources with the principal's tag value; each
	// action's service must be one whose tagging actions the policy denies
	// (secretsmanager, kms, dynamodb, athena, glue, kinesis, states).
	// @default DefaultAbacActions
	Actions []string
	// Buckets whose objects a principal reads (s3:GetObject) when the
	// object's TagKey tag equals its own, and writes (s3:PutObject) only
	// tagged with its own value.
	// @default none
	Buckets []awss3.IBucket
	// SessionTags: true creates one role whose value comes from the session
	// tag set at sign-in (an IdP attribute PrincipalTag:<TagKey>, or
	// AssumeRole --tags), allowed only when it is one of Values. false
	// creates one role per value, tagged with it (the notes' model); their
	// trust accepts a session tag of TagKey only equal to the role's own
	// value, because a session tag overrides the role's tag.
	// @default false
	SessionTags *bool
}

// Props configures AccessRoles. nil props create the Analyst, Engineer and
// Admin roles (trusting this account's principals with MFA, one-hour
// sessions) and an account IAM Access Analyzer.
type Props struct {
	// JobFunctions are the RBAC roles; an empty list creates none.
	// @default DefaultJobFunctions()
	JobFunctions []JobFunction
	// Databases are the Glue databases the levels' policies cover.
	// @default every database of the account's catalog in the stack's
	// Region (Lake Formation permissions then decide which tables a role
	// reads)
	Databases []string
	// Workgroups are the Athena workgroups the levels' policies cover.
	// @default ["primary"]
	Workgroups []string

	// Abac adds the attribute-based roles and their one policy.
	// @default none
	Abac *Abac

	// SamlProvider trusts the users of a SAML 2.0 identity provider (an IAM
	// SAML provider, e.g. for an external IdP or IAM Identity Center as SAML
	// application) instead of an account: sts:AssumeRoleWithSAML with
	// SAML:aud = https://signin.aws.amazon.com/saml.
	// @default nil (TrustedAccount with MFA)
	SamlProvider awsiam.ISamlProvider
	// TrustedAccount whose principals may assume the roles, with MFA
	// (aws:MultiFactorAuthPresent). The account's own IAM policies then
	// decide who of them may call sts:AssumeRole. These are roles for
	// people: access keys and role chaining carry no MFA and are refused.
	// @default this stack's account
	TrustedAccount string
	// MaxSessionDuration of every role, 1 to 12 hours.
	// @default one hour
	MaxSessionDuration awscdk.Duration
	// PermissionsBoundary is set on every role.
	// @default none
	PermissionsBoundary awsiam.IManagedPolicy

	// ExistingAnalyzer: true when the account (or organization) already
	// has an IAM Access Analyzer for external access in this Region; none is
	// created.
	// @default false
	ExistingAnalyzer *bool
	// AnalyzerType: "ACCOUNT", or "ORGANIZATION" (deploy in the management
	// account or a delegated administrator of Access Analyzer).
	// @default "ACCOUNT"
	AnalyzerType string
	// UnusedAccessAnalyzer adds an unused-access analyzer (unused roles,
	// keys, passwords and permissions; billed per role and user analysed).
	// @default false
	UnusedAccessAnalyzer *bool
	// UnusedAccessAgeDays: access unused this long is a finding (1 to 365).
	// @default 90
	UnusedAccessAgeDays float64
}
