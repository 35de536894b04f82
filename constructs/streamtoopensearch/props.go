package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// IndexRotation is how often Firehose starts a new index: it appends the
// delivery date to IndexName (OneDay: music-events-2026-11-25).
type IndexRotation string

const (
	NoRotation IndexRotation = "NoRotation"
	OneHour    IndexRotation = "OneHour"
	OneDay     IndexRotation = "OneDay" // the default
	OneWeek    IndexRotation = "OneWeek"
	OneMonth   IndexRotation = "OneMonth"
)

// Props configures a StreamToOpenSearch. Every field is optional. Domain
// sizing defaults depend on the sandbox switch (cdk.json "sandbox"): a
// production-shaped domain normally, one small node in a sandbox.
type Props struct {
	// ExistingStream is the source instead of a new stream.
	ExistingStream awskinesis.IStream
	// StreamProps override the new stream's defaults (on demand, 24 hours,
	// encrypted with the AWS managed aws/kinesis key, retained).
	StreamProps *awskinesis.StreamProps

	// Vpc holds the domain, Firehose's network interfaces and the access
	// function. The domain's subnets must not need internet access.
	// @default a new VPC with isolated subnets in up to 3 zones (no NAT)
	// and flow logs
	Vpc awsec2.IVpc
	// DomainSubnets select the domain's subnets in Vpc; the first
	// AvailabilityZones of them (one per zone) are used.
	// @default private isolated subnets, else private subnets with egress
	DomainSubnets *awsec2.SubnetSelection
	// AvailabilityZones the data nodes spread over (1, 2 or 3); more than one
	// turns zone awareness on.
	// @default 3 (2 when the VPC has only two zones); 1 in a sandbox
	AvailabilityZones *float64
	// DataNodes: a multiple of AvailabilityZones.
	// @default 3 (4 over two zones); 1 in a sandbox
	DataNodes *float64
	// DataNodeInstanceType, e.g. "r7g.large.search".
	// @default r7g.large.search; t3.small.search in a sandbox
	DataNodeInstanceType *string
	// MasterNodes: 0 (no dedicated masters), 3 or 5.
	// @default 3; 0 in a sandbox
	MasterNodes *float64
	// MasterNodeInstanceType.
	// @default m7g.large.search
	MasterNodeInstanceType *string
	// VolumeSize of each data node's gp3 volume.
	// @default 100 GiB; 10 GiB in a sandbox
	VolumeSize awscdk.Size
	// WarmNodes: UltraWarm nodes (catalogue STO-05), 0 or 2 to 150; they
	// require dedicated master nodes and no T2/T3 data nodes.
	// @default 0 (no UltraWarm)
	WarmNodes *float64
	// WarmInstanceType of the UltraWarm nodes.
	// @default ultrawarm1.medium.search
	WarmInstanceType *string
	// ColdStorage turns cold storage on (requires UltraWarm and dedicated
	// masters); AdminRoleArns are then mapped to cold_manager too.
	// @default false
	ColdStorage *bool
	// Ism is the Index State Management policy of the Firehose indices.
	// @default with WarmNodes: hot → UltraWarm after 7 days (→ cold after
	// 30 days with ColdStorage), never deleted; without: no policy
	Ism *Ism
	// Snapshots registers an S3 bucket as a manual snapshot repository.
	// @default none (the service's hourly automated snapshots only)
	Snapshots *Snapshots
	// Cognito authenticates OpenSearch Dashboards users with Amazon
	// Cognito.
	// @default none (IAM-signed requests only)
	Cognito *Cognito

	// AdminRoleArns are IAM roles mapped to OpenSearch's all_access role,
	// e.g. the role people use to open Dashboards. Give them es:ESHttp* on
	// the domain in their own policies.
	// @default none
	AdminRoleArns []*string
	// DomainProps override the domain's other settings (Version,
	// DomainName, OffPeakWindowStart, AdvancedOptions, ...). The settings
	// above, encryption, HTTPS, fine-grained access control, logging,
	// network and access policies are the construct's.
	// @default OpenSearch 2.19
	DomainProps *awsopensearchservice.DomainProps

	// IndexName Firehose writes to (the rotation adds a suffix).
	// @default "music-events"
	IndexName *string
	// IndexRotation.
	// @default OneDay
	IndexRotation IndexRotation
	// BufferInterval, 0 to 900 seconds.
	// @default 60 seconds
	BufferInterval awscdk.Duration
	// BufferSize, 1 to 100 MiB.
	// @default 5 MiB
	BufferSize awscdk.Size
	// RetryDuration: how long Firehose retries a failed delivery before it
	// writes the documents to the backup bucket, 0 to 7,200 seconds.
	// @default 300 seconds
	RetryDuration awscdk.Duration
	// Processor transforms each record into one document.
	// @default functions/eventshaper (adds @timestamp, shapes music events)
	Processor awslambda.IFunction
	// DocumentsAsIs delivers each record unchanged as one document, with no
	// processor: for producers that already write OpenSearch documents
	// (one JSON object per record), such as a Flink job's aggregates.
	// @default false
	DocumentsAsIs *bool

	// ExistingBackupBucket receives failed documents instead of a new
	// securebucket.
	ExistingBackupBucket awss3.IBucket
	// BackupBucketProps configure the new backup bucket.
	BackupBucketProps *securebucket.Props

	// LogGroups are streamed into the same domain (catalogue MON-04), one
	// document per log event, into daily indices LogsIndexPrefix-YYYY-MM-DD.
	// @default none
	LogGroups []awslogs.ILogGroup
	// LogsIndexPrefix of the log indices.
	// @default "logs"
	LogsIndexPrefix *string
	// LogsFilterPattern of the subscriptions.
	// @default "" (every event)
	LogsFilterPattern *string

	// EncryptionKey encrypts the domain at rest, the log groups and the
	// failed-log queue; its policy must let CloudWatch Logs use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the log groups the construct creates.
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the delivery, processor and domain alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
