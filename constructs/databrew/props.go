package databrew

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Props configures a RecipeJob. Input, Output and Steps are required.
type Props struct {
	// InputBucket and InputKey locate the raw data: a key, or a folder
	// ending in "/" (every object under it).
	InputBucket awss3.IBucket
	InputKey    string
	// InputFormat: CSV, JSON, PARQUET, ORC or EXCEL.
	// @default CSV
	InputFormat string

	// OutputBucket and OutputPrefix receive the prepared data as
	// Snappy-compressed Parquet, encrypted with SSE-KMS (EncryptionKey).
	OutputBucket awss3.IBucket
	OutputPrefix string
	// PartitionColumns of the output.
	PartitionColumns []string
	// KeepEarlierOutputs keeps the files of earlier runs under OutputPrefix.
	// A recipe job reads its whole dataset on every run, so each run writes
	// a full snapshot: by default it replaces the previous one (DataBrew's
	// Overwrite), and readers of OutputPrefix see each record once.
	// @default false
	KeepEarlierOutputs *bool

	// Steps of the recipe, applied in order.
	Steps []Step

	// Schedule runs the job, a DataBrew cron expression ("cron(0 4 * * ? *)").
	// @default none (start it from a workflow or by hand)
	Schedule *string
	// MaxCapacity is the number of nodes, 1 to 149.
	// @default 5
	MaxCapacity *float64
	// Timeout of a run, 1 minute to 48 hours.
	// @default 2 hours
	Timeout awscdk.Duration

	// EncryptionKey encrypts the output (SSE-KMS) and the construct's logs.
	// The output bucket must accept SSE-KMS uploads with it.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// LogRetention of the recipe publisher's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}

// ProfileProps configures a ProfileJob. Input and Output are required.
type ProfileProps struct {
	// InputBucket and InputKey locate the data to profile: a key, or a
	// folder ending in "/" (every object under it).
	InputBucket awss3.IBucket
	InputKey    string
	// InputFormat: CSV, JSON, PARQUET, ORC or EXCEL.
	// @default CSV
	InputFormat string

	// OutputBucket and OutputPrefix receive the profile (JSON) and the
	// validation report, encrypted with SSE-KMS (EncryptionKey).
	OutputBucket awss3.IBucket
	OutputPrefix string

	// Rules are validated on every run (catalogue ETL-11): the construct
	// creates an AWS::DataBrew::Ruleset on the dataset and the job validates
	// it with ValidationMode CHECK_ALL. NotesRules, Complete, Unique,
	// Between, ... build them.
	// @default none: a profile without validation
	Rules []Rule

	// EntityTypes turns PII detection on (catalogue ETL-10): the profile
	// names the columns holding these entity types (EntityTypes lists them;
	// USA_ALL is every type except PERSON_NAME and DATE).
	// @default none: no PII detection
	EntityTypes []string
	// AllowedStatistics are the statistics still computed on columns found
	// to hold PII (ColumnStatistics lists them). Only with EntityTypes.
	// @default PIIStatistics (counts only: no PII value is copied into the profile)
	AllowedStatistics []string

	// SampleRows profiles the first SampleRows rows instead of the whole
	// dataset (DataBrew's own default is a 20,000-row sample: rules would
	// then pass a file whose bad rows come later).
	// @default the whole dataset
	SampleRows *float64

	// Schedule runs the job, a DataBrew cron expression ("cron(0 3 * * ? *)").
	// @default none (start it by hand or from a workflow)
	Schedule *string
	// MaxCapacity is the number of nodes, 1 to 149.
	// @default 5
	MaxCapacity *float64
	// Timeout of a run, 1 minute to 48 hours.
	// @default 2 hours
	Timeout awscdk.Duration

	// EncryptionKey encrypts the profile and the report (SSE-KMS). The output
	// bucket must accept SSE-KMS uploads with it.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey

	// CreateAlarms notifies AlarmTopic when a run fails or times out and
	// when the ruleset's validation fails.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the notifications; it must let EventBridge
	// publish (an encrypted topic's key must allow events.amazonaws.com).
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
