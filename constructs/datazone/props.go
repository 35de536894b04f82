package datazone

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
)

// Props configures a Catalog. Databases is required; everything else has
// a default.
type Props struct {
	// DomainName names the DataZone domain (1 to 64 letters, digits,
	// spaces, hyphens, underscores and periods).
	// @default derived from the construct's unique path
	DomainName string
	// Description of the domain.
	// @default "Data catalog and lineage of <construct path>"
	Description string
	// EncryptionKey encrypts the domain's metadata and reporting data.
	// @default a rotating customer managed key created here (retained)
	EncryptionKey awskms.IKey
	// SingleSignOn turns on IAM Identity Center sign-in to the data portal
	// (SingleSignOn Type IAM_IDC, users assigned explicitly: MANUAL).
	// Off, only IAM principals of the account sign in to the portal.
	// @default false
	SingleSignOn *bool
	// IdentityCenterInstanceArn is the IAM Identity Center instance
	// to use; only with SingleSignOn.
	// @default the organization's instance
	IdentityCenterInstanceArn *string

	// ProjectName names the project that owns the Glue data source (1 to
	// 64 letters, digits, underscores, spaces and hyphens).
	// @default "lake"
	ProjectName string
	// Members of the project besides its creator (the CloudFormation
	// identity, which DataZone makes an owner).
	// @default none
	Members []Member

	// Databases are the Glue databases the data source imports (e.g.
	// "lake_raw", "lake_curated"); names or tokens of this account and
	// region. Required.
	Databases []string
	// Schedule of the data source runs, a six-field cron expression.
	// @default "cron(0 3 * * ? *)" (daily 03:00 in Timezone)
	Schedule *string
	// Timezone of Schedule, one of Timezones ("UTC", "EUROPE_PARIS",
	// "US_EASTERN", ...).
	// @default "UTC"
	Timezone string
	// ImportDataQuality imports the Glue Data Quality results of the
	// tables with each run (AutoImportDataQualityResult).
	// @default true
	ImportDataQuality *bool
	// PublishOnImport publishes the imported assets to the catalog at once;
	// otherwise they stay in the project's inventory until someone
	// reviews and publishes them.
	// @default false
	PublishOnImport *bool
	// BusinessNames lets DataZone generate business names for the
	// imported tables and columns (generative AI recommendations).
	// @default false
	BusinessNames *bool

	// ManageAccessRole is the role DataZone uses to publish Glue tables
	// and grant access to them through Lake Formation.
	// @default a role created here with AmazonDataZoneGlueManageAccessRolePolicy
	ManageAccessRole awsiam.IRole
	// ProvisioningRole is the role DataZone uses to create the data lake
	// environment's resources (Glue databases, Athena workgroup, roles).
	// @default a role created here with AmazonDataZoneRedshiftGlueProvisioningPolicy
	ProvisioningRole awsiam.IRole
}

// Designation of a project member.
type Designation string

// The designations CloudFormation accepts for a project member.
const (
	Owner       Designation = "PROJECT_OWNER"
	Contributor Designation = "PROJECT_CONTRIBUTOR"
)

// Member is a project member: a DataZone user (its user profile id, or
// the ARN of an IAM user or role) or a group (Identity Center group id),
// exactly one of them.
type Member struct {
	User        string
	Group       string
	Designation Designation
}
