package gluequality

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// Gate is what an in-job evaluation does when a rule does not pass.
type Gate string

const (
	// GateFail fails the run before anything is written or committed: the
	// bookmark does not move, the job's alarm fires, and a workflow step
	// waiting for its success does not start (catalogue ORC-14).
	GateFail Gate = "fail"
	// GateReport logs the failed rules, publishes the results and writes the
	// data anyway.
	GateReport Gate = "report"
)

// Props configures a Quality. DatabaseName, TableName and Ruleset are
// required.
type Props struct {
	// DatabaseName and TableName name the catalog table the ruleset checks.
	DatabaseName *string
	TableName    string
	// Ruleset is the DQDL text, checked by the dqdl parser at synthesis:
	// a syntax error fails synthesis with its line and column.
	Ruleset string

	// Job adds a Glue job that evaluates the ruleset on every run
	// (EvaluateDataQuality), publishes results and CloudWatch metrics, and
	// gates: only a passing table is written to the target.
	// @default no job (the ruleset is evaluated on demand or on a schedule)
	Job *JobProps
}

// JobProps configure the in-job evaluation.
type JobProps struct {
	// Gate on failed rules.
	// @default GateFail
	Gate Gate
	// TargetBucket and TargetPrefix receive the table when it passes, as
	// Parquet. The bucket must accept SSE-KMS uploads with the job's key.
	TargetBucket awss3.IBucket
	TargetPrefix string
	// SourceBucket and SourcePrefix hold the table's objects, which the job
	// reads.
	SourceBucket awss3.IBucket
	SourcePrefix string
	// Publish makes the passing data the published table: the job writes it
	// under TargetPrefix and adds its partitions and columns to this catalog
	// table in the same run (enableUpdateCatalog), so readers of the table
	// only ever see data that passed. Check a staging table (DatabaseName,
	// TableName) and publish to the curated one: the gate stands before
	// publication, not after it.
	// @default the data is written under TargetPrefix without touching the catalog
	Publish *PublishProps
	// EvaluationContext names the results and metrics.
	// @default the construct's id
	EvaluationContext string
	// GlueJob overrides the job's defaults (Script and Arguments stay the
	// construct's).
	GlueJob *gluejob.Props
}

// PublishProps name the catalog table that passing data is published to.
type PublishProps struct {
	// DatabaseName and TableName of the published table; the job creates it
	// on its first passing run and keeps its schema and partitions current.
	DatabaseName string
	TableName    string
	// PartitionKeys of the published table, in order.
	// @default none
	PartitionKeys []string
}
