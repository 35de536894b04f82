// Package mwaa runs Apache Airflow DAGs on Amazon Managed Workflows for
// Apache Airflow (catalogue ORC-09): code-defined orchestration of Glue,
// Redshift, Lambda and other tasks, with the scheduler, workers and web
// server managed by AWS.
//
// Scenario: a data team writes its pipelines as Python DAGs (Airflow's
// operators for Glue, Redshift, EMR, Batch, ...) and wants them scheduled,
// retried and monitored without running Airflow itself; the notes'
// pipeline is the lake's nightly Glue workflow followed by a Redshift
// statement (airflow/dags/lake_nightly.py).
//
//	repository airflow/dags ──BucketDeployment──▶ DAG bucket (versioned, SSE-KMS) /dags
//	                                                   │ read by the execution role
//	VPC (2 isolated subnets, no NAT, flow logs) ── MWAA environment (mw1.small, 1–2 workers)
//	  interface endpoints: airflow.api/env/ops,        ├─ scheduler, workers ─▶ Glue, Redshift Data API
//	  sqs, logs, monitoring, kms, ecr.api/dkr,         ├─ web server (PRIVATE_ONLY)
//	  + S3 gateway                                     └─ 5 log groups at INFO (CMK, 1 year)
//
// New creates, by default: a customer managed key (rotating, retained) whose
// policy lets CloudWatch Logs of the account use it; a VPC with two isolated
// subnets, no NAT gateway, flow logs, the S3 gateway endpoint and the nine
// interface endpoints MWAA needs in a network without internet access
// (Endpoints); a security group whose members reach each other and nothing
// else but HTTPS (S3 through the gateway endpoint); a versioned SSE-KMS
// securebucket for the DAGs; the five Airflow log groups
// airflow-<name>-{DAGProcessing,Scheduler,Task,WebServer,Worker}, created
// before the environment so they are encrypted with the key and kept one
// year (MWAA would create them without expiry); an execution role with the
// MWAA guide's statements scoped to this environment; and the environment:
// Airflow DefaultAirflowVersion, mw1.small, 1 to 2 workers, private web
// server, all five log types on at INFO. DagsDirectory uploads a folder of
// the repository with aws-s3-deployment (no Docker), in the environment's
// subnets, before the environment is created or updated.
// GrantGlueWorkflowRuns and GrantRedshiftData let the DAGs start a Glue
// workflow and run Redshift Data API statements.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): a public web server without AllowPublicWebserver; a DAG
// bucket without versioning (a bucket of the app whose AWS::S3::Bucket lacks
// VersioningConfiguration Enabled, or an imported bucket without
// DagBucketVersioned); an unknown environment class; MinWorkers above
// MaxWorkers or outside 1–25; a subnet selection other than exactly two
// subnets; unknown log levels, malformed names and versions.
//
// Corrections to the notes: they name no environment class and say "use the
// latest Airflow version" without one; the construct defaults to mw1.small
// and Airflow 3.0.6 (MWAA's Airflow 3, GA 2025-10-01; Airflow 2 left
// community support on 2025-10-22) and documents the always-on cost
// (docs/patterns/mwaa.md). The notes' troubleshooting list (CloudWatch
// logs, IAM, dependencies, worker sizing, local DAG tests) maps to the five
// log groups at INFO, the scoped execution role, RequirementsS3Path with its
// object version, MinWorkers/MaxWorkers and the DAG's unit tests with
// Airflow stubs (airflow/tests).
//
// Physical names: MWAA needs a name, and its log groups and the role's
// resource ARNs derive from it, so the name is derived from the construct's
// unique path (Props.Name overrides it). The environment itself is not
// retained when the stack is deleted (keeping it would keep billing); its
// key, DAG bucket and log groups are.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the execution role's policy
// (the MWAA guide's statements: objects of the DAG bucket, its own log
// groups and the airflow-celery-* queues, three calls without resource-level
// permissions); on the CDK's BucketDeployment function AwsSolutions-IAM4
// (Lambda's logging and VPC managed policies), AwsSolutions-IAM5 (object
// wildcards on the asset and the DAG prefix) and AwsSolutions-L1 (its
// runtime is pinned by aws-cdk-lib). No Control Tower exemption: the upload
// function runs in the VPC.
package mwaa
