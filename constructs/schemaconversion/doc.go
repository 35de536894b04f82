// Package schemaconversion deploys DMS Schema Conversion (catalogue CAT-11,
// sct-dms-schema-conversion), the managed successor of the desktop AWS
// Schema Conversion Tool (SCT): a migration project that assesses a source
// database's schema and code and converts it for another engine.
//
// Scenario: a heterogeneous migration (Oracle or SQL Server to PostgreSQL,
// MySQL or Redshift; MySQL to PostgreSQL) needs its tables, views, stored
// procedures and types converted before DMS moves the data.
//
//	source DB ◀─┐                                   ┌─▶ target DB
//	            │  instance profile (private subnets, │
//	            └─ security group, KMS key) ─────────┘
//	  data providers (engine, host, port, database, SSL require)
//	  secrets ◀── SecretsRole (GetSecretValue on exactly those secrets,
//	              kms:Decrypt through Secrets Manager on their keys)
//	  migration project ─▶ S3 bucket/prefix (assessment reports, converted
//	              code) through BucketRole (read/write under the prefix)
//
// What CloudFormation creates (New): a DMS subnet group over the given
// private subnets (two zones at least, public subnets refused), a security
// group (or the given ones) that the construct lets into each database whose
// Connections are given, an AWS::DMS::InstanceProfile (not publicly
// accessible, IPv4, connection parameters encrypted with a customer managed
// key), one AWS::DMS::DataProvider per side with the engine's settings
// block (MySqlSettings for mysql and aurora, PostgreSqlSettings for postgres
// and aurora-postgresql, OracleSettings, MicrosoftSqlServerSettings,
// RedshiftSettings) and SSL mode require by default, a retained SSE-KMS
// securebucket (or the given bucket) and an AWS::DMS::MigrationProject
// naming the instance profile, both providers with their secrets and the
// secrets role, the bucket path and its role, and optional transformation
// rules.
//
// What stays a console or API step (DMS Schema Conversion has no
// CloudFormation resource for it): starting the metadata import, the
// assessment report (ExportMetadataModelAssessment), the conversion
// (StartMetadataModelConversion), reviewing action items, and applying the
// converted code to the target (StartMetadataModelExportToTarget, or saving
// SQL to S3 and running it); then the data moves with a DMS task (package
// cdcreplication). The account's dms-vpc-role must exist before the subnet
// group (cdcreplication.AccountRoles creates it).
//
// Checked at synthesis: the VPC and its subnets, ports 1 to 65535, known
// engines, a source DMS Schema Conversion accepts (Redshift is a target
// only) and a target it accepts (not Oracle or SQL Server), MySQL sources
// only towards PostgreSQL (the pair AWS documents; MySQL to Redshift is not
// a conversion DMS Schema Conversion offers: DMS's Redshift endpoint creates
// plain tables itself), no homogeneous pair, database names where the
// CloudFormation schema requires them and none where it has none (MySQL),
// SSL modes (none for Redshift, whose schema has none), a certificate for
// verify-ca and verify-full, the secrets, the prefix and the rules' JSON.
//
// The notes, corrected: "Schema Conversion Too" is the AWS Schema
// Conversion Tool; SCT is a desktop application (not deployable), whose
// managed form for OLTP engines is DMS Schema Conversion; DMS's replication
// does not convert code objects (procedures, functions, views): it creates
// tables only.
//
// cdk-nag: AwsSolutions-IAM5 is suppressed on the bucket role's policy (its
// object wildcard under the prefix and the KMS data-key actions of the
// bucket's key, from CDK's grantReadWrite).
package schemaconversion
