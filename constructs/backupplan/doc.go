// Package backupplan backs up the data lake's tables, buckets and clusters
// with AWS Backup into a vault encrypted with a customer managed key, with
// an optional Vault Lock (catalogue STO-04, aws-backup-datalake).
//
// Scenario: a multi-role data lake must be recoverable for compliance and
// disaster recovery: point-in-time restores of the last weeks, monthly
// restore points for a year, copies in another Region or account, and
// backups nobody can delete early. Back up the raw bucket (transformed data
// is reproducible from it), or an anonymised copy when raw holds PII.
//
//	resources tagged DataProtectionLevel=Critical ─┐   (+ explicit buckets, tables, ARNs)
//	                                               ▼
//	backup plan: Daily 05:00 UTC 35 d │ Monthly 1st 365 d (cold after 90 d) │ Continuous (PITR ≤ 35 d, option)
//	  start window 1 h, completion window 7 d; role: AWS Backup service-role policies (+ S3 pair)
//	                                               ▼
//	backup vault (CMK, retained) ── access policy: deny DeleteRecoveryPoint,
//	  │                               UpdateRecoveryPointLifecycle, DeleteBackupVault but for BreakGlassRole
//	  ├─ Vault Lock (option): governance, or compliance after ChangeableForDays
//	  ├─ copy actions ─▶ vault in another Region/account (own lifecycle)
//	  └─ notifications ─▶ SNS topic (CMK, TLS only; backup.amazonaws.com may publish)
//
// New creates, by default: a rotating, retained customer managed key for
// the vault; the vault (name derived from the construct path, retained,
// access policy denying recovery-point deletion, lifecycle shortening and
// vault deletion to every principal); an encrypted topic receiving
// DefaultNotificationEvents; a plan (name derived from the construct path)
// with DefaultRules; a role AWS Backup assumes, with
// AWSBackupServiceRolePolicyForBackup and ...ForRestores, plus
// AWSBackupServiceRolePolicyForS3Backup and ...ForS3Restore when buckets can
// be selected; and a selection of every resource tagged
// DataProtectionLevel=Critical.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): a vault without a customer managed key (AwsOwnedKey, or an
// alias/aws/... key) — the bad input; a lock whose minimum exceeds
// its maximum, outside 1–36500 days, or with ChangeableForDays below 3; rule
// or continuous retentions the lock would refuse; a continuous retention
// above 35 days; cold storage less than 90 days before deletion; an empty
// selection or an empty rule list; malformed cron schedules, rule names,
// windows (start below one hour, completion not longer than start), copy
// vault ARNs, account ids and resource ARNs of services AWS Backup does not
// protect; unversioned buckets (a bucket of this app is read from its
// AWS::S3::Bucket, an imported one needs BucketsVersioned); deprecated
// notification events.
//
// Corrections to the notes: BACKUP_JOB_FAILED, which examples use to notify
// failures, is deprecated and never sent: a failed backup arrives as
// BACKUP_JOB_COMPLETED with the message attribute State = FAILED
// (FailedJobsFilter is the subscription filter). Continuous backup is for
// S3, RDS and Aurora only and keeps at most 35 days; longer history comes
// from the scheduled rules. Cold storage is ignored for S3, RDS and Aurora
// and needs DynamoDB's advanced backup features (an account setting, not in
// CloudFormation). S3 must also be opted in to AWS Backup in the account's
// Region settings (not in CloudFormation), and buckets need versioning.
//
// Retention: the vault and its key are retained; with the sandbox switch
// they are DESTROY and the access policy no longer denies
// backup:DeleteBackupVault, but a vault that still holds recovery points
// cannot be deleted (expire or delete them first, which a compliance-mode
// lock forbids until their retention ends).
//
// AddTables backs up tables created after the plan in a selection of their
// own (the DataProtection stack adds its tokenization vault's table).
//
// cdk-nag suppressions: AwsSolutions-IAM4 on the backup role (AWS Backup's
// own service-role policies); the compliance packs' DynamoDBInBackupPlan on
// a selected table of another stack, naming this plan (the rule looks for a
// selection in the table's own stack only). No Control Tower exemption.
package backupplan
