package sensitivedata

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Finding publishing frequencies (Props.FindingPublishingFrequency): how
// often Macie publishes updates of existing findings; new findings are
// published at once.
const (
	FifteenMinutes = "FIFTEEN_MINUTES"
	OneHour        = "ONE_HOUR"
	SixHours       = "SIX_HOURS"
)

// Gate modes (Props.Mode).
const (
	// Quarantine copies findings' objects under the gated prefixes to the
	// quarantine location and deletes the originals; other watched objects
	// are tagged.
	Quarantine = "QUARANTINE"
	// TagOnly tags every watched object with findings and moves nothing.
	TagOnly = "TAG"
)

// Macie severities (Props.Severities).
const (
	Low    = "Low"
	Medium = "Medium"
	High   = "High"
)

// Job types and frequencies (Job).
const (
	Scheduled = "SCHEDULED"
	OneTime   = "ONE_TIME"
	Daily     = "DAILY"
	Weekly    = "WEEKLY"
)

// Findings filter actions (FindingsFilter.Action).
const (
	Archive = "ARCHIVE" // suppress: findings are archived automatically and not published to EventBridge
	Noop    = "NOOP"    // a saved filter only
)

// Props of the sensitive-data pattern. Nil props create the Macie session
// only; watching buckets (Watched) adds the classification job and the gate.
type Props struct {
	// ExistingSession says Macie is already enabled in the account and
	// region (by an administrator account or by hand): no
	// AWS::Macie::Session is created, the other resources are created in
	// the existing Macie. Creating a session where Macie is enabled fails
	// the deployment.
	// @default false
	ExistingSession *bool
	// FindingPublishingFrequency of the new session (not with
	// ExistingSession).
	// @default FIFTEEN_MINUTES
	FindingPublishingFrequency string

	// CustomDataIdentifiers are created and used by the job.
	CustomDataIdentifiers []CustomDataIdentifier
	// AllowLists are created and used by the job.
	AllowLists []AllowList
	// FindingsFilters are created (e.g. ARCHIVE for known test buckets).
	FindingsFilters []FindingsFilter

	// Watched are the buckets and prefixes the job scans and the gate acts
	// on. Nil: no job, no gate.
	Watched []Watched
	// Mode of the gate: Quarantine or TagOnly.
	// @default Quarantine
	Mode string
	// QuarantineBucket receives the quarantined objects; nil creates a
	// securebucket (DSSE-KMS, retained, access logs) in Quarantine mode.
	QuarantineBucket awss3.IBucket
	// QuarantinePrefix under which objects go, followed by "<bucket>/<key>".
	// @default "quarantine/"
	QuarantinePrefix string
	// Topic receives the notices (finding id, type, severity, bucket, key,
	// action, detection type counts; never values). Nil creates an
	// encrypted topic.
	Topic awssns.ITopic
	// Severities of the findings that reach the function (the rule's
	// filter on detail.severity.description).
	// @default Medium, High
	Severities []string
	// Approval adds the human review of quarantined objects (SEC-13): nil
	// quarantines without review (a reviewer copies objects back by hand).
	Approval *Approval

	// Job configures the classification job over the watched locations.
	// Nil: a scheduled daily job when Watched is set.
	Job *Job
	// NoJob creates no classification job (automated sensitive data
	// discovery or a job managed elsewhere produces the findings).
	// @default false
	NoJob *bool

	// RemediatePublicBuckets adds a second rule: Macie policy findings that
	// a bucket of this account is public (Policy:IAMUser/S3BucketPublic,
	// Policy:IAMUser/S3BlockPublicAccessDisabled) make the function turn on
	// the bucket's four Block Public Access settings and publish a notice on
	// Topic. It changes buckets other teams own, so it is opt-in. Works
	// without Watched (remediation only).
	// @default false
	RemediatePublicBuckets *bool
	// PublicBucketExclusions are bucket names that are public on purpose
	// (static websites): never remediated (the function skips them and its
	// role is denied the write on them). Only with RemediatePublicBuckets.
	PublicBucketExclusions []string

	// EncryptionKey encrypts the function's logs, the failure queue and
	// the job's custom-resource logs; nil creates one.
	EncryptionKey awskms.IKey
	// FunctionProps override the gate function's defaults (128 MB, 1 min).
	FunctionProps *awslambda.FunctionProps
	// LogRetention of the log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
	// CreateAlarms on the gate (function errors, failed invocations,
	// failure queue).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms; nil creates an encrypted topic.
	AlarmTopic awssns.ITopic
}

// Decisions on denial (Approval.OnDeny).
const (
	Keep   = "KEEP"   // the object stays in the quarantine
	Delete = "DELETE" // the quarantined copy is deleted
)

// Approval is the human review of quarantined objects: each quarantined
// object starts a Step Functions workflow that e-mails the approvers and
// waits (.waitForTaskToken) for a decision on the approval API.
type Approval struct {
	// ApproverEmails are subscribed to the approval topic (each confirms
	// the subscription once). Required.
	ApproverEmails []string
	// TimeoutHours the workflow waits; then the request counts as denied.
	// 1 to 8759 (a Standard execution lasts at most a year).
	// @default 72
	TimeoutHours *float64
	// OnDeny: Keep or Delete the quarantined copy on denial or timeout.
	// @default Keep
	OnDeny string
	// ReleasePrefix: an approved object is copied to this prefix of its own
	// bucket followed by its original key, then removed from the quarantine.
	// It must be outside the watched prefixes (a released object would be
	// scanned and quarantined again: a loop).
	// @default "released/"
	ReleasePrefix string
}

// CustomDataIdentifier is an AWS::Macie::CustomDataIdentifier.
type CustomDataIdentifier struct {
	// Name (1-128 characters; no sensitive data: account users see it).
	Name string
	// Description (at most 512 characters).
	Description string
	// Regex (1-512 characters), checked with Go's regexp (RE2). Macie's
	// PCRE subset and RE2 agree on the common syntax; lookarounds and
	// backreferences are refused by both.
	Regex string
	// Keywords (at most 50, 3-90 characters each): one must precede a
	// match within MaximumMatchDistance.
	Keywords []string
	// IgnoreWords (at most 10, 4-90 characters each, case sensitive).
	IgnoreWords []string
	// MaximumMatchDistance between a keyword and the match (1-300).
	// @default 50
	MaximumMatchDistance float64
}

// AllowList is an AWS::Macie::AllowList: a regex, or a plain-text word
// list in S3 (one word per line).
type AllowList struct {
	Name        string // 1-128 characters
	Description string // at most 512 characters
	// Regex (1-512 characters); or WordsBucket and WordsKey.
	Regex       string
	WordsBucket awss3.IBucket
	WordsKey    string
}

// FindingsFilter is an AWS::Macie::FindingsFilter.
type FindingsFilter struct {
	Name        string // 3-64 characters
	Description string
	// Action: Archive (suppression rule) or Noop.
	// @default Archive
	Action string
	// Buckets: findings of these bucket names match
	// (resourcesAffected.s3Bucket.name).
	Buckets []string
	// Types: findings of these types match (e.g.
	// "SensitiveData:S3Object/Personal"); nil = any type.
	Types []string
	// Position among the filters (1-based); nil = after the others.
	Position *float64
}

// Watched is a bucket the job scans and the gate guards.
type Watched struct {
	Bucket awss3.IBucket
	// Prefixes scanned and guarded; nil = the whole bucket.
	Prefixes []string
	// GatePrefixes are quarantined in Quarantine mode; each must be under
	// one of Prefixes. Nil: objects are only tagged.
	GatePrefixes []string
}

// Job is the Macie classification job (created at deployment by a custom
// resource: CloudFormation has no resource for it).
type Job struct {
	// Type: Scheduled or OneTime.
	// @default Scheduled
	Type string
	// Frequency of a Scheduled job: Daily or Weekly.
	// @default Daily
	Frequency string
	// DayOfWeek of a Weekly job (MONDAY ... SUNDAY).
	// @default MONDAY
	DayOfWeek string
	// SamplingPercentage of the objects analysed (1-100).
	// @default 100
	SamplingPercentage float64
	// InitialRun: a Scheduled job also analyses the existing objects at
	// creation (otherwise only objects created or changed after it).
	// @default true
	InitialRun *bool
}
