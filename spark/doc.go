// Package spark holds the Spark and Hive scripts of the big-data compute
// patterns (issue 17), shipped as S3 assets by constructs/sparkjobs and run
// on EMR on EC2 (steps), EMR Serverless (job runs) or EMR on EKS (job
// runs); it has no Go code of its own.
//
// The scripts and the catalogue patterns they implement:
//
//	hive/dynamodb_export.q     ETL-21          HiveQL: external table over DynamoDB (DynamoDBStorageHandler) -> partitioned Parquet on S3
//	jobs/redshift_offload.py   ETL-22          PySpark: Redshift -> transform in Spark -> Redshift, spark-redshift connector, IAM auth, S3 tempdir
//	jobs/skew_join.py          ETL-23, MON-11  PySpark: AQE skew-join settings, salting of hot keys, two-phase aggregate; per-partition skew statistics -> CloudWatch PutMetricData
//
// Each PySpark script parses its arguments with argparse (spark-submit
// entry point arguments, documented in its module docstring), imports
// pyspark and boto3 only inside main(argv) (importing it starts nothing),
// and keeps its logic in pure functions: salting (salt_of, two_phase_sum),
// hot-key choice, skew statistics (skew_statistics: max, median,
// max/median ratio, mean, population standard deviation), the CloudWatch
// metric data, the Redshift connector's reader and writer options and the
// SQL it pushes down. The HiveQL script takes its inputs as Hive variables
// (${hivevar:NAME}), set with -d NAME=value in an EMR step and with
// --hivevar NAME=value in an EMR Serverless job.
//
// How they are tested: no PySpark can be installed here (PyPI is not
// reachable and Debian packages no pyspark), so, like glue/, tests/ runs
// the scripts under Python's unittest against minimal fakes of pyspark
// (tests/stubs) and boto3 (test/pysuite/stubs, shared with glue/) that
// record every call and the chain of DataFrame operations; the pure functions run for real (the two-phase salted sum is
// checked against a direct sum, the statistics against Python's
// statistics module), and the HiveQL file is parsed and its statements
// checked. spark_test.go compiles every script (py_compile) and runs that
// suite, so `go test ./spark/` covers them; it needs python3 (3.9 or
// newer, the Python of EMR 7.x), which .ci/setup provides. What the fakes
// cannot show (Spark's actual plans, the connector against a live
// Redshift, the storage handler against DynamoDB) is not verified here;
// docs/patterns/sparkjobs.md says so.
package spark
