// Package lakeformation governs the data lake with AWS Lake Formation
// (catalogue CAT-06, CAT-07, CAT-08, CAT-09) and, for tables left in IAM
// mode, with table-level IAM policies (CAT-12).
//
// Scenario: a secure data lake is built quickly and analysts get query
// access to exactly what they need; business units in other accounts see
// only their data; hundreds of tables are governed with a few LF-tags.
//
//	admins ─▶ NewSettings (no IAMAllowedPrincipals defaults, cross-account v4)
//	S3 lake/curated/ ─▶ NewLocation (own role: that prefix + the bucket key)
//	NewTag domain/sensitivity ─▶ NewTagAssociation (database, table, columns)
//	NewDataCellsFilter (rows + columns) ─▶ NewGrant(Filtered{...}, SELECT)
//	NewGrant(Database | Table | AllTables | Columns | TagExpression | ...)
//	   └─ to an account id ─▶ Lake Formation shares through AWS RAM
//	consumer account: NewResourceLink (Glue database/table link + readers' grants)
//	IAM mode: NewIamTableAccess (glue:Get* on catalog/database/table ARNs, S3 prefix, KMS, Athena workgroup)
//
// Why this design: grants are typed Go values (Database, Table, AllTables,
// Columns, Filtered, TagExpression, TagValues, DataLocation, LinkTo), so
// the permissions are checked at synthesis against what Lake Formation
// allows on that kind of resource, and a principal that is not an IAM role
// or user ARN, an account id, an organization or OU ARN, or a token fails
// synthesis (Lake Formation would accept a typo only at deploy time, or
// grant nothing). Grants use AWS::LakeFormation::PrincipalPermissions,
// not the legacy AWS::LakeFormation::Permissions: it supports grantable
// permissions, an explicit catalog id, LF-tag expressions, LF-tag values
// and data cells filters, and its updates replace the grant instead of
// leaving the old one behind. The settings leave
// CreateDatabaseDefaultPermissions and CreateTableDefaultPermissions empty,
// so new databases and tables are governed by Lake Formation and not by
// the IAMAllowedPrincipals group; granting to IAM_ALLOWED_PRINCIPALS is
// refused. Locations are registered with their own role, never the
// service-linked role (whose S3 access is every registered location's).
// The settings make the CDK bootstrap's CloudFormation execution role an
// admin by default, and every construct given Settings waits for them, so
// the deployment can create the grants, tags, filters and registrations.
//
// Corrections to the notes: the notes give UseServiceLinkedRole: true as
// an option; the construct always registers with its own scoped role. The
// CloudFormation reference names the cross-account parameter
// CrossAccountVersion, but PutDataLakeSettings accepts only
// CROSS_ACCOUNT_VERSION, which the construct writes (version 4 by
// default; 5 is accepted). Blueprints are console/API-only: the lake is
// fed by the Glue jobs and crawlers of the other packages.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the location role's policy
// (objects under the registered prefix) and on the IAM table-access policy
// (objects under each table's prefix and the Athena results prefix).
package lakeformation
