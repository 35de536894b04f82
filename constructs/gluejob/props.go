package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Bookmarks is the job's --job-bookmark-option.
type Bookmarks string

const (
	// BookmarksEnable keeps state between runs: each run processes only what
	// the previous committed runs did not. The default for batch jobs.
	BookmarksEnable Bookmarks = "job-bookmark-enable"
	// BookmarksDisable processes the whole source on every run.
	BookmarksDisable Bookmarks = "job-bookmark-disable"
	// BookmarksPause processes what came after the last committed bookmark
	// without advancing it (reruns, backfills).
	BookmarksPause Bookmarks = "job-bookmark-pause"
)

// JobType is the kind of Glue job (its Command.Name).
type JobType string

const (
	// ETL is a batch Spark job (glueetl), with bookmarks.
	ETL JobType = "glueetl"
	// Streaming is a Spark Structured Streaming job (gluestreaming,
	// catalogue ETL-08). It keeps its position in a checkpoint (the construct
	// passes --checkpoint_location), not in bookmarks, and runs until stopped.
	Streaming JobType = "gluestreaming"
	// PythonShell is a plain Python job (pythonshell) for small tasks such as
	// a workflow's notification step (ORC-01); no Spark, no bookmarks.
	PythonShell JobType = "pythonshell"
)

// Props configures a GlueJob. Script is required; every other field is
// optional and nil means the secure default written next to it.
type Props struct {
	// Script is the path of the PySpark script in this repository (or the
	// user's), shipped to S3 as an asset.
	Script string

	// Type of the job.
	// @default ETL
	Type JobType

	// Bookmarks is the bookmark option of an ETL job. With BookmarksEnable
	// or BookmarksPause the script is checked at synthesis (see the package
	// doc). Only for ETL jobs.
	// @default BookmarksEnable
	Bookmarks Bookmarks
	// SkipScriptCheck turns the bookmark check off, for scripts that read
	// and write through helper functions the static check cannot follow.
	// The job then relies on the script's author alone.
	// @default false
	SkipScriptCheck bool

	// GlueVersion of the job.
	// @default 5.0
	GlueVersion awsglue.GlueVersion
	// WorkerType of a Spark job.
	// @default G.1X (G.025X is for streaming jobs only)
	WorkerType awsglue.WorkerType
	// Workers of a Spark job, at least 2.
	// @default 2
	Workers *float64
	// MaxCapacity of a Python shell job: 0.0625 or 1 DPU.
	// @default 0.0625
	MaxCapacity awsglue.MaxCapacity
	// Timeout of a run, 1 minute to 48 hours, whole minutes. Not for
	// streaming jobs, which run until stopped.
	// @default 2 hours (30 minutes for a Python shell job)
	Timeout awscdk.Duration
	// MaxConcurrentRuns of the job. Must be 1 when bookmarks are enabled:
	// concurrent runs would read and overwrite the same bookmark.
	// @default 1
	MaxConcurrentRuns *float64
	// MaxRetries after a failed run, 0 to 10.
	// @default 0 (an alert is sent instead; a retry reprocesses the run)
	MaxRetries *float64

	// Arguments are the script's own job arguments ("--database": "sales").
	// Keys start with "--"; the arguments this construct manages
	// (--job-bookmark-option, --TempDir, --custom-logGroup-prefix,
	// --checkpoint_location of a streaming job, and those of the CDK job
	// class) are not allowed here.
	Arguments map[string]string
	// Connections the job runs in (a JDBC connection to Redshift, a network
	// connection for a VPC).
	Connections []awsglue.IConnection

	// EncryptionKey encrypts what the job writes: S3 output, job bookmarks,
	// CloudWatch logs, the work bucket.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// ExistingSecurityConfiguration replaces the construct's own (which
	// encrypts S3, bookmarks and logs with EncryptionKey).
	ExistingSecurityConfiguration awsglue.ISecurityConfiguration

	// ExistingWorkBucket holds temporary files (--TempDir), Spark UI event
	// logs and streaming checkpoints. It must accept SSE-KMS uploads with
	// EncryptionKey.
	// @default a new securebucket (SSE-KMS with EncryptionKey)
	ExistingWorkBucket awss3.IBucket
	// WorkBucketProps configure the new work bucket (not with ExistingWorkBucket).
	WorkBucketProps *securebucket.Props

	// SparkUI writes Spark event logs to the work bucket for the Spark UI
	// (Spark jobs).
	// @default true
	SparkUI *bool
	// LogRetention of the job's log groups.
	// @default one year
	LogRetention awslogs.RetentionDays

	// ExistingRole runs the job instead of a new role. The construct still
	// adds its grants to it.
	ExistingRole awsiam.IRole

	// CreateAlarms sends an SNS notification when a run ends FAILED or
	// TIMEOUT (an EventBridge rule on Glue Job State Change, catalogue ETL-07).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alerts.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic

	// JobProps override any default of a batch job; fields set here win.
	// Role, Script, SecurityConfiguration and DefaultArguments stay the
	// construct's (DefaultArguments here are merged like Arguments).
	JobProps *awsglue.PySparkEtlJobProps
	// StreamingJobProps do the same for a streaming job.
	StreamingJobProps *awsglue.PySparkStreamingJobProps
	// ShellJobProps do the same for a Python shell job.
	ShellJobProps *awsglue.PythonShellJobProps
}
