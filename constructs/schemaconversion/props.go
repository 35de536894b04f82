package schemaconversion

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

// Engine is a DMS data provider engine (AWS::DMS::DataProvider Engine).
type Engine string

// The engines this construct accepts. DMS has more (mariadb, mongodb, docdb,
// db2, db2-zos, sybase): they are not DMS Schema Conversion pairs this
// library supports yet.
const (
	// MySQL is MySQL (RDS or self-managed). Settings: MySqlSettings.
	MySQL Engine = "mysql"
	// AuroraMySQL is Aurora MySQL-Compatible ("aurora"). Settings: MySqlSettings.
	AuroraMySQL Engine = "aurora"
	// PostgreSQL is PostgreSQL ("postgres"). Settings: PostgreSqlSettings.
	PostgreSQL Engine = "postgres"
	// AuroraPostgreSQL is Aurora PostgreSQL-Compatible. Settings: PostgreSqlSettings.
	AuroraPostgreSQL Engine = "aurora-postgresql"
	// Oracle is Oracle Database. Settings: OracleSettings.
	Oracle Engine = "oracle"
	// SQLServer is Microsoft SQL Server. Settings: MicrosoftSqlServerSettings.
	SQLServer Engine = "sqlserver"
	// Redshift is Amazon Redshift, a target only. Settings: RedshiftSettings.
	Redshift Engine = "redshift"
)

// SSL modes of a data provider (Settings.<Engine>Settings.SslMode).
const (
	SSLNone       = "none"
	SSLRequire    = "require"
	SSLVerifyCA   = "verify-ca"
	SSLVerifyFull = "verify-full"
)

// DataProvider is one database of the migration project: where it is and
// the secret DMS signs in with.
type DataProvider struct {
	// Engine of the database. Sources: MySQL, AuroraMySQL, PostgreSQL,
	// AuroraPostgreSQL, Oracle, SQLServer. Targets: MySQL, AuroraMySQL,
	// PostgreSQL, AuroraPostgreSQL, Redshift.
	Engine Engine
	// ServerName is the host name (a CDK token such as a cluster's endpoint
	// address is fine). Required.
	ServerName *string
	// Port the database listens on, 1 to 65535. Required.
	Port float64
	// DatabaseName: required for PostgreSQL, Aurora PostgreSQL, Oracle,
	// SQL Server and Redshift; MySQL and Aurora MySQL providers have no
	// database name in CloudFormation (MySqlSettings), so it must stay
	// empty for them (choose schemas in the project instead).
	DatabaseName string
	// SslMode: none, require, verify-ca or verify-full. Redshift providers
	// have no SslMode in CloudFormation (the cluster's require_ssl decides).
	// @default require (Redshift: unset)
	SslMode string
	// CertificateArn is the DMS certificate that verify-ca and verify-full
	// check the server against; required with them.
	// @default none
	CertificateArn *string
	// Secret holds the user name and password DMS Schema Conversion signs
	// in with (keys "username" and "password"). Required. The construct's
	// secrets role may read exactly this secret and decrypt with its key.
	Secret awssecretsmanager.ISecret
	// Connections, when given, is the database's security group side: the
	// construct lets the instance profile's security group reach Port on it.
	// @default none (open the port yourself)
	Connections awsec2.IConnectable
}

// Props configures a schema conversion setup. Vpc, Source and Target are
// required.
type Props struct {
	// Vpc the instance profile runs in. Required.
	Vpc awsec2.IVpc
	// Subnets of Vpc for the DMS subnet group: private (isolated or with
	// egress) subnets in at least two Availability Zones.
	// @default the VPC's private subnets (CDK's default selection), which
	// must not be public
	Subnets *awsec2.SubnetSelection
	// SecurityGroups of the instance profile.
	// @default a new security group with outbound access only
	SecurityGroups []awsec2.ISecurityGroup

	// EncryptionKey encrypts the instance profile's connection parameters
	// and, when the construct creates the bucket, the bucket.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// Bucket receives the assessment reports and the converted code
	// (the project's schema conversion application attributes).
	// @default a new securebucket (SSE-KMS with EncryptionKey, retained)
	Bucket awss3.IBucket
	// Prefix in Bucket for DMS Schema Conversion's files; ends in "/".
	// @default "schema-conversion/"
	Prefix string

	// Source and Target data providers. Required.
	Source DataProvider
	Target DataProvider

	// TransformationRules of the project, the JSON document DMS Schema
	// Conversion uses to rename objects during conversion.
	// @default none
	TransformationRules *string
}
