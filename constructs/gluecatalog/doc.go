// Package gluecatalog keeps the Glue Data Catalog in step with the lake and
// chains Glue steps (catalogue CAT-01, CAT-02, CAT-04, CAT-05, CAT-10,
// ORC-01).
//
// Scenario: files land under one Hive-style prefix
// (company-data/year=2024/month=01/data1.parquet); analysts need exactly one
// partitioned table over them, kept current as folders arrive; a workflow
// then converts, aggregates and enriches, and says when it is done.
//
// New: a Glue database and a crawler over S3 prefixes. By default all
// targets become one table: the crawler combines compatible schemas
// (CombineCompatibleSchemas), partitions inherit the table's schema, and
// targets of different formats are refused at synthesis. Spark and macOS
// marker files (_SUCCESS, .DS_Store, _temporary/, .crc, _spark_metadata/)
// are excluded. Schema changes update the table (UPDATE_IN_DATABASE);
// tables and partitions whose objects were deleted are marked deprecated
// (DEPRECATE_IN_DATABASE). NewFoldersOnly crawls only new folders (and Glue
// then requires LOG behaviours). A security configuration encrypts the
// crawler's logs (cdk-nag GL1). The role reads only the targets' prefixes
// and changes only its database's tables.
//
// NewWorkflow: start (a schedule, or new S3 objects through EventBridge with
// batch size 1–100 and window 1–900 s) → crawler → job → jobs in parallel →
// a final job once all of them succeeded. Every trigger is created
// activated. Workflow.GrantReadRuns lets a job (the notifier) read the
// workflow's runs, glue:GetWorkflowRun on this workflow only.
//
//	[schedule | S3 Object Created → EventBridge → EVENT trigger]
//	      → crawler ─SUCCEEDED→ job ─SUCCEEDED→ ┬ job A ┐
//	                                            └ job B ┴─ALL SUCCEEDED→ notifier
//
// NewJdbcConnection: a JDBC connection whose credentials are a Secrets
// Manager secret (an inline user name or password is refused), placed in a
// private subnet with a self-referencing security group (CAT-05).
// NewSchemaRegistry: a Glue Schema Registry with schemas and a compatibility
// mode (CAT-10).
//
// Corrections to the notes: DEPRECATE_IN_DATABASE is a delete behaviour for
// tables and partitions whose S3 objects were removed; it does not mark
// deleted columns (a removed column simply disappears with
// UPDATE_IN_DATABASE, or stays with LOG).
//
// cdk-nag suppressions (reasons in catalog.go): AwsSolutions-IAM5 for the
// /aws-glue/* log grant, for the crawler's tables of its own database and
// objects under its prefixes, and for glue:GetSecurityConfiguration (no
// resource-level permissions).
package gluecatalog
