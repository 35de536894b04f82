package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Encryption is how objects are encrypted at rest.
type Encryption string

const (
	// DSSEKMS is dual-layer server-side encryption with one customer managed
	// KMS key (SSEAlgorithm aws:kms:dsse). The default.
	DSSEKMS Encryption = "DSSE_KMS"
	// SSEKMS is server-side encryption with a customer managed KMS key
	// (aws:kms), with an S3 Bucket Key by default.
	SSEKMS Encryption = "SSE_KMS"
	// SSES3 is server-side encryption with S3 managed keys (AES256).
	SSES3 Encryption = "SSE_S3"
)

// Props configures a SecureBucket. A nil *Props, and every nil field, means
// the secure default written next to the field.
type Props struct {
	// Encryption of objects at rest.
	// @default DSSEKMS
	Encryption Encryption

	// EncryptionKey is an existing KMS key for DSSEKMS or SSEKMS.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// KeyProps configure the new key (not with EncryptionKey, not with SSES3).
	KeyProps *awskms.KeyProps

	// BucketKeyEnabled turns on an S3 Bucket Key. Not supported with DSSEKMS.
	// @default true for SSEKMS, false otherwise
	BucketKeyEnabled *bool

	// Versioned keeps every version of every object.
	// @default true
	Versioned *bool

	// Lifecycle tiers, expires and cleans up objects.
	// @default only incomplete multipart uploads are aborted after 7 days
	Lifecycle *Lifecycle

	// ObjectLock makes object versions undeletable for a retention period.
	// Needs versioning. Can only be turned on when the bucket is created.
	// @default off
	ObjectLock *ObjectLock

	// Replication copies new objects to another bucket (other region or
	// account). Needs versioning on both buckets.
	// @default off
	Replication *Replication

	// ServerAccessLogs turns S3 server access logging on.
	// @default true
	ServerAccessLogs *bool
	// ExistingLogBucket receives the access logs instead of a new log bucket.
	ExistingLogBucket awss3.IBucket
	// LogBucketProps configure the new log bucket (not with ExistingLogBucket).
	LogBucketProps *awss3.BucketProps
	// LogRetention is how long the new log bucket keeps access logs.
	// @default 365 days
	LogRetention awscdk.Duration
	// LogPrefix is the key prefix of this bucket's access logs.
	// @default "access-logs/"
	LogPrefix *string

	// MinimumTLSVersion denies requests below this TLS version.
	// @default 1.2
	MinimumTLSVersion *float64

	// EventBridge turns on S3 event notifications to EventBridge.
	// @default true
	EventBridge *bool

	// BucketProps override any default of the data bucket. Fields set here
	// win over the defaults above and over the typed fields' defaults; setting
	// a typed field and the same BucketProps field is an error.
	BucketProps *awss3.BucketProps
}

// Lifecycle are the lifecycle rules of the bucket. Durations are whole days.
type Lifecycle struct {
	// Prefix limits the tiering and expiration rule to keys under it.
	// @default the whole bucket
	Prefix *string
	// InfrequentAccessAfter moves current versions to STANDARD_IA (at least 30 days).
	InfrequentAccessAfter awscdk.Duration
	// GlacierAfter moves current versions to GLACIER (Flexible Retrieval); at
	// least 30 days after InfrequentAccessAfter when both are set.
	GlacierAfter awscdk.Duration
	// DeepArchiveAfter moves current versions to DEEP_ARCHIVE.
	DeepArchiveAfter awscdk.Duration
	// Expiration deletes current versions (a delete marker when versioned).
	Expiration awscdk.Duration
	// NoncurrentVersionExpiration deletes noncurrent versions after this time.
	// @default noncurrent versions are kept
	NoncurrentVersionExpiration awscdk.Duration
	// AbortIncompleteUploadsAfter aborts unfinished multipart uploads.
	// @default 7 days
	AbortIncompleteUploadsAfter awscdk.Duration
}

// NotesLifecycle is the study notes' example (STO-01): Standard-IA after 6
// months (180 days) and Glacier after 2 years (730 days), in one rule.
func NotesLifecycle() *Lifecycle {
	return &Lifecycle{
		InfrequentAccessAfter: awscdk.Duration_Days(f(180)),
		GlacierAfter:          awscdk.Duration_Days(f(730)),
	}
}

// LockMode is the Object Lock retention mode.
type LockMode string

const (
	// Governance lets users with s3:BypassGovernanceRetention delete early.
	Governance LockMode = "GOVERNANCE"
	// Compliance lets nobody, not even the root user, delete early.
	Compliance LockMode = "COMPLIANCE"
)

// ObjectLock is the default retention of new object versions.
type ObjectLock struct {
	Mode LockMode
	// Retention is the default retention period in whole days (1 day to 100 years).
	Retention awscdk.Duration
}

// Replication copies objects to a destination bucket.
type Replication struct {
	// Destination bucket, typically imported by ARN from another region:
	// awss3.Bucket_FromBucketAttributes(scope, id, &awss3.BucketAttributes{BucketArn: ..., Region: ...}).
	Destination awss3.IBucket
	// DestinationKey encrypts the replicas (required when the source is KMS
	// encrypted; imported with awskms.Key_FromKeyArn).
	DestinationKey awskms.IKey
	// StorageClass of the replicas.
	// @default the source object's storage class
	StorageClass awss3.StorageClass
	// DeleteMarkerReplication replicates delete markers.
	// @default false (a delete in the source does not hide the replica)
	DeleteMarkerReplication *bool
	// Prefix limits replication to keys under it.
	// @default the whole bucket
	Prefix *string
}

func f(v float64) *float64 { return &v }
