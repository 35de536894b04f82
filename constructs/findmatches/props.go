package findmatches

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// Props configures a FindMatches transform. DatabaseName, TableName and
// PrimaryKey are required.
type Props struct {
	// DatabaseName and TableName name the unified catalog table.
	DatabaseName *string
	TableName    string
	// DataBucket holds the table's objects (the role reads DataPrefix of it).
	DataBucket awss3.IBucket
	DataPrefix string
	// PrimaryKey is a column that uniquely identifies each record.
	PrimaryKey string
	// PrecisionRecallTradeoff, 0 to 1: higher favours precision (fewer
	// false matches).
	// @default 0.9
	PrecisionRecallTradeoff *float64
	// AccuracyCostTradeoff, 0 to 1: higher favours accuracy over cost.
	// @default 0.5
	AccuracyCostTradeoff *float64
	// EnforceProvidedLabels makes the output follow your labels even where
	// the model disagrees.
	// @default false
	EnforceProvidedLabels *bool
	// WorkerType and Workers of the transform's task runs.
	// @default G.2X, 10
	WorkerType *string
	Workers    *float64
	// EncryptionKey encrypts labels and training data, and task-run logs.
	// @default a new key
	EncryptionKey awskms.IKey
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}

// Mapping maps one source column onto the unified schema (one entry of
// ApplyMapping). Types are Spark type names: string, int, long, short,
// byte, double, float, boolean, date, timestamp, decimal(p,s).
type Mapping struct {
	Source, SourceType string
	Target, TargetType string
}

// UnifyProps configures a Unify: the catalog table a FindMatches transform
// reads, and the Glue job that fills it from prepared data by mapping its
// columns onto the unified schema (ETL-04's caution: FindMatches does not
// map differently named columns itself). DatabaseName, TableName, the
// buckets and Mapping are required.
type UnifyProps struct {
	// DatabaseName and TableName name the unified table the construct
	// creates (the database must exist).
	DatabaseName *string
	TableName    string
	// SourceBucket and SourcePrefix hold the prepared records, Parquet (a
	// DataBrew recipe job's output).
	SourceBucket awss3.IBucket
	SourcePrefix string
	// TargetBucket and TargetPrefix hold the unified table's Parquet; every
	// run replaces it with the current source mapped.
	TargetBucket awss3.IBucket
	TargetPrefix string
	// Mapping of the source columns onto the unified schema; the table's
	// columns are its targets, in this order. Columns not listed are dropped.
	Mapping []Mapping
	// PrimaryKey is the target column that identifies a record (the
	// transform's PrimaryKey).
	PrimaryKey string
	// StartPattern starts the job when an EventBridge event matches it
	// (databrew.RecipeJob.SucceededPattern: after each successful
	// preparation), through a Glue workflow with an EVENT trigger.
	// @default none: start it by hand, or with Schedule
	StartPattern map[string]any
	// Schedule starts the job through a Glue workflow on a Glue cron
	// expression (not with StartPattern).
	Schedule *string
	// GlueJob configures the job (EncryptionKey, AlarmTopic, WorkerType,
	// ...); Script, Arguments and Bookmarks are the construct's.
	GlueJob *gluejob.Props
}
