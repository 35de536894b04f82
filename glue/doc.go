// Package glue holds the PySpark scripts the Glue job patterns of this
// library ship (uploaded as S3 assets to Glue 5.0 jobs, one script per job
// under jobs/) and their tests; it has no Go code of its own.
//
// The scripts and the catalogue patterns they implement:
//
//	jobs/s3_to_redshift.py   ETL-01          new S3 data -> Redshift (JDBC connection, bookmarks)
//	jobs/quality_gate.py     ETL-02, ORC-14  Glue Data Quality ruleset as a gate before publishing
//	jobs/find_matches.py     ETL-04          ApplyMapping to one schema, then the FindMatches ML transform
//	jobs/resolve_choice.py   ETL-05          resolveChoice on ambiguous columns -> Parquet
//	jobs/update_catalog.py   ETL-06          Parquet sink that updates the Data Catalog as it writes
//	jobs/stream_to_s3.py     ETL-08          Glue streaming: Kinesis -> partitioned Parquet (forEachBatch)
//	jobs/csv_to_parquet.py   ORC-01          workflow's first job: catalog CSV -> partitioned Parquet
//	jobs/notify.py           ORC-01          Python shell job: workflow run summary -> SNS
//	jobs/pii_discovery.py    SEC-14          Comprehend DetectPiiEntities -> masked/hashed curated Parquet
//
// Each script documents its job arguments in its module docstring, has a
// main(argv) called only under `if __name__ == "__main__"` (importing it
// starts no Spark) and small pure helpers that check the arguments before
// Spark starts. The batch scripts keep job bookmarks working the way the
// gluejob construct's synthesis check requires: job = Job(glueContext),
// job.init(args["JOB_NAME"], args) before the first read, a literal
// transformation_ctx= on every DynamicFrame source and sink, job.commit()
// last.
//
// The scripts repeat their Spark and Job set-up and their Parquet write on
// purpose: each is one self-contained S3 asset (no --extra-py-files to ship
// and version with it), and the bookmark check reads each script's own text,
// so those calls must be in it.
//
// tests/ runs the scripts under Python's unittest against minimal fakes of
// awsglue, awsgluedq, awsglueml and pyspark (tests/stubs) and of boto3
// (test/pysuite/stubs, shared with spark/) that record every call.
// glue_test.go compiles every script and runs that suite (test/pysuite), so `go test ./glue/` covers them; it needs python3 (3.11, the
// Python of Glue 5.0), which .ci/setup provides.
package glue
