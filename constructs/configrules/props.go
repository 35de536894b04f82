package configrules

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Delivery frequencies of configuration snapshots (Props.DeliveryFrequency).
const (
	OneHour         = "One_Hour"
	ThreeHours      = "Three_Hours"
	SixHours        = "Six_Hours"
	TwelveHours     = "Twelve_Hours"
	TwentyFourHours = "TwentyFour_Hours"
)

// Recording frequencies (Props.RecordingFrequency).
const (
	Continuous = "CONTINUOUS"
	Daily      = "DAILY"
)

// DataStoreRules are the managed rules of the notes for the lake's data
// stores (identifiers as listed in AWS Config's managed rules reference):
// encryption of buckets, Kinesis streams and RDS storage; no public reads
// of buckets and TLS-only bucket policies; point-in-time recovery of
// DynamoDB tables; no publicly accessible Redshift clusters.
var DataStoreRules = []string{
	"S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
	"S3_BUCKET_PUBLIC_READ_PROHIBITED",
	"S3_BUCKET_SSL_REQUESTS_ONLY",
	"DYNAMODB_PITR_ENABLED",
	"REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK",
	"RDS_STORAGE_ENCRYPTED",
	"KINESIS_STREAM_ENCRYPTED",
}

// StackSet rolls the rules out to the accounts of organizational units
// through a service-managed AWS::CloudFormation::StackSet with automatic
// deployment (new accounts of the units get them, removed accounts lose
// them). The stack holding it must be deployed in the organization's
// management account, or in a delegated administrator account with
// DelegatedAdmin true. Every target account needs a configuration recorder
// (Control Tower's, or this construct deployed there).
type StackSet struct {
	// OrganizationalUnitIds are the target units ("ou-xxxx-yyyyyyyy" or the
	// root "r-xxxx"). Required.
	OrganizationalUnitIds []string
	// Regions the rules are deployed to in every account. Required.
	Regions []string
	// DelegatedAdmin deploys the stack set as a delegated administrator
	// (CallAs DELEGATED_ADMIN) instead of from the management account.
	// @default false (SELF: the management account)
	DelegatedAdmin *bool
}

// Props configures Rules. nil props create a recorder of every supported
// resource type (global types included), a delivery channel to a new
// encrypted bucket every 24 hours, the DataStoreRules as individual
// managed rules, and NON_COMPLIANT changes of them → EventBridge → an
// encrypted SNS topic.
type Props struct {
	// ExistingRecorder says the account and region already record with AWS
	// Config (Control Tower, a landing zone, another stack): only the rules
	// (and the conformance pack, stack set, notifications) are created.
	// The recorder options below (ResourceTypes, GlobalResourceTypes,
	// RecordingFrequency, Bucket*, EncryptionKey, DeliveryFrequency,
	// DeliveryTopic, CreateServiceLinkedRole) are then refused. An account
	// has one recorder per region: a second one fails at deployment.
	// @default false
	ExistingRecorder *bool

	// ResourceTypes records only these types ("AWS::S3::Bucket", ...).
	// @default every supported resource type (AllSupported)
	ResourceTypes []string
	// GlobalResourceTypes records IAM users, groups, roles and customer
	// managed policies too (only with all supported types). Record them in
	// ONE region of the account: in other regions set false, or each
	// region pays for the same global items again.
	// @default true
	GlobalResourceTypes *bool
	// RecordingFrequency is CONTINUOUS (every change) or DAILY (a
	// configuration item per changed resource every 24 hours: cheaper, and
	// enough for compliance history).
	// @default CONTINUOUS
	RecordingFrequency string
	// CreateServiceLinkedRole creates AWSServiceRoleForConfig
	// (AWS::IAM::ServiceLinkedRole). The recorder always uses that role by
	// its ARN; it exists once per account, so create it here only when no
	// one has (otherwise the deployment fails), or once by hand:
	// aws iam create-service-linked-role --aws-service-name config.amazonaws.com
	// @default false
	CreateServiceLinkedRole *bool

	// Bucket receives configuration history and snapshots under
	// BucketPrefix/AWSLogs/<account>/Config/. Its policy gets the statements
	// AWS Config needs (only when the bucket belongs to this app: an
	// imported bucket's owner must add them). A bucket with a KMS key has
	// the objects encrypted with that key (S3KmsKeyArn), whose policy must
	// let config.amazonaws.com use it (added to keys of this app).
	// A DSSE-KMS securebucket denies Config's SSE-KMS uploads and Config
	// does not deliver to buckets with Object Lock: both are refused (for
	// buckets of this app); pass an SSE-KMS (or SSE-S3) bucket.
	// @default a new SSE-KMS securebucket with EncryptionKey
	Bucket awss3.IBucket
	// BucketPrefix is the key prefix in Bucket ("" for none; no leading or
	// trailing slash).
	// @default "config"
	BucketPrefix *string
	// EncryptionKey encrypts the new bucket.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// DeliveryFrequency of configuration snapshots: One_Hour, Three_Hours,
	// Six_Hours, Twelve_Hours or TwentyFour_Hours.
	// @default TwentyFour_Hours
	DeliveryFrequency string
	// DeliveryTopic receives every configuration change and delivery
	// notification of the delivery channel (a lot of messages). AWS
	// Config's guide says it does not support encrypted topics, so no topic
	// is created for the channel: compliance changes reach AlarmTopic
	// through EventBridge instead.
	// @default none
	DeliveryTopic awssns.ITopic

	// Rules are the managed rule identifiers to evaluate.
	// @default DataStoreRules
	Rules []string
	// InputParameters of managed rules, by identifier.
	// @default none
	InputParameters map[string]map[string]any
	// ConformancePack deploys the rules as one AWS::Config::ConformancePack
	// (one compliance score, deployed and deleted together) instead of
	// individual AWS::Config::ConfigRule resources.
	// @default false
	ConformancePack *bool
	// StackSet also deploys the rules (a template of ConfigRule resources)
	// to the accounts of organizational units.
	// @default none
	StackSet *StackSet

	// CreateAlarms sends NON_COMPLIANT evaluations of the rules to
	// AlarmTopic (EventBridge "Config Rules Compliance Change").
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives them; its key must let EventBridge use it.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
