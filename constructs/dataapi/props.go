package dataapi

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// Query is one resource of the API, GET /<Name>: a SQL template whose
// ":name" placeholders are the declared parameters (see package
// functions/dataapi/query). The template must be one SELECT (or WITH ...
// SELECT) statement without ";" or bare "?". With Athena, placeholders may
// only stand where Athena accepts execution parameters (WHERE clause
// values).
type Query = query.Query

// Param is a named, typed parameter of a Query: String (a Pattern the
// whole value must match, MaxLength), Int (Min and Max) or Date
// (YYYY-MM-DD). Without a Default the parameter is required.
type Param = query.Param

// The parameter types.
const (
	String = query.String
	Int    = query.Int
	Date   = query.Date
)

// Auth is how callers authenticate.
type Auth string

// The authorization types.
const (
	// IAM: SigV4-signed requests of principals granted execute-api:Invoke
	// (GrantInvoke). The default.
	IAM Auth = "IAM"
	// Cognito: an ID or access token of Props.UserPool in the
	// Authorization header.
	Cognito Auth = "COGNITO"
	// None is refused: a data API without authentication publishes the
	// data to the internet. The value exists so that the request fails
	// with the reason.
	None Auth = "NONE"
)

// Defaults.
const (
	DefaultStage       = "v1"
	DefaultRateLimit   = 50
	DefaultBurstLimit  = 100
	DefaultPageSize    = 100
	DefaultMaxPageSize = query.MaxPageSize
	// MaxSpecBytes bounds the queries handed to the function in its
	// environment (Lambda allows 4 KB of environment in all).
	MaxSpecBytes = 3072
)

// Athena is the Athena backend: queries run in WorkGroup (whose enforced
// settings give the results location, encryption and the bytes-scanned
// cutoff) against Database of Catalog.
type Athena struct {
	// WorkGroup the queries run in (required): a workgroup of this
	// library (constructs/athena), whose results bucket and key the
	// function is granted.
	WorkGroup *athena.WorkGroup
	// Catalog of the database.
	// @default "AwsDataCatalog"
	Catalog string
	// Database the queries name their tables in (required).
	Database string
	// Tables the queries read (required): glue:GetTable and
	// glue:GetPartitions are granted on these only.
	Tables []string
	// DataBuckets hold the tables' data; the function is granted read
	// access. Tables governed by Lake Formation need a Lake Formation
	// grant to the function's role instead (not made here).
	DataBuckets []awss3.IBucket
	// ReuseResultsMinutes lets Athena answer an identical query (same text
	// and parameters) from a result at most this old (1 to 10080).
	// @default 0 (every request runs its query)
	ReuseResultsMinutes float64
}

// Redshift is the Redshift Data API backend: a provisioned cluster (as
// DbUser with temporary credentials, or with Secret) or a serverless
// workgroup (the function's IAM identity, or Secret).
type Redshift struct {
	// ClusterIdentifier of a provisioned cluster.
	ClusterIdentifier string
	// DbUser the statements run as on the cluster
	// (redshift:GetClusterCredentials on this user and Database only).
	DbUser string
	// Secret with the database user's credentials (instead of DbUser, or
	// on serverless instead of the IAM identity).
	Secret awssecretsmanager.ISecret
	// WorkgroupName of a serverless workgroup, and its WorkgroupArn
	// (arn:<partition>:redshift-serverless:<region>:<account>:workgroup/<id>).
	WorkgroupName, WorkgroupArn string
	// Database (required).
	Database string
}

// Props configures a DataAPI. Queries and one backend (Athena or
// Redshift) are required.
type Props struct {
	// Queries are the API's resources (at least one).
	Queries []Query
	// Athena or Redshift answers the queries (exactly one).
	Athena   *Athena
	Redshift *Redshift

	// Auth of every method: IAM or Cognito; None is refused.
	// @default IAM
	Auth Auth
	// UserPool whose tokens the Cognito authorizer accepts (Auth Cognito).
	UserPool awscognito.IUserPool
	// AuthorizationScopes an access token must carry (Auth Cognito); none
	// means ID tokens of the pool are accepted.
	AuthorizationScopes []string

	// StageName of the deployment.
	// @default "v1"
	StageName string
	// RateLimit (requests per second) and BurstLimit of the stage.
	// @default 50 and 100
	RateLimit, BurstLimit float64
	// WebAclArn associates a regional AWS WAF web ACL with the stage.
	// @default none
	WebAclArn string

	// DefaultPageSize and MaxPageSize bound page_size (rows per answer).
	// @default 100 and 999
	DefaultPageSize, MaxPageSize float64
	// TokenTTL: a page token is refused this long after the first page
	// (1 minute to 24 hours: the Data API keeps results 24 hours).
	// @default 1 hour
	TokenTTL awscdk.Duration

	// EncryptionKey encrypts the log groups (access, execution, function).
	// Its policy must let CloudWatch Logs use it.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// LogRetention of the log groups (finite).
	// @default one year
	LogRetention awslogs.RetentionDays
	// CreateAlarms on 5xx answers of the API and errors of the function.
	// @default true
	CreateAlarms *bool
	// AlarmTopic is notified (ALARM and OK).
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
