package csvvalidate

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Type is a column's type; the function checks every value against it.
type Type string

// The column types (functions/csvvalidate documents their exact forms).
const (
	String    Type = "string"    // any UTF-8 text
	Int       Type = "int"       // a 64-bit whole number, [+-]digits
	Decimal   Type = "decimal"   // [+-]digits[.digits], at most 38 digits, no exponent
	Date      Type = "date"      // YYYY-MM-DD
	Timestamp Type = "timestamp" // YYYY-MM-DD(T| )hh:mm:ss[.fraction][Z|±hh:mm]
	Bool      Type = "bool"      // true, false (any case), 1, 0
)

// Types lists every column type.
var Types = []Type{String, Int, Decimal, Date, Timestamp, Bool}

// Column is one expected column of the files, in header order.
type Column struct {
	// Name is the header's field for the column (compared after trimming
	// spaces, case kept). Names must differ ignoring case.
	Name string `json:"name"`
	// Type of the column's values.
	Type Type `json:"type"`
	// Nullable lets the field be empty.
	// @default false: an empty field is an error
	Nullable bool `json:"nullable,omitempty"`
}

// Schema is what every file is checked against.
type Schema struct {
	// Columns, in the order of the header (1 to 1000).
	Columns []Column `json:"columns"`
	// Delimiter between fields: one ASCII character, not a double quote
	// or a line break.
	// @default ","
	Delimiter string `json:"delimiter,omitempty"`
	// MaxErrors is how many row errors a report lists (the counts are
	// always complete), 1 to 10000.
	// @default 100
	MaxErrors int `json:"maxErrors,omitempty"`
}

// Trigger is how an arrival invokes the function.
type Trigger string

// The triggers.
const (
	// S3Notification writes an S3 event notification (ObjectCreated, prefix
	// IncomingPrefix, suffix .csv) on the bucket: in the bucket's own
	// template when it is of the same stack, otherwise through CDK's
	// notifications custom resource.
	S3Notification Trigger = "S3Notification"
	// EventBridge creates an EventBridge rule in the construct instead
	// (source aws.s3, detail-type "Object Created", the bucket's name, the
	// key matching IncomingPrefix*.csv) that invokes the function. Nothing
	// is written on the bucket, so it suits a bucket of another stack or
	// account-wide governed buckets; the bucket must send its events to
	// EventBridge (CloudFormation
	// NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled:
	// true; a securebucket does by default).
	EventBridge Trigger = "EventBridge"
)

// Triggers lists every trigger.
var Triggers = []Trigger{S3Notification, EventBridge}

// Props configures a Validator. Schema is required; everything else has a
// default.
type Props struct {
	// Bucket files arrive in (under IncomingPrefix) and are moved within.
	// With Trigger S3Notification, a bucket of the same stack gets the
	// notification in its own template; an imported bucket (or one of
	// another stack) gets it through CDK's notifications custom resource,
	// which merges it with the bucket's other notifications (see the
	// package doc). With Trigger EventBridge the bucket is left as it is.
	// @default a new securebucket
	Bucket awss3.IBucket
	// Trigger is how an arrival invokes the function: S3Notification or
	// EventBridge. Use EventBridge for a bucket of another stack (no custom
	// resource rewriting its notification configuration at deployment);
	// the bucket must then send its events to EventBridge.
	// @default S3Notification
	Trigger Trigger
	// BucketProps configure the new securebucket (not with Bucket).
	BucketProps *securebucket.Props
	// IncomingPrefix is where files arrive; the notification matches this
	// key prefix and the suffix ".csv". It must end in "/": S3 prefix
	// filters match the start of the key, so "incoming" would also match
	// "incoming-old/x.csv".
	// @default "incoming/"
	IncomingPrefix string
	// ValidPrefix receives the files that pass.
	// @default "valid/"
	ValidPrefix string
	// QuarantinePrefix receives the files that fail.
	// @default "quarantine/"
	QuarantinePrefix string
	// ReportPrefix receives one JSON report per file:
	// <ReportPrefix><original key>.json.
	// @default "reports/"
	ReportPrefix string
	// Schema the files must follow. Required.
	Schema *Schema
	// ReservedConcurrency caps the function's concurrent runs (and reserves
	// them): a burst of uploads then cannot starve the account's other
	// functions. Events beyond it wait in Lambda's asynchronous queue.
	// @default none (the account's unreserved pool)
	ReservedConcurrency *float64
	// RetryAttempts of a failed invocation (0 to 2) before the event goes
	// to the failure queue (Lambda's asynchronous retries, with either
	// trigger).
	// @default 2
	RetryAttempts *float64
	// MaxEventAge is how long Lambda keeps an event it could not run yet
	// (60 seconds to 6 hours); with Trigger EventBridge also how long the
	// rule's target retries delivering it to Lambda.
	// @default 6 hours: an S3 event is the only trace of an arrival
	MaxEventAge awscdk.Duration
	// FunctionProps override the function's defaults (512 MB, 5 minutes,
	// arm64, provided.al2023). Code, Role, LogGroup, OnFailure,
	// RetryAttempts, MaxEventAge, ReservedConcurrentExecutions and the
	// environment variables the function reads are the construct's.
	FunctionProps *awslambda.FunctionProps
	// LogRetention of the function's log group.
	// @default one year (Control Tower CT.CLOUDWATCH.PR.2 asks for 365 days)
	LogRetention awslogs.RetentionDays
	// EncryptionKey encrypts the log group and the failure queue. Its key
	// policy must let CloudWatch Logs use it, and with Trigger EventBridge
	// let events.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt)
	// to put undeliverable events in the failure queue.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// CreateAlarms creates alarms on function errors and on events in the
	// failure queue.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms' ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
