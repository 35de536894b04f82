// Package emrserverless runs Spark and Hive jobs on Amazon EMR Serverless
// (catalogue ETL-14, with ETL-16's Glue Data Catalog metastore and
// ETL-23's adaptive skew-join settings as defaults): no cluster to size,
// workers billed per second while a job runs, nothing while the
// application is stopped.
//
// Scenario: a data team runs nightly PySpark jobs over the lake and does
// not want to estimate workers or keep a cluster up ("no worker estimation
// ⇒ EMR Serverless"). A Step Functions state (StartJobRun, the optimized
// emr-serverless:startJobRun.sync integration) or the CLI
// (aws emr-serverless start-job-run) starts a run; the application starts
// itself, runs it, and stops after IdleTimeoutMinutes without jobs.
//
//	Step Functions (startJobRun.sync) ─┐        ┌─ job role ─▶ scripts (read), data prefixes (read / read-write),
//	aws emr-serverless start-job-run ──┴▶ EMR Serverless application  Glue databases, keys
//	                                     (SPARK, emr-7.12.0, ARM64,      ├─▶ logs: s3://<log bucket>/emr-serverless/ (SSE-KMS)
//	                                      auto-start, auto-stop 15 min,  ├─▶ CloudWatch log group (CMK, 1 year)
//	                                      max 16 vCPU / 64 GB / 200 GB)  └─▶ EventBridge "Job Run State Change" FAILED ─▶ SNS
//
// New creates, by default: a customer managed key (rotating, retained); an
// SSE-KMS securebucket for the job logs (EMR Serverless uploads them with
// that key, which a DSSE bucket would refuse); a log group for the
// driver's and executors' stdout/stderr (CMK, one year); the application —
// DefaultReleaseLabel, SPARK, ARM64, auto-start on, auto-stop after 15
// idle minutes, DefaultMaximumCapacity, no pre-initialized workers, S3 and
// CloudWatch logging and the persistent UI encrypted with the key, and a
// spark-defaults runtime configuration making the Glue Data Catalog the
// metastore and turning on adaptive execution with skew joins; the job
// runtime role (trusted by emr-serverless.amazonaws.com for this
// application only: aws:SourceAccount and aws:SourceArn) with reads of the
// scripts, reads or read-writes of the data prefixes, the Glue databases
// given, the keys through grants and its own logs; and an EventBridge rule
// sending failed runs to an encrypted SNS topic. With Vpc the jobs run in
// its private subnets with a security group allowing HTTPS out.
//
// StartJobRun builds the Task state; aws-cdk-lib 2.270 has no L2 task for
// EMR Serverless, so it is a CustomState with the integration's minimal
// Amazon States Language. GrantStartJobRun gives a state machine's role
// exactly the Step Functions guide's policy for the .sync integration. The
// state works inside constructs/statemachine (logs, X-Ray, alarm), whose
// definition checks accept it.
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): a release before 6.x or a malformed label; PRESTO or
// any type but SPARK and HIVE; a public subnet; VpcSubnets without Vpc;
// pre-initialized workers exceeding MaximumCapacity, of unknown roles,
// counts, vCPU, memory or disk; a worker whose memory is below the
// spark-defaults request plus 10 % (or fewer vCPU than its cores); an idle
// timeout outside 1–10080 minutes; a log bucket without a KMS key; Spark
// settings on a Hive application; infinite log retention; an alarm topic
// with alarms off. StartJobRun rejects a missing or non-S3 entry point or
// query, a timeout outside 1 minute–7 days, and a malformed ResultPath.
//
// Corrections to the notes: EMR Serverless runs Spark and Hive only (no
// Presto); applications auto-start on job submission and auto-stop after
// idle (default 15 minutes), so the notes' StartApplication /
// StopApplication lifecycle is optional — an idle stopped application
// without pre-initialized capacity costs nothing. The notes' rule
// "pre-initialized capacity ≥ job request + 10 %" is checked against the
// spark-defaults memory and cores. Release labels older than 6.x are out
// of support (EMRFS consistent view, which the notes also mention, is
// obsolete: S3 is strongly consistent).
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the job role's policy (object
// wildcards under the prefixes given, the CDK key grants' GenerateDataKey*
// and ReEncrypt*, its log group's streams, DescribeLogGroups, the tables
// of the named Glue databases) and, by GrantStartJobRun, on the state
// machine role's policy for the application's job runs (ids known at run
// time).
package emrserverless
