package lakeformation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
)

// SettingsProps configures the account's data lake settings. Admins is
// required.
type SettingsProps struct {
	// Admins are the data lake administrators: IAM role or user ARNs (or
	// tokens of them). They hold every Lake Formation permission.
	Admins []string
	// DeployRoleAdmin makes the CDK bootstrap's CloudFormation execution role
	// an admin too, so that the stacks deploying grants, tags, filters and
	// registrations keep the right to (with Replace, a settings write that
	// omitted it would lock the deployments out).
	// @default true
	DeployRoleAdmin *bool
	// ReadOnlyAdmins may see every resource and permission but change none.
	// @default none
	ReadOnlyAdmins []string
	// MutationType: Replace writes the whole settings (admins not listed are
	// removed), Append adds to the account's current settings (for accounts
	// whose admins are also managed elsewhere).
	// @default Replace
	MutationType MutationType
	// CrossAccountVersion is the cross-account sharing version: 3, 4 or 5
	// (3 and later share LF-tag grants through AWS RAM too; 4 adds sharing in
	// hybrid access mode; 5 reduces RAM shares further).
	// @default 4
	CrossAccountVersion *int
	// TrustedResourceOwners are accounts (12-digit ids) that may see the
	// user ARNs of this account's principals in their CloudTrail logs.
	// @default none
	TrustedResourceOwners []string
}

// LocationProps configures a registered location. Bucket is required.
type LocationProps struct {
	// Bucket and Prefix are the location; an empty Prefix registers the
	// whole bucket.
	Bucket awss3.IBucket
	Prefix string
	// Role is used for the registration instead of a new one; it is granted
	// the same S3 and KMS access (it must trust lakeformation.amazonaws.com).
	// @default a new role trusted by lakeformation.amazonaws.com
	Role awsiam.IRole
	// ReadOnly grants the role only reads (tables in the location can then
	// be queried, not written through Lake Formation).
	// @default false: read and write
	ReadOnly *bool
	// HybridAccess registers the location in hybrid access mode: principals
	// not opted in keep their IAM access.
	// @default false
	HybridAccess *bool
	// Settings, when given, are deployed first (the deploying role must be
	// an admin to register).
	Settings *Settings
}

// GrantProps configures one grant. Principal, Resource and Permissions are
// required.
type GrantProps struct {
	// Principal is an IAM role or user ARN, a 12-digit account id (a
	// cross-account grant: Lake Formation shares through AWS RAM), an
	// organization or OU ARN, or a token of one (role.RoleArn()).
	Principal string
	// Resource is what is granted: Database, Table, AllTables, Columns,
	// Filtered, TagExpression, TagValues, DataLocation or LinkTo.
	Resource Resource
	// Permissions granted, among what Lake Formation allows on Resource.
	Permissions []Permission
	// Grantable are the Permissions the principal may grant on (to other
	// principals of its account, e.g. a consumer account's admin).
	// @default none
	Grantable []Permission
	// DependsOn are constructs the grant must wait for (the database or
	// table granted on, when the same stack creates it).
	DependsOn []constructs.IDependable
	// Settings, when given, are deployed first.
	Settings *Settings
}

// TagProps configures an LF-tag. Key and Values are required.
type TagProps struct {
	Key    string
	Values []string
	// CatalogId owns the tag. @default the stack's account
	CatalogId string
	// Settings, when given, are deployed first.
	Settings *Settings
}

// TagAssociationProps attaches LF-tags to a catalog resource. Resource and
// Tags are required.
type TagAssociationProps struct {
	// Resource is a Database, Table or Columns (Include names the columns
	// tagged). Tables inherit their database's LF-tags.
	Resource Resource
	// Tags attached, one value each.
	Tags []TagCondition
	// TagCatalogId owns the tags. @default the stack's account
	TagCatalogId string
	// DependsOn are constructs the association must wait for (the database
	// or table tagged, when the same stack creates it).
	DependsOn []constructs.IDependable
	// Settings, when given, are deployed first.
	Settings *Settings
}

// FilterProps configures a data cells filter. Database and Table are
// required, and at least one of RowFilter, Columns, ExcludedColumns.
type FilterProps struct {
	Database, Table string
	// Name of the filter. @default a unique name derived from the construct path
	Name string
	// RowFilter is the PartiQL predicate of the rows shown
	// ("country = 'DE'"). @default every row
	RowFilter string
	// Columns shown (column-level or, with RowFilter, cell-level security).
	// @default every column (but ExcludedColumns)
	Columns []string
	// ExcludedColumns are hidden, every other column shown. Not with Columns.
	ExcludedColumns []string
	// CatalogId owns the table. @default the stack's account
	CatalogId string
	// DependsOn are constructs the filter must wait for (its table).
	DependsOn []constructs.IDependable
	// Settings, when given, are deployed first.
	Settings *Settings
}

// ResourceLinkProps configures the receiving side of a share. OwnerAccount
// and SharedDatabase are required.
type ResourceLinkProps struct {
	// OwnerAccount shared the database or table (12-digit id).
	OwnerAccount string
	// SharedDatabase is the shared database's name in the owner's catalog.
	SharedDatabase string
	// SharedTable makes a table link to that table instead of a database link.
	// @default a database link
	SharedTable string
	// LinkDatabase is the local database holding a table link (with
	// SharedTable only).
	LinkDatabase string
	// Name of the link. @default a unique lower-case name from the construct path
	Name string
	// Region of the shared resource. @default the stack's region
	Region string
	// Readers are local principals (role ARNs or tokens) given DESCRIBE on
	// the link and SELECT, DESCRIBE on what it points to.
	// @default none
	Readers []string
	// Settings, when given, are deployed first.
	Settings *Settings
}

// IamTableAccessProps configures IAM-only table access (no Lake Formation).
// Database, Tables and Roles are required.
type IamTableAccessProps struct {
	Database string
	// Tables readable, each with the bucket and prefix of its data.
	Tables []IamTable
	// Roles of the Athena or Glue users that get the policy.
	Roles []awsiam.IRole
	// Write adds partition writes (MSCK REPAIR TABLE, ALTER TABLE ADD
	// PARTITION, INSERT INTO) and S3 puts under the tables' prefixes.
	// @default false
	Write *bool
	// DenyDrop denies dropping the tables and the database
	// (glue:DeleteTable, BatchDeleteTable, DeleteDatabase) explicitly, so no
	// other policy of the roles can allow it.
	// @default true
	DenyDrop *bool
	// Workgroup lets the roles run queries in this Athena workgroup, writing
	// results under ResultsBucket/ResultsPrefix (all three or none).
	// @default no Athena actions (Glue jobs only)
	Workgroup     string
	ResultsBucket awss3.IBucket
	ResultsPrefix string
}
