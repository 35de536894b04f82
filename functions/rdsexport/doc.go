// Command rdsexport is the Lambda function of constructs/rdsarchive
// (catalogue STO-10): on its schedule it finds the newest available
// automated snapshot of an RDS DB instance (or Aurora cluster) and exports
// it to S3 as Parquet with rds:StartExportTask, so data that leaves the
// database's hot window stays queryable through Redshift Spectrum or Athena.
//
// One run starts one export task of the whole snapshot, or one per table of
// EXPORT_ONLY (each under its own folder <PREFIX><table>/, so that a crawler
// makes one stable table of each). Task identifiers are derived from
// TASK_PREFIX and the run's UTC date (TaskID), so a re-run the same day finds
// its task already there (ExportTaskAlreadyExists counts as success) and a
// task still running for the same snapshot is not started twice. No
// snapshot yet (a new database) is a normal outcome, not an error.
// Throttling is retried with backoff; any other failure fails the
// invocation (the construct alarms on the function's errors).
//
// RDS speaks the AWS Query protocol; the module's SDK has no RDS client, so
// rds.go is a small signed Query client of the three operations used.
package main
