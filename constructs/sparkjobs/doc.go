// Package sparkjobs ships the Spark and Hive scripts of the module's spark/
// folder as CDK S3 assets and watches the skew metrics one of them
// publishes (catalogue ETL-21, ETL-22, ETL-23, MON-11).
//
// Scenario: the big-data compute of the lake (EMR Serverless by default,
// an EMR cluster or EMR on EKS as variants) runs three scripts: a HiveQL
// export of a DynamoDB table to Parquet through an external table with the
// DynamoDB storage handler (ETL-21), a PySpark transform offloaded from
// Redshift and loaded back through the Redshift connector with IAM
// authentication and an S3 tempdir (ETL-22), and a PySpark join on a
// skewed key mitigated with AQE skew-join settings and salting (ETL-23)
// that publishes per-partition skew statistics to CloudWatch (MON-11).
//
//	spark/hive/dynamodb_export.q ─┐                       EMR step (command-runner.jar hive-script / spark-submit)
//	spark/jobs/redshift_offload.py ├─ S3 assets (cdk deploy) ─▶ EMR Serverless StartJobRun (hive / sparkSubmit)
//	spark/jobs/skew_join.py ──────┘                       EMR on EKS StartJobRun (sparkSubmitJobDriver)
//	skew_join.py ─PutMetricData─▶ DataPatterns/Spark PartitionSkewRatio {JobName, Stage}
//	                                  └─ alarm (Maximum ≥ 4, 1 × 5 min, missing = not breaching) ─▶ SNS (CMK)
//
// New uploads every script (Scripts) as its own asset (Assets; no Docker,
// no bundling), and creates the skew alarm on the metric MetricSkewRatio
// names, notifying the construct's encrypted topic or AlarmTopic on ALARM
// and OK. The construct creates no role: the caller's runtime role (EMR
// Serverless or EKS job role, EMR instance profile role) gets
// GrantRead (the scripts) and GrantPutMetricData (the skew metrics). The
// scripts' arguments are built by HiveStepArgs and SparkStepArgs (EMR
// steps), HiveServerlessDriver and SparkDriver (EMR Serverless and EKS job
// drivers); their IAM needs (DynamoDB read for ETL-21, Redshift
// credentials and the tempdir for ETL-22) are the caller's, listed in
// docs/patterns/sparkjobs.md.
//
// cloudwatch:PutMetricData has no resource-level permission: its resource
// is "*", narrowed by the condition cloudwatch:namespace to MetricNamespace.
// cdk-nag suppression (AwsSolutions-IAM5, Resource::*) on the policy
// GrantPutMetricData creates, with that reason. The policy is a customer
// managed policy attached to the role, not an inline one (the compliance
// packs' IAMNoInlinePolicy).
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): a namespace starting with AWS/ or longer than 255
// characters; a stage other than salted or input; a threshold of 1 or less;
// evaluation periods outside 1–100; a period that is not a whole number of
// minutes from 1 minute to 1 day; an AlarmTopic or SkewThreshold with
// CreateAlarms false. HiveExport problems are returned as errors by the
// helpers (tokens are not checked).
//
// The scripts are tested by `go test ./spark/` with stubbed pyspark and
// boto3 (no PySpark can be installed here), their pure functions for real;
// see the spark package.
package sparkjobs
