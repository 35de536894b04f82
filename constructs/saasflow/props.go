package saasflow

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

// Defaults of the flow.
const (
	// DefaultSchedule runs the flow every hour. AppFlow's rate syntax has
	// no space between the number and the unit (EventBridge's has one).
	DefaultSchedule = "rate(1hours)"
	// DefaultIncrementalField is the Salesforce system field every standard
	// and custom object carries and updates on each change.
	DefaultIncrementalField = "LastModifiedDate"
	// DefaultPrefixFormat partitions the objects by day.
	DefaultPrefixFormat = "DAY"
	// Parquet is the default output file type.
	Parquet = "PARQUET"
)

// SalesforceConnection creates the AppFlow connector profile in the stack
// from credentials held in Secrets Manager. Without it the flow uses an
// existing profile (Props.ConnectorProfileName) created once by a person in
// the AppFlow console (the OAuth browser login).
type SalesforceConnection struct {
	// InstanceUrl of the Salesforce org, https://<domain>.my.salesforce.com.
	// Required.
	InstanceUrl string
	// Sandbox marks a Salesforce sandbox org (test.salesforce.com login).
	// @default false
	Sandbox *bool
	// ClientCredentials is the secret holding the Salesforce connected app's
	// client id and client secret (AppFlow's ClientCredentialsArn). The
	// principal that deploys the stack must be able to read it (AppFlow reads
	// it with the caller's permissions when the profile is created). Required.
	ClientCredentials awssecretsmanager.ISecret
	// JwtToken switches the OAuth grant from CLIENT_CREDENTIALS to
	// JWT_BEARER. It must be a reference resolved by CloudFormation at deploy
	// time (awscdk.SecretValue_SecretsManager(...)), never a plain value: a
	// literal would be written into the template and the CDK assets.
	// @default no JWT: the client credentials grant
	JwtToken awscdk.SecretValue
}

// Props configures a Flow. Object and one of ConnectorProfileName or
// Salesforce are required.
type Props struct {
	// ConnectorProfileName of an existing Salesforce connection (the
	// documented one-time step: create it in the AppFlow console with the
	// OAuth login, or with `aws appflow create-connector-profile`).
	// Not with Salesforce.
	ConnectorProfileName string
	// Salesforce creates the connector profile from Secrets Manager.
	// Not with ConnectorProfileName.
	Salesforce *SalesforceConnection

	// Object is the Salesforce object's API name (Account, Opportunity,
	// Invoice__c). Required.
	Object string
	// Fields are the API names of the fields to copy. The flow projects them
	// (a Filter PROJECTION task) and maps each one to a column of the same
	// name. The incremental field must be among them.
	// @default every field, including fields added later (a Map_all task)
	Fields []string
	// IncrementalField is the timestamp field that selects the records
	// changed since the previous run.
	// @default DefaultIncrementalField (LastModifiedDate)
	IncrementalField string
	// FullPull copies the whole object on every run (DataPullMode Complete)
	// instead of the records changed since the previous run. It needs
	// FullPullReason: every run then rewrites the object and consumes the
	// org's API limits.
	// @default false (incremental)
	FullPull *bool
	// FullPullReason says why the object is copied whole (e.g. it has no
	// reliable timestamp, or deletions must show up).
	FullPullReason string
	// IncludeDeletedRecords also copies records in the recycle bin.
	// @default false
	IncludeDeletedRecords *bool
	// Schedule of the flow in AppFlow's syntax: rate(<n>minutes),
	// rate(<n>hours) or rate(<n>days), without a space.
	// @default DefaultSchedule, hourly
	Schedule string
	// Suspended creates the flow suspended (no run until it is activated).
	// @default false: the flow is activated and runs on its schedule
	Suspended *bool

	// Bucket receives the data (the lake's raw bucket). Its policy gets the
	// statement letting AppFlow write under Prefix; a bucket imported into
	// the app cannot be changed, so it needs ImportedBucketAllowsAppFlow.
	// @default a new securebucket (SSE-KMS with the flow's key, bucket keys,
	// versioned, TLS only, retained)
	Bucket awss3.IBucket
	// ImportedBucketAllowsAppFlow confirms that the imported Bucket's policy
	// already lets appflow.amazonaws.com write (s3:PutObject,
	// s3:AbortMultipartUpload, s3:ListMultipartUploadParts,
	// s3:ListBucketMultipartUploads, s3:GetBucketAcl, s3:PutObjectAcl) and
	// that its key lets AppFlow use it.
	ImportedBucketAllowsAppFlow *bool
	// Prefix of the objects in the bucket, without leading or trailing
	// slash. AppFlow adds the flow name and the date path under it.
	// @default "saas/salesforce/<object in lower case>"
	Prefix string
	// PrefixFormat is the date granularity of the path: YEAR, MONTH, DAY,
	// HOUR or MINUTE.
	// @default DefaultPrefixFormat (DAY)
	PrefixFormat string
	// FileType of the output: PARQUET, or JSON / CSV with FileTypeReason.
	// @default Parquet
	FileType string
	// FileTypeReason says why the lake receives row-oriented text instead of
	// Parquet (e.g. a consumer that only reads JSON).
	FileTypeReason string
	// TargetFileSizeMB splits each run's output into files of about this
	// size (1 to 1024 MB).
	// @default 0: one file per run (AggregationType SingleFile)
	TargetFileSizeMB float64

	// EncryptionKey encrypts the connector profile's credentials and the
	// flow's data in transit, and the new bucket when the construct creates
	// it. It must be a customer managed key.
	// @default the given Bucket's key, else a new rotating, retained key
	EncryptionKey awskms.IKey
}
