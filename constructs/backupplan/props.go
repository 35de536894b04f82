package backupplan

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// DefaultTagKey and DefaultTagValue select the resources to back up: every
// supported resource of the account and region tagged
// DataProtectionLevel=Critical (the catalogue's parameters).
const (
	DefaultTagKey   = "DataProtectionLevel"
	DefaultTagValue = "Critical"
)

// MaxContinuousRetentionDays is the longest retention of a continuous
// (point-in-time) backup: AWS Backup keeps continuous recovery points of S3,
// RDS and Aurora for 1 to 35 days.
const MaxContinuousRetentionDays = 35

// DefaultRules are the plan's rules when Props.Rules is nil: a daily backup
// at 05:00 UTC kept 35 days, and a monthly one on the 1st kept 365 days,
// moved to cold storage after 90 days where the resource type supports it
// (EFS, DynamoDB with advanced features, Timestream, EBS through the
// snapshot archive tier, SAP HANA, VMware; AWS Backup ignores the transition
// for S3, RDS, Aurora and Redshift).
func DefaultRules() []Rule {
	return []Rule{
		{Name: "Daily", Schedule: "cron(0 5 * * ? *)", RetentionDays: 35},
		{Name: "Monthly", Schedule: "cron(0 5 1 * ? *)", RetentionDays: 365, ColdStorageAfterDays: 90},
	}
}

// Rule is one scheduled (snapshot) rule of the plan.
type Rule struct {
	// Name of the rule: 1 to 50 letters, digits, '-', '_' or '.', unique in
	// the plan.
	Name string
	// Schedule is a six-field cron(...) expression in UTC (AWS Backup runs a
	// rule at most once an hour).
	Schedule string
	// RetentionDays: recovery points are deleted this many days after
	// creation (at least 1; with ColdStorageAfterDays at least 90 more).
	RetentionDays float64
	// ColdStorageAfterDays moves recovery points to cold storage this many
	// days after creation, where the resource type supports it.
	// @default 0 (never)
	ColdStorageAfterDays float64
}

// Copy copies every recovery point of the scheduled rules to a second vault,
// usually in another Region or account of the organisation.
type Copy struct {
	// VaultArn of the destination vault:
	// arn:<partition>:backup:<region>:<account>:backup-vault:<name>. A vault
	// in another account must allow this account's backup:CopyIntoBackupVault
	// in its access policy (Props.CopySourceAccounts on that side), and both
	// accounts must be in the same AWS Organization.
	VaultArn string
	// RetentionDays of the copies.
	// @default the retention of the rule being copied
	RetentionDays float64
	// ColdStorageAfterDays moves the copies to cold storage (RetentionDays
	// must then be at least 90 days more).
	// @default 0 (never)
	ColdStorageAfterDays float64
}

// VaultLock configures AWS Backup Vault Lock on the vault.
//
// Without ChangeableForDays the lock is in governance mode: principals with
// backup:DeleteBackupVaultLockConfiguration can remove it, and the retention
// bounds apply to everyone else. With ChangeableForDays (at least 3, AWS's
// 72-hour cooling-off period) the lock turns into compliance mode when that
// grace period ends: from then on nobody, not the root user and not AWS, can
// change or remove the lock, shorten a recovery point's retention or delete
// the vault while it holds recovery points.
type VaultLock struct {
	// MinRetentionDays: every backup and copy job into the vault must keep
	// its recovery point at least this long (1 to 36500).
	MinRetentionDays float64
	// MaxRetentionDays: no job may keep a recovery point longer (1 to 36500).
	// @default 0 (no maximum)
	MaxRetentionDays float64
	// ChangeableForDays is the grace period before compliance mode (3 to
	// 36500 days).
	// @default 0 (governance mode)
	ChangeableForDays float64
}

// Props configures a Plan. nil props back up every resource tagged
// DataProtectionLevel=Critical daily (35 days) and monthly (365 days) into a
// new vault encrypted with a new customer managed key, and notify failed
// jobs to a new encrypted topic.
type Props struct {
	// EncryptionKey encrypts the vault's recovery points (for resources AWS
	// Backup fully manages: S3, DynamoDB with advanced features, EFS, ...;
	// RDS, Aurora, EBS keep their own keys). It must be a customer managed
	// key: cross-account copies need a key the destination account can be
	// allowed to use.
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// AwsOwnedKey asks for the vault's default encryption (the AWS managed
	// key aws/backup). It is always refused: a vault without a customer
	// managed key cannot share its key with another account, so its backups
	// of RDS, Aurora or EBS cannot be copied there, and the key's policy is
	// not yours to audit. The field exists so that the request fails with the
	// reason instead of being silently ignored.
	AwsOwnedKey *bool

	// BreakGlassRole is the one principal the vault's access policy lets
	// delete recovery points, shorten their lifecycle and delete the vault.
	// @default nobody: recovery points only expire by their lifecycle
	BreakGlassRole awsiam.IRole
	// Lock adds AWS Backup Vault Lock (governance or compliance mode).
	// @default no lock
	Lock *VaultLock
	// CopySourceAccounts are account ids allowed to copy recovery points
	// into this vault (backup:CopyIntoBackupVault), for a vault that is the
	// destination of another account's Copy.
	CopySourceAccounts []string

	// Rules are the scheduled rules.
	// @default DefaultRules(): daily 35 days, monthly 365 days (cold after 90)
	Rules []Rule
	// Continuous adds a rule with continuous backup (point-in-time
	// recovery) for the selected S3 buckets, RDS instances and Aurora
	// clusters.
	// @default false
	Continuous *bool
	// ContinuousRetentionDays of the continuous rule (1 to 35).
	// @default 35
	ContinuousRetentionDays float64
	// StartWindow: a job that has not started this long after its scheduled
	// time is cancelled (and reported). At least one hour.
	// @default one hour
	StartWindow awscdk.Duration
	// CompletionWindow: a started job still running after this long is
	// cancelled. Longer than StartWindow.
	// @default 7 days (large first S3 backups take long)
	CompletionWindow awscdk.Duration
	// CopyTo copies the scheduled rules' recovery points to another vault.
	// @default no copy
	CopyTo *Copy

	// SelectByTag selects every supported resource tagged TagKey=TagValue.
	// @default true
	SelectByTag *bool
	// TagKey and TagValue of the tag selection.
	// @default DefaultTagKey, DefaultTagValue
	TagKey, TagValue string
	// Buckets to back up explicitly. S3 backups need versioning: a bucket of
	// this app is checked from its AWS::S3::Bucket; an imported one needs
	// BucketsVersioned.
	Buckets []awss3.IBucket
	// BucketsVersioned asserts that the imported Buckets are versioned.
	BucketsVersioned *bool
	// Tables are DynamoDB tables to back up explicitly.
	Tables []awsdynamodb.ITable
	// ResourceArns of other resources to back up explicitly: RDS instances
	// and Aurora clusters (rds), EFS (elasticfilesystem), EBS volumes and EC2
	// instances (ec2), provisioned Redshift clusters (redshift), DocumentDB
	// and Neptune clusters (rds), FSx (fsx), Timestream tables (timestream),
	// S3 buckets (s3), DynamoDB tables (dynamodb).
	ResourceArns []string
	// AllowRestores attaches the restore policies to the backup role, so
	// restores can use it.
	// @default true
	AllowRestores *bool

	// NotificationTopic receives the vault's job events. Its key policy must
	// let backup.amazonaws.com use the key (kms:GenerateDataKey*,
	// kms:Decrypt); a topic of this app is granted that automatically.
	// @default a new topic encrypted with its own customer managed key
	NotificationTopic awssns.ITopic
	// NotificationEvents sent to the topic.
	// @default DefaultNotificationEvents
	NotificationEvents []string
}
