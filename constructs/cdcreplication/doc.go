// Package cdcreplication replicates a MySQL database into Redshift and the
// lake with AWS DMS: full load, then ongoing change data capture
// (catalogue ING-06, ING-07, ING-24).
//
// Scenario: a product-lifecycle database (plm_db) on MySQL must be queryable
// in Redshift within minutes of every change, and kept as history in S3.
//
//	MySQL (binlog ROW/FULL) ─DMS source endpoint (secret via access role, TLS)─┐
//	  DMS replication instance dms.t3.medium, private subnets, CMK, not public ─┤
//	  ├─ task full-load-and-cdc ─▶ Redshift target (secret of user dms_user) ───┘
//	  └─ task full-load-and-cdc ─▶ S3 target: Parquet per table under cdc/,
//	        op column (I/U/D) and cdc_timestamp ─▶ crawler ─▶ Glue tables
//	  CloudWatch alarms: CDCLatencySource, CDCLatencyTarget > 600 s per task
//
// Settings where DMS reads them: BatchApplyEnabled, SupportLobs,
// LimitedSizeLobMode and LobMaxSize belong to TargetMetadata (limited LOB
// mode needs LobMaxSize > 0), TargetTablePrepMode TRUNCATE_BEFORE_LOAD to
// FullLoadSettings. TaskSettings are checked at synthesis: invalid JSON,
// unknown sections and settings placed in the wrong section fail.
//
// The account roles: DMS looks up dms-vpc-role, dms-cloudwatch-logs-role
// and dms-access-for-endpoint by these exact names, so an account has one of
// each. The construct creates them (CreateAccountRoles, on by default); turn
// it off in every other stack of the account and where the DMS console
// already created them, or the deployment fails on the duplicate names.
//
// Starting: CloudFormation creates a classic DMS task stopped and never
// starts it, so a custom resource calls StartReplicationTask once after
// creation (and StopReplicationTask before deletion: a running task cannot be
// deleted). A classic instance is the default rather than DMS Serverless
// because its CDC latency metrics have the instance and task dimensions the
// alarms need, and its cost is predictable (dms.t3.medium ≈ US$0.08 an hour,
// ≈ US$60 a month, plus storage); Serverless bills DMS capacity units while
// it runs.
//
// Source prerequisites (MySQL): binlog_format ROW, binlog_row_image FULL,
// binlog_checksum NONE, require_secure_transport (NewSourceParameterGroup for RDS), automated backups
// on, binary log retention of at least 24 h (call
// mysql.rds_set_configuration('binlog retention hours', 24)), and a user with
// REPLICATION CLIENT, REPLICATION SLAVE and SELECT on the schemas. The
// Redshift user dms_user needs CREATE on the database (the warehouse SQL).
//
// Cross-account (ING-07): the replication and Redshift live in the target
// account and region, because DMS writes only to a Redshift cluster in its
// own account and region. The source account gets NewSourceAccess: a
// peering acceptor role, a CIDR rule on the database's security group
// (security-group references do not cross regions) and the source secret,
// whose resource and key policies allow the replication's named secrets
// role. The notes' "eu-east-1" does not exist, and DMS does not reach an RDS
// source "through an IAM role": it connects over the network with database
// credentials (here from Secrets Manager).
//
// Watch and stop after deploying:
//
//	aws dms describe-replication-tasks --query 'ReplicationTasks[].{id:ReplicationTaskIdentifier,status:Status,progress:ReplicationTaskStats.FullLoadProgressPercent}'
//	aws dms stop-replication-task --replication-task-arn <arn>
//	aws dms start-replication-task --replication-task-arn <arn> --start-replication-task-type resume-processing
package cdcreplication
