package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Defaults of the task.
const (
	// DefaultLakePrefix is where the files land in the lake bucket (their
	// paths below the source's subdirectory are kept).
	DefaultLakePrefix = "raw/datasync/"
	// DefaultSchedule runs the task every day at 02:00 UTC.
	DefaultSchedule = "cron(0 2 * * ? *)"
	// DefaultReportPrefix holds the task reports, with TaskReport.
	DefaultReportPrefix = "datasync-reports/"
	// MinBytesPerSecond is the smallest bandwidth limit DataSync accepts
	// (1 MiB/s).
	MinBytesPerSecond = 1 << 20
)

// Verify modes DataSync offers. VerifyNone is refused: an unverified
// transfer can land corrupted or partial files in the raw zone unnoticed.
const (
	VerifyOnlyFilesTransferred  = "ONLY_FILES_TRANSFERRED"
	VerifyPointInTimeConsistent = "POINT_IN_TIME_CONSISTENT"
	VerifyNone                  = "NONE"
)

// NFS is a source file share exported over NFS and reachable from the
// agents.
type NFS struct {
	// ServerHostname is the NFS server's DNS name or IP address (as the
	// agent resolves it).
	ServerHostname string
	// Subdirectory is the exported path (or a path below it), starting
	// with "/". The agent mounts it read-only for the transfer; the export
	// must allow the agent's address with no_root_squash or give it read
	// access to every file.
	Subdirectory string
	// Version of NFS: AUTOMATIC, NFS3, NFS4_0 or NFS4_1.
	// @default AUTOMATIC
	Version string
}

// SMB is a source Windows (or Samba) share, reached with NTLM credentials.
type SMB struct {
	// ServerHostname is the SMB server's DNS name or IP address.
	ServerHostname string
	// Subdirectory is the share and optional path, "/share/path".
	Subdirectory string
	// User that mounts the share (read access to every file; Backup
	// Operators membership to copy ACLs).
	User string
	// Domain of the user.
	// @default none (a local user of the server)
	Domain string
	// Password is a Secrets Manager secret whose SecretString is the
	// password itself (plain text, not JSON). DataSync reads it at each
	// execution through a role the construct creates
	// (CustomSecretConfig), so the password never appears in the template
	// or in DataSync's location, and rotating the secret needs no
	// redeployment.
	Password awssecretsmanager.ISecret
	// Version of SMB: AUTOMATIC, SMB1, SMB2_0, SMB2 or SMB3.
	// @default AUTOMATIC
	Version string
}

// NameNode is one NameNode of an HDFS cluster.
type NameNode struct {
	Hostname string
	// Port the NameNode listens on for RPC, 1 to 65536.
	// @default 8020
	Port float64
}

// HDFS is a source Hadoop cluster.
type HDFS struct {
	// NameNodes of the cluster (1 or 2, for HA).
	NameNodes []NameNode
	// Subdirectory to transfer, starting with "/".
	// @default "/"
	Subdirectory string
	// SimpleUser authenticates with SIMPLE authentication.
	SimpleUser string
	// KerberosPrincipal, KerberosKeytab and KerberosKrb5Conf authenticate
	// with KERBEROS instead: the keytab is a Secrets Manager secret whose
	// SecretBinary is the keytab file (read by DataSync through a role the
	// construct creates), krb5.conf is its text.
	KerberosPrincipal string
	KerberosKeytab    awssecretsmanager.ISecret
	KerberosKrb5Conf  string
}

// Filters select the files of a transfer with DataSync's simple patterns
// ("/photos", "*.tmp", "/logs/*/archive"); Includes first, then Excludes.
type Filters struct {
	// Includes limits the transfer to these paths and patterns.
	Includes []string
	// Excludes skips these paths and patterns.
	Excludes []string
}

// Props configures a Task. AgentArns (or ActivationKey), one source (NFS,
// SMB or HDFS) and a bandwidth decision (BytesPerSecond or
// UnlimitedBandwidth) are required; everything else has a default.
type Props struct {
	// AgentArns are the activated DataSync agents near the source (1 to
	// 4, same Region as the stack):
	// arn:<partition>:datasync:<region>:<account>:agent/agent-<17 hex>.
	// See the package doc for the activation.
	AgentArns []string
	// ActivationKey activates a new agent from this stack
	// (AWS::DataSync::Agent) instead of AgentArns. The key is valid for 30
	// minutes after the agent VM issues it and only once: deploy
	// immediately, and never change or replace the agent resource later.
	// @default none (AgentArns)
	ActivationKey string

	// NFS, SMB and HDFS: exactly one is the source.
	NFS  *NFS
	SMB  *SMB
	HDFS *HDFS

	// LakeBucket receives the files. Import an existing bucket with its
	// EncryptionKey (Bucket_FromBucketAttributes) so the role may use it.
	// @default a new securebucket (BucketProps)
	LakeBucket awss3.IBucket
	// BucketProps configure the new securebucket (not with LakeBucket).
	BucketProps *securebucket.Props
	// LakePrefix is the folder of the files in the bucket, ending in "/".
	// @default DefaultLakePrefix
	LakePrefix string
	// StorageClass of the objects: STANDARD, STANDARD_IA, ONEZONE_IA,
	// INTELLIGENT_TIERING, GLACIER_INSTANT_RETRIEVAL, GLACIER or
	// DEEP_ARCHIVE.
	// @default STANDARD
	StorageClass string

	// VerifyMode checks the data after the transfer:
	// ONLY_FILES_TRANSFERRED (checksums of what was copied) or
	// POINT_IN_TIME_CONSISTENT (the whole source against the whole
	// destination, slower). NONE is refused.
	// @default ONLY_FILES_TRANSFERRED
	VerifyMode string
	// TransferAll copies every file each time instead of only the ones
	// that changed (TransferMode ALL).
	// @default false (CHANGED)
	TransferAll *bool
	// BytesPerSecond caps the bandwidth the agents use, at least 1 MiB/s
	// (1048576), so that a transfer does not saturate the site's link.
	// Required unless UnlimitedBandwidth.
	BytesPerSecond float64
	// UnlimitedBandwidth lets the task use all the bandwidth the agents
	// have (BytesPerSecond -1): an explicit choice, not a default.
	// @default false
	UnlimitedBandwidth *bool
	// RemoveDeletedFiles deletes from the lake the files deleted at the
	// source (PreserveDeletedFiles REMOVE). The raw zone keeps them by
	// default: a deletion at the source is not a reason to lose history.
	// @default false (PRESERVE)
	RemoveDeletedFiles *bool
	// Filters select the files to transfer.
	// @default every file
	Filters *Filters

	// Schedule of the task: a six-field cron(...) or rate(...) in UTC, at
	// most once an hour (DataSync's minimum interval).
	// @default DefaultSchedule (daily at 02:00 UTC)
	Schedule string
	// OnDemandOnly creates the task without a schedule (start it with
	// StartTaskExecution).
	// @default false
	OnDemandOnly *bool

	// BasicLogging logs only errors (LogLevel BASIC) instead of every
	// transferred and verified file (TRANSFER).
	// @default false (TRANSFER)
	BasicLogging *bool
	// LogRetention of the task's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
	// EncryptionKey encrypts the log group; its policy must let CloudWatch
	// Logs use it.
	// @default a new rotating key, retained
	EncryptionKey awskms.IKey

	// TaskReport writes a report of every execution (what was transferred,
	// skipped, verified or deleted, and the errors) to the lake bucket
	// under ReportPrefix.
	// @default false
	TaskReport *bool
	// ReportPrefix of the task reports, ending in "/", outside LakePrefix.
	// @default DefaultReportPrefix
	ReportPrefix string

	// CreateAlarms sends the task executions that end in ERROR to
	// AlarmTopic (an EventBridge rule on DataSync's state-change events).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the failed executions. Its key policy must let
	// events.amazonaws.com use the key.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
