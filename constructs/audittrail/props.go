package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Lake billing modes (AWS::CloudTrail::EventDataStore BillingMode) and the
// retention, in days, each allows.
const (
	// ExtendableRetention is one-year extendable retention pricing: 7 to
	// 3653 days (ten years); ingestion includes the first year.
	ExtendableRetention = "EXTENDABLE_RETENTION_PRICING"
	// FixedRetention is seven-year retention pricing: 7 to 2557 days.
	FixedRetention = "FIXED_RETENTION_PRICING"
)

// RetentionLimits are the lake retention bounds, in days, of each billing mode.
var RetentionLimits = map[string][2]float64{
	ExtendableRetention: {7, 3653},
	FixedRetention:      {7, 2557},
}

// DefaultLakeRetentionDays is the lake's retention: the year that
// extendable-retention ingestion already pays for.
const DefaultLakeRetentionDays = 366

// Props configures an AuditTrail. nil props create a multi-region trail of
// all management events, with log file validation, into a new SSE-KMS
// bucket and a one-year CMK-encrypted log group, the Logs Insights queries
// and the CIS alarms (root usage, unauthorized calls) to a new encrypted
// topic. No data events, no Insights, no CloudTrail Lake.
type Props struct {
	// ExistingTrail says the account already records its events with a trail
	// (Control Tower's organization trail, a landing-zone trail): no trail,
	// bucket, trail key or trail log group is created. The construct then
	// creates only what else is asked: the lake (Lake), the queries of
	// LambdaLogGroups, and, with ExistingTrailLogGroup, the trail queries and
	// CIS alarms on that log group. Props that configure a new trail
	// (EnableLogFileValidation, Insights, data events outside the lake,
	// EncryptionKey, TrailBucketProps, LogRetention) are rejected.
	// @default false: a new trail
	ExistingTrail *bool
	// ExistingTrailLogGroup is the CloudWatch log group the existing trail
	// delivers to (Control Tower: aws-controltower/CloudTrailLogs in the
	// management account). Only with ExistingTrail.
	// @default no trail queries and no CIS alarms in existing-trail mode
	ExistingTrailLogGroup awslogs.ILogGroup

	// EnableLogFileValidation writes signed digest files beside the logs.
	// Always on: false is rejected (CT.CLOUDTRAIL.PR.2; a trail whose files
	// cannot be validated is no audit record).
	// @default true
	EnableLogFileValidation *bool

	// DataEventBuckets are the buckets whose object-level operations
	// (GetObject, PutObject, DeleteObject, ...) are recorded as S3 data
	// events, through an advanced event selector on resources.ARN StartsWith
	// "<bucket ARN>/".
	// @default none
	DataEventBuckets []awss3.IBucket
	// S3DataEventsWriteOnly records only the writes (readOnly = false) of
	// DataEventBuckets: PutObject, DeleteObject, CopyObject, ... (reads are
	// usually most of the volume and the cost).
	// @default false: reads and writes
	S3DataEventsWriteOnly *bool
	// DataEventFunctions are the Lambda functions whose invocations are
	// recorded as data events.
	// @default none
	DataEventFunctions []awslambda.IFunction
	// AllS3DataEvents records object-level events of EVERY bucket of the
	// account (and of the other accounts' buckets the account calls).
	// Data events cost US$0.10 per 100,000 and a busy lake makes millions a
	// day, so it needs AllS3DataEventsReason. Not with DataEventBuckets.
	// @default false
	AllS3DataEvents *bool
	// AllS3DataEventsReason is the written reason (at least 20 characters)
	// for AllS3DataEvents: the opt-in for its cost.
	AllS3DataEventsReason string

	// Insights turns on CloudTrail Insights (ApiCallRateInsight and
	// ApiErrorRateInsight) on the trail's management events: US$0.35 per
	// 100,000 events analysed per insight type.
	// @default false (the cost grows with the account's API volume)
	Insights *bool

	// EncryptionKey encrypts the trail's log files and digests, its bucket
	// and its log group; the construct adds the statements CloudTrail and
	// CloudWatch Logs need to its policy (a key of this app; an imported key
	// must already have them).
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// TrailBucketProps configure the trail's securebucket (lifecycle,
	// Object Lock, replication, access logs). Encryption must stay SSE_KMS
	// and EncryptionKey empty: CloudTrail writes SSE-KMS with the trail key.
	// @default SSE-KMS with the trail key, versioned, access-logged
	TrailBucketProps *securebucket.Props
	// LogRetention of the trail's log group (INFINITE is rejected).
	// @default one year
	LogRetention awslogs.RetentionDays

	// Lake creates a CloudTrail Lake event data store (MON-02). CloudTrail
	// Lake is closed to new customers since 2026-05-31: only accounts that
	// already use it can create one.
	// @default false
	Lake *bool
	// LakeBillingMode: ExtendableRetention or FixedRetention.
	// @default ExtendableRetention
	LakeBillingMode string
	// LakeRetentionDays in RetentionLimits[LakeBillingMode].
	// @default DefaultLakeRetentionDays
	LakeRetentionDays float64
	// LakeDataEvents also sends the S3 data events of DataEventBuckets to
	// the lake (priced per GB ingested, like the management events).
	// @default false: management events only
	LakeDataEvents *bool

	// QueryFolder is the prefix of the Logs Insights query names
	// ("<folder>/trail/root-activity"): the folder the console shows them in.
	// @default the construct's path
	QueryFolder string
	// LambdaLogGroups are log groups of Go Lambdas writing JSON logs
	// (LoggingFormat JSON): the lambda/* queries cover them.
	// @default no lambda queries
	LambdaLogGroups []awslogs.ILogGroup

	// CreateAlarms creates the CIS metric filters and alarms on the trail's
	// log group: root account usage and unauthorized API calls.
	// @default true when there is a trail log group
	CreateAlarms *bool
	// AlarmTopic receives the alarms (ALARM and OK).
	// @default a new SNS topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
