// Package rdsarchive keeps an RDS database small and its history queryable
// (catalogue STO-10, rds-archive-redshift-spectrum): the database holds a
// hot window (three months by default); a monthly schedule exports the
// newest automated snapshot to S3 as Parquet; a Glue crawler catalogs the
// export; Redshift Spectrum (or Athena) reads it, and a late-binding view
// joins current rows in Redshift with archived rows in S3.
//
//	EventBridge Scheduler (cron, UTC, monthly) ──▶ functions/rdsexport
//	    DescribeDB[Cluster]Snapshots (automated, newest available)
//	    DescribeExportTasks (one of ours still running? skip)
//	    StartExportTask(id <prefix>-<yyyymmdd>[-tN], Parquet, KMS key,
//	                    ExportRole ← export.rds.amazonaws.com)
//	        ▼
//	s3://bucket/<Prefix><table>/<task id>/<database>/<table>/…parquet
//	        ▼ Glue crawler (daily, new folders only) → Glue database
//	Redshift: CREATE EXTERNAL SCHEMA … FROM DATA CATALOG (GrantSpectrumRead)
//	          VIEW current (Redshift) UNION ALL archive (Spectrum)
//	          WITH NO SCHEMA BINDING (SpectrumView.SQL)
//
// What the export is and is not. StartExportTask copies a whole snapshot
// (or the ExportOnly tables) as it was at snapshot time: it does not move
// "old rows" out of the database. Keeping the hot window is the
// application's job: after an export completed, delete what is older than
// the window in the source (HotWindowDelete gives the MySQL statement,
// batched). Consecutive monthly exports therefore overlap (a row lives
// three months in the database, so up to three exports hold it); the view
// reads the archive only below the hot window's cutoff and keeps the newest
// export's version of each row (ROW_NUMBER over Key, by the export folder).
//
// Layout and tables. RDS always writes under <S3Prefix>/<task id>/, so the
// construct gives every ExportOnly table its own folder and export task
// (at most five: RDS runs five exports at a time); the crawler makes one
// table per folder whose partition_0 is the task id. Export pricing is per
// GB of snapshot scanned, per task: several tables cost several scans.
// Without ExportOnly the whole snapshot goes under <Prefix>snapshot/ and
// the crawler makes a table per exported table per export (names with
// suffixes): fine for browsing with Athena, not for a stable view.
//
// Idempotence and failures. Task identifiers are derived from TaskIDPrefix
// and the run's UTC date, checked for RDS's rules (letters, digits, single
// hyphens, 60 characters), so a retry or a manual re-run the same day finds
// its task (ExportTaskAlreadyExists counts as success). No snapshot yet is
// logged, not an error. Throttling is retried with backoff; anything else
// fails the run, which the ErrorsAlarm reports. The schedule retries twice
// within an hour; reserved concurrency 1 keeps runs apart.
//
// Zero-ETL. For supported engines (Aurora MySQL/PostgreSQL, RDS for MySQL)
// an AWS::RDS::Integration replicates into Redshift continuously and
// replaces the catalogue's "daily RDS → Redshift load" for the current
// data; it does not archive. Keep this construct for the cold part, or drop
// the archive and keep everything in Redshift.
//
// Security. The export role (trusting export.rds.amazonaws.com for this
// account) may write, read and delete objects under the prefix only and
// use the key; the function may list the source's automated snapshots,
// start exports of them, pass the export role, and CreateGrant/DescribeKey
// on the key (what StartExportTask needs of its caller). Logs are encrypted
// and kept one year.
//
// cdk-nag suppressions (AwsSolutions-IAM5, each with its reason): the export
// role's object families under the prefix; the function's snapshot-name
// pattern and rds:DescribeExportTasks on "*"; the crawler's (gluecatalog);
// the Spectrum grantee's prefix and table wildcards (GrantSpectrumRead).
package rdsarchive
