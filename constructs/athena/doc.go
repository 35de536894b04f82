// Package athena serves the lake through Amazon Athena (catalogue ANA-01,
// ANA-02, ANA-03, ETL-17, MON-05).
//
// New creates an Athena SQL workgroup (ANA-01) whose settings override the
// clients' (EnforceWorkGroupConfiguration): engine version 3 pinned, a
// required bytes-scanned cutoff per query (at least 10 MB, Athena's
// minimum), CloudWatch metrics on, requester-pays off, results under a
// prefix of an SSE-KMS bucket encrypted SSE_KMS (or CSE_KMS) with a
// customer managed key, or in Athena-owned storage with that key
// (ManagedQueryResults). Workgroup-wide "data usage controls" are what the
// console creates for them: CloudWatch alarms on the workgroup's
// ProcessedBytes summed over an hour or a day, notifying SNS (by default 1
// TB a day and 200 GB an hour). Named queries and prepared statements are
// typed values attached to the workgroup (checked: no empty SQL or name, a
// declared parameter list matching the statement's ?). GrantQuery grants a
// principal this workgroup only.
//
// NewQueryRun (ETL-17) runs statements in order from Step Functions
// (athena:startQueryExecution.sync: each state waits for its query and a
// failed query fails the run, which alarms), optionally on an EventBridge
// schedule, and saves each statement as a named query of the workgroup.
// The statements come from package sql: CTAS and UNLOAD to partitioned
// Snappy Parquet, with Athena's rule that partition columns come last in
// the SELECT checked, and INSERT INTO batches for Athena's limit of 100
// partitions written per query.
//
// NewSpark (ANA-03) creates an Athena for Apache Spark workgroup ("PySpark
// engine version 3") whose sessions run as an execution role allowed only
// its results prefix, its key, session calls on this workgroup, the
// /aws-athena* log groups and metrics in the AmazonAthenaForApacheSpark
// namespace; notebooks and calculations are encrypted with the key
// (CustomerContentEncryptionConfiguration). Notebooks, sessions and
// calculations are created at run time, not by CloudFormation.
//
// NewCloudWatchCatalog (MON-05, ANA-02) deploys Athena's CloudWatch Logs
// connector from the Serverless Application Repository
// (AWS::Serverless::Application, application AthenaCloudwatchConnector at a
// pinned version; the SAM transform is added to the stack) with an
// execution role of this construct (the application's LambdaRole
// parameter, so the application creates no broader role of its own), a
// spill bucket whose spill expires after a day, spill data keys from the
// construct's key, a pre-created encrypted log group for the function, and
// the AWS::Athena::DataCatalog of type LAMBDA pointing at the function.
//
// Corrections to the notes: the workgroup-wide data limits are not a
// workgroup setting but CloudWatch alarms (+ SNS); result reuse is a
// per-query setting (StartQueryExecution ResultReuseConfiguration, max age
// up to 7 days), CloudFormation has no workgroup-level switch for it; the
// per-query cutoff's minimum is 10 MB.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the Spark execution role
// (objects under the results prefix, /aws-athena* log groups,
// PutMetricData limited by namespace condition), the connector role (log
// groups under the allowed prefixes, DescribeLogGroups, GetQueryResults,
// StopQuery and GenerateRandom which have no resource, the spill prefix)
// and the query run role (prefixes read and written, tables of the named
// Glue databases, X-Ray and log delivery). Control Tower: CT.ATHENA.PR.1
// and PR.2 look for ResultConfiguration encryption, which a workgroup with
// ManagedQueryResults does not have (its results are encrypted through
// ManagedQueryResultsConfiguration); the default (a bucket) passes both.
package athena
