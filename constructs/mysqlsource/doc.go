// Package mysqlsource is an RDS for MySQL 8.0 database made to be the source
// of a DMS change data capture replication (cdcreplication), with the RDS
// halves of two catalogue patterns: STO-03 (Multi-AZ, automated backups) and
// DWH-12 (access control and audit: IAM, security groups, KMS, audit log
// exports, the audit plugin).
//
// Scenario: the warehouse replicates a product-lifecycle schema (plm_db)
// from MySQL. In a real deployment that MySQL belongs to someone else and
// the replication reads a secret they fill in; for a sandbox, a reference
// deployment or a test of the whole pipeline, this construct is that MySQL,
// configured the way the notes want a protected and audited database to be.
//
//	DMS replication instance ──TLS, port 3307──▶ RDS for MySQL 8.0, Multi-AZ
//	  (its security group only)                   isolated subnets, not public
//	                                              storage + backups: KMS CMK
//	  parameter group: binlog ROW/FULL, no checksum, require_secure_transport,
//	                   general_log, slow_query_log, log_output FILE
//	  option group: MARIADB_AUDIT_PLUGIN (CONNECT, QUERY_DDL, QUERY_DCL)
//	  exports audit, error, general, slowquery ──▶ /aws/rds/instance/<id>/<type>
//	                                               (CMK, one year, pre-created)
//	  enhanced monitoring every 60 s; automated backups 7 days; deletion
//	  protection; final snapshot on stack deletion; IAM database auth
//	  master password: RDS-managed secret (CMK, rotated by RDS)
//	  ReplicationSecret: dms_reader + generated password, host/port attached
//
// Why two secrets. RDS can keep the administrator's password in Secrets
// Manager and rotate it, but that secret holds only username and password;
// DMS needs host and port in the secret it reads, and should not read as
// the administrator. ReplicationSecret is a second secret, attached to the
// instance (AWS::SecretsManager::SecretTargetAttachment adds host, port,
// engine and identifier), for a user with replication rights only.
//
// After deployment, as the administrator (the master secret), once:
//
//	CREATE USER 'dms_reader'@'%' IDENTIFIED BY '<ReplicationSecret password>' REQUIRE SSL;
//	GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'dms_reader'@'%';
//	GRANT SELECT ON plm_db.* TO 'dms_reader'@'%';
//	CALL mysql.rds_set_configuration('binlog retention hours', 24);
//
// then create the tables to replicate in plm_db and start (or resume) the
// DMS task. The database is in isolated subnets: connect from inside the
// VPC (for example a CloudShell VPC environment in the same subnets, allowed
// by AllowFrom). Binary log retention is not a parameter: RDS purges binary
// logs as soon as it can unless it is set, and DMS then cannot resume after
// a stop.
//
// Choices:
//   - Port 3307, not 3306 (Control Tower CT.RDS.PR.20, cdk-nag RDS11); DMS
//     reads the port from the secret.
//   - Administrator cdp_admin, not admin (CT.RDS.PR.22).
//   - The log groups are created before the instance, with the construct's
//     key and a year's retention (CT.CLOUDWATCH.PR.2); RDS would otherwise
//     create them unencrypted and kept forever. That needs a physical
//     instance identifier, derived from the construct's path.
//   - general_log and slow_query_log with log_output FILE: without them the
//     general and slowquery exports stay empty. The general log records
//     every statement; on a busy production database keep only audit and
//     error (an override of the parameter group) and pay attention to cost.
//   - MySQL 8.0 as the catalogue asks. RDS ended standard support for
//     MySQL 8.0 on 31 July 2026: a new 8.0 instance runs under RDS Extended
//     Support, which is charged per vCPU-hour. The MariaDB audit plugin and
//     the DMS source settings are those of 8.0.
//   - db.t4g.small Multi-AZ with 20 GiB gp3 is about US$0.065 an hour
//     (≈ US$48 a month) plus storage, backups beyond the database's size
//     and Extended Support.
//   - Removal: a final snapshot (DeletionPolicy Snapshot) and deletion
//     protection; with the sandbox switch the instance is deleted without
//     snapshot, but deletion protection still has to be turned off first
//     (aws rds modify-db-instance --no-deletion-protection), because Control
//     Tower's CT.RDS.PR.13 checks every configuration.
//
// cdk-nag suppressions: AwsSolutions-IAM4 on the enhanced monitoring role
// (AmazonRDSEnhancedMonitoringRole, the documented policy);
// AwsSolutions-SMG4 on ReplicationSecret (rotation once the user exists).
// Control Tower exemptions: none.
package mysqlsource
