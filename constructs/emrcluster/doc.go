// Package emrcluster runs Spark and Hive on an Amazon EMR on EC2 cluster
// (catalogue ETL-12 transient and long-running clusters, ETL-13 managed
// scaling, ETL-16 the Glue Data Catalog as metastore, SEC-04 the security
// configuration, SEC-05 encrypted root volumes and custom AMIs, MON-09
// logging), private, encrypted and cheap by default.
//
// Scenario: the notes' nightly aggregation of IoT data (a transient cluster
// runs spark-submit steps over the lake and terminates) and an interactive
// or frequently used cluster (long-running, shrinking to its minimum and
// terminating itself when idle), both sharing table definitions with
// Athena, Glue and Redshift Spectrum through the Glue Data Catalog.
//
//	steps (spark-submit s3://…)          Glue Data Catalog (hive-site, spark-hive-site)
//	        │                                   ▲
//	        ▼                                   │ glue endpoint
//	VPC: isolated subnets ×2, no NAT, flow logs │
//	 ┌──────────────────────────────────────────┴──────────────┐
//	 │ primary fleet (1, On-Demand)  core fleet (2, On-Demand)  │──S3 gateway──▶ data, scripts,
//	 │ task fleet (2, Spot → On-Demand fallback)                │                TLS bundle, logs
//	 │ managed scaling 2–10 units, growth on Spot task nodes    │──kms/sts/elasticmapreduce endpoints
//	 └──────────────────────────────────────────────────────────┘
//	security configuration: SSE-KMS (EMRFS), local disks + EBS (root too) with the CMK,
//	TLS from a generated PEM bundle (constructs/emrcerts), IMDSv2 only
//	logs ──▶ s3://<log bucket>/emr-logs/ (SSE-KMS, LogEncryptionKmsKeyId)
//	failures ──▶ AppsFailed alarm + EventBridge (cluster ended with errors, step failed) ──▶ SNS
//
// New creates, by default: a customer managed key (rotating, retained) for
// everything the cluster stores; a VPC with two isolated subnets, no NAT
// gateway, flow logs, the S3 gateway endpoint and the interface endpoints
// a private-subnet EMR 7 cluster needs without NAT (Endpoints); the three
// EMR-managed security groups of a private subnet with the rules the EMR
// guide lists (nothing from outside the cluster but EMR's service access on
// 8443/9443); an SSE-KMS securebucket for the logs and the TLS bundle;
// the generated bundle (emrcerts.New); the security configuration; a
// service role with AmazonEMRServicePolicy_v2 and an instance role with
// grants only (Data, Scripts, the log prefix, the bundle, Glue databases,
// the key); and the cluster: DefaultReleaseLabel (emr-7.13.0), Spark and
// Hive, Graviton instance fleets (m7g.xlarge/m6g.xlarge), long-running
// with a 1 hour idle auto-termination, termination protection off, managed
// scaling, the Glue Data Catalog as Hive and Spark metastore, spark-defaults
// with adaptive query execution and skew-join handling (ETL-23's
// configuration half), an alarm on failed applications and an EventBridge
// rule for failed clusters and steps into an encrypted SNS topic.
// Transient mode runs Steps and terminates (KeepJobFlowAliveWhenNoSteps
// false, steps TERMINATE_CLUSTER on failure). A second cluster can run in
// the first's VPC (Props.Vpc = first.Vpc) and use its endpoints
// (first.ShareEndpoints(second)), so the always-on endpoint cost is paid
// once.
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): a public subnet (or a VPC without private ones); a
// release before emr-6.0.0; managed scaling with Minimum above Maximum,
// On-Demand or core limits above Maximum, scaling beyond MaximumCore
// without a task fleet, or an On-Demand limit below the On-Demand core
// fleet; Spot core nodes without AllowSpotCore; a SecurityConfiguration
// without in-transit encryption (or without KMS at rest, EBS encryption or
// IMDSv2); a LogBucket without a KMS key; a transient cluster without
// steps or with an idle timeout; malformed steps, instance types, AMIs,
// database names, certificate URLs and prefixes.
//
// Corrections to the notes: EMR bills per second with a one-minute
// minimum, not per hour; termination protection is off and auto-
// termination on here, whatever a launch path defaults to; EMRFS consistent
// view is obsolete (S3 has been strongly consistent since December 2020)
// and is never configured; a custom AMI is no longer needed for an
// encrypted root volume: since EMR 5.24 the security configuration's EBS
// encryption (EnableEbsEncryption with a KMS key) covers it (CustomAmiId
// stays for hardened or preinstalled images); the notes' release labels are
// out of support (6.0 is the oldest accepted, 7.x the default).
//
// Logs and DSSE: securebucket defaults to DSSE-KMS and its policy denies
// uploads asking for another encryption. EMR uploads logs with an SSE-KMS
// header naming LogEncryptionKmsKeyId, so the log bucket is SSE-KMS with
// the cluster key (policy: SSE-KMS, that key only). API calls (RunJobFlow,
// AddJobFlowSteps, TerminateJobFlows) are audited by CloudTrail, not by
// this construct.
//
// cdk-nag suppressions: AwsSolutions-EMR4 and EMR5 on the cluster (cdk-nag
// 2.38 looks for EnableAtRestEncryption/EnableInTransitEncryption at the
// top of the security configuration, where EMR does not accept them; the
// construct sets them under EncryptionConfiguration, which Control Tower's
// CT.EMR.PR.1-4 verify); AwsSolutions-EMR6 on the cluster without
// Ec2KeyName (no SSH: steps through the IAM-authorized API); AwsSolutions-
// IAM4 on the service role (AmazonEMRServicePolicy_v2, the documented
// minimum, limited to resources tagged ManagedPolicyTag); AwsSolutions-IAM5
// on the instance role's and service role's grant policies (prefix
// wildcards, KMS GenerateDataKey*/ReEncrypt* on the cluster key). No
// Control Tower exemption beyond the ones emrcerts' functions carry.
package emrcluster
