package logstosplunk

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// EndpointType is the Splunk HEC endpoint Firehose posts to.
type EndpointType string

const (
	// Event posts to /services/collector/event: each record becomes an HEC
	// event (the default).
	Event EndpointType = "Event"
	// Raw posts to /services/collector/raw.
	Raw EndpointType = "Raw"
)

// BackupMode says which events go to the S3 backup.
type BackupMode string

const (
	// FailedEventsOnly backs up what Splunk did not acknowledge after the
	// retry duration (the default).
	FailedEventsOnly BackupMode = "FailedEventsOnly"
	// AllEvents keeps a copy of everything in S3.
	AllEvents BackupMode = "AllEvents"
)

// Props configures a LogsToSplunk. HecEndpoint is required.
type Props struct {
	// HecEndpoint is the Splunk HTTP Event Collector URL (https://...:8088).
	HecEndpoint *string
	// EndpointType of the HEC.
	// @default Event
	EndpointType EndpointType
	// HecTokenSecret holds the HEC token as JSON {"hec_token": "..."}, read
	// by Firehose through its role (SecretsManagerConfiguration).
	// @default a new secret, encrypted with the construct's key, holding a
	// generated placeholder: put the real token after deploying
	HecTokenSecret awssecretsmanager.ISecret
	// HecToken is the notes' plaintext token field. Any value is rejected:
	// a token in a template is readable by anyone who can read the stack.
	// Use HecTokenSecret.
	HecToken *string
	// AcknowledgmentTimeout: how long Firehose waits for Splunk's indexer
	// acknowledgment, 180 to 600 seconds.
	// @default 300 seconds
	AcknowledgmentTimeout awscdk.Duration
	// RetryDuration: how long Firehose retries a failed delivery before the
	// S3 backup, 0 to 7,200 seconds.
	// @default 300 seconds
	RetryDuration awscdk.Duration
	// BufferInterval, 0 to 60 seconds for Splunk.
	// @default 60 seconds
	BufferInterval awscdk.Duration
	// BufferSize, 1 to 5 MiB for Splunk.
	// @default 5 MiB
	BufferSize awscdk.Size

	// FlowLogVpcIds are VPCs (ids, e.g. *vpc.VpcId()) whose flow logs of all
	// traffic go to the log group.
	// @default no flow logs: subscribe your own sources to LogGroup
	FlowLogVpcIds []*string
	// ExistingLogGroup is subscribed instead of a new log group.
	ExistingLogGroup awslogs.ILogGroup
	// FilterPattern of the subscription.
	// @default "" (every event)
	FilterPattern *string
	// Processor is a Lambda function run after the built-in decompression
	// and message extraction (e.g. to reshape events).
	// @default none: Firehose's Decompression and CloudWatchLogProcessing
	Processor awslambda.IFunction

	// BackupMode of the S3 backup.
	// @default FailedEventsOnly
	BackupMode BackupMode
	// ExistingBackupBucket receives the backup instead of a new securebucket.
	ExistingBackupBucket awss3.IBucket
	// BackupBucketProps configure the new backup bucket.
	BackupBucketProps *securebucket.Props

	// EncryptionKey encrypts the delivery stream, the log groups and the new
	// secret; its policy must let CloudWatch Logs use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the new log groups (flow logs, delivery errors).
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the freshness and delivery-failure alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
