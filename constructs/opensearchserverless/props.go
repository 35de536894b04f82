package opensearchserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// CollectionType is what the collection is tuned for.
type CollectionType string

const (
	// TimeSeries: append-mostly logs and metrics, recent data hot (the
	// default). Documents get service-generated ids.
	TimeSeries CollectionType = "TIMESERIES"
	// Search: full-text search over a corpus that is updated in place.
	Search CollectionType = "SEARCH"
	// VectorSearch: k-NN similarity search over embeddings (not in the
	// notes; Bedrock knowledge bases use it).
	VectorSearch CollectionType = "VECTORSEARCH"
)

// Ingestion is the service that delivers the stream into the collection.
type Ingestion string

const (
	// Firehose: a Firehose delivery stream (the notes' path, the default).
	Firehose Ingestion = "FIREHOSE"
	// OpenSearchIngestion: an OpenSearch Ingestion (OSIS) pipeline with a
	// kinesis source.
	OpenSearchIngestion Ingestion = "OPENSEARCH_INGESTION"
)

// Props configures a Collection. Every field is optional.
type Props struct {
	// CollectionName: 3 to 28 characters, a lowercase letter then
	// lowercase letters, digits and hyphens, unique in the account and
	// region.
	// @default derived from the construct's id and address (two
	// instances in one stack get different names)
	CollectionName *string
	// Type of the collection.
	// @default TimeSeries
	Type CollectionType
	// StandbyReplicas: true keeps a standby copy in another zone (floor
	// 1 indexing + 1 search OCU, billed); false is for dev/test (floor 0.5
	// + 0.5 OCU, no zone redundancy). Cannot change after creation.
	// @default true; false in a sandbox
	StandbyReplicas *bool
	// Description of the collection.
	Description *string

	// EncryptionKey encrypts the collection (the encryption policy's
	// KmsARN) and the construct's log groups.
	// @default a new rotating customer managed key
	EncryptionKey awskms.IKey
	// AwsOwnedKey encrypts the collection with an AWS owned key instead of
	// EncryptionKey (log groups still use the customer managed key).
	// @default false
	AwsOwnedKey *bool
	// CreateEncryptionPolicy: false uses ExistingEncryptionPolicyName, a
	// policy of the account that already covers the collection's name.
	// A collection cannot exist without one: false without a name is
	// rejected.
	// @default true
	CreateEncryptionPolicy *bool
	// ExistingEncryptionPolicyName of that policy (only with
	// CreateEncryptionPolicy false).
	ExistingEncryptionPolicyName *string

	// Vpc holds the OpenSearch Serverless VPC endpoint and Firehose's
	// network interfaces.
	// @default a new VPC with isolated subnets in up to 3 zones (no NAT)
	// and flow logs
	Vpc awsec2.IVpc
	// VpcSubnets of the endpoint and of Firehose.
	// @default isolated subnets, else private subnets with egress
	VpcSubnets *awsec2.SubnetSelection
	// AllowFrom are the peers admitted on HTTPS by the endpoint's security
	// group (clients in the VPC: the Firehose interfaces are always
	// admitted).
	// @default none besides Firehose
	AllowFrom []awsec2.IPeer
	// SourceServices that reach the collection privately without the VPC
	// endpoint, e.g. "bedrock.amazonaws.com" (applies to the collection
	// endpoint, not Dashboards).
	// @default none
	SourceServices []*string
	// PublicAccess opens the collection and Dashboards endpoints to the
	// internet (requests still need SigV4 and a data access policy). It
	// needs PublicAccessReason, and then no VPC endpoint is created.
	// @default false
	PublicAccess *bool
	// PublicAccessReason is the explicit opt-in of PublicAccess: a
	// sentence saying why, written into the network policy's description.
	PublicAccessReason *string

	// Admins manage the collection's indices and read and write
	// documents; Readers read documents and describe indices; Writers
	// create and update indices and write documents. Each also gets
	// aoss:APIAccessAll on the collection in its IAM policy. More can be
	// added with GrantAdmin, GrantRead and GrantWrite.
	Admins, Readers, Writers []awsiam.IRole

	// Delivery creates the ingestion from a Kinesis stream into the
	// collection (Firehose, or OpenSearch Ingestion with IngestWith).
	// @default true
	Delivery *bool
	// IngestWith chooses the service that reads the stream into the
	// collection: Firehose (the default) or OpenSearchIngestion (an
	// AWS::OSIS::Pipeline).
	// @default Firehose
	IngestWith Ingestion
	// PipelineMinUnits and PipelineMaxUnits size the OpenSearch Ingestion
	// pipeline (Ingestion OCUs, 1 to 96, each billed per hour).
	// @default 1 and 4
	PipelineMinUnits, PipelineMaxUnits *float64
	// ExistingStream is the source instead of a new stream.
	ExistingStream awskinesis.IStream
	// StreamProps override the new stream's defaults (on demand, 24 hours,
	// encrypted with the AWS managed key, retained).
	StreamProps *awskinesis.StreamProps
	// IndexName Firehose writes to: 1 to 80 lowercase characters.
	// @default "events"
	IndexName *string
	// BufferInterval, 0 to 900 seconds.
	// @default 60 seconds
	BufferInterval awscdk.Duration
	// BufferSize, 1 to 100 MiB.
	// @default 5 MiB
	BufferSize awscdk.Size
	// RetryDuration before failed documents go to the backup bucket, 0 to
	// 7,200 seconds.
	// @default 300 seconds
	RetryDuration awscdk.Duration
	// Processor is a Firehose transformation Lambda (one document per
	// record).
	// @default none (records must already be JSON documents)
	Processor awslambda.IFunction
	// ExistingBackupBucket receives failed documents instead of a new
	// securebucket.
	ExistingBackupBucket awss3.IBucket
	// BackupBucketProps configure the new backup bucket.
	BackupBucketProps *securebucket.Props

	// MaxIndexingCapacity and MaxSearchCapacity set the ACCOUNT-WIDE
	// OpenSearch Serverless capacity limits of this region, in OCUs
	// (whole numbers, at least 2), with aoss:UpdateAccountSettings. They
	// apply to every collection of the account in the region, and
	// deleting the stack leaves them as set.
	// @default unset: the account keeps its limits
	MaxIndexingCapacity, MaxSearchCapacity *float64

	// LogRetention of the log groups the construct creates.
	// @default one year
	LogRetention awslogs.RetentionDays
	// CreateAlarms creates the delivery alarms (with Delivery).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
