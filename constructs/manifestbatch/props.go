package manifestbatch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Script is the shipped merge job (glue/jobs/merge_manifest.py), the
// default of JobProps.Script.
const Script = "merge_manifest.py"

// Defaults of the key layout.
const (
	DefaultIncomingPrefix = "incoming/"
	DefaultManifestSuffix = ".manifest"
	DefaultOutputPrefix   = "merged/"
	// DefaultMaxConcurrency is how many files the check heads at once.
	DefaultMaxConcurrency = 10
)

// Props configures a Batch. Every field is optional; nil means the secure
// default written next to it.
type Props struct {
	// ExistingBucket receives the files, the manifests and the merged
	// output. Its EventBridge notifications must be on, and it must accept
	// SSE-KMS uploads with the job's key (the job's security configuration
	// encrypts what it writes): import it with its EncryptionKey so the job
	// writes with that key and the state machine can read the manifests.
	// @default a new securebucket (SSE-KMS, EventBridge on)
	ExistingBucket awss3.IBucket
	// BucketProps configure the new bucket (not with ExistingBucket).
	// Encryption must stay SSE-KMS and EventBridge on.
	BucketProps *securebucket.Props

	// IncomingPrefix is where producers upload files and manifests: a key
	// prefix ending in "/", without wildcards. The trigger and the state
	// machine's object reads are limited to it.
	// @default "incoming/"
	IncomingPrefix *string
	// ManifestSuffix ends the key of a manifest; only such objects under
	// IncomingPrefix start the pipeline (the data files must not end so).
	// @default ".manifest"
	ManifestSuffix *string
	// OutputPrefix receives one folder per batch (<prefix>batch=<batch>/):
	// a key prefix ending in "/", neither inside IncomingPrefix nor holding
	// it (the merged file would start or feed the next batch).
	// @default "merged/"
	OutputPrefix *string

	// MaxConcurrency bounds how many files the check heads at the same
	// time (S3 request rate, and the execution's history), 1 to 40.
	// @default 10
	MaxConcurrency *float64

	// ExistingJobName runs this Glue job instead of creating one. It must
	// take merge_manifest.py's arguments (--manifest_bucket,
	// --manifest_key, --incoming_prefix, --output_path) and hold the grants
	// itself: the construct cannot add them to a job it does not own.
	ExistingJobName *string
	// JobProps override the merge job's defaults (not with
	// ExistingJobName): Script (default merge_manifest.py), Workers,
	// WorkerType, Timeout, MaxConcurrentRuns (default 3), ... Bookmarks stay
	// off (the manifest names what to read); the arguments
	// --incoming_prefix and --output_path are the construct's.
	JobProps *gluejob.Props

	// ClaimTableProps override the claim table's defaults (on demand, PITR,
	// customer managed key, retained). Its keys are the construct's.
	ClaimTableProps *awsdynamodb.TableProps
	// ClaimRetention lets DynamoDB delete a finished claim after this long
	// (TTL attribute "expiresAt"); a manifest with the same content uploaded
	// after that runs again. 1 day to 10 years.
	// @default claims are kept: a manifest never runs twice
	ClaimRetention awscdk.Duration

	// AlarmTopic receives the failure notices (a missing file, a bad
	// manifest, a failed merge) and the state machine's alarm.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
	// AlarmTopicKey is AlarmTopic's KMS key, if it has one (publishing
	// needs it).
	AlarmTopicKey awskms.IKey

	// Timeout of one execution (the merge job's run included).
	// @default 3 hours
	Timeout awscdk.Duration
}
