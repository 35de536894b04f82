// Package securebucket is the S3 bucket every pattern of this library stores
// data in (catalogue SEC-01, SEC-16, STO-01, STO-03).
//
// Scenario: extremely sensitive data (finance, health, government) must be
// encrypted at rest to the highest level S3 offers, reachable only over TLS,
// protected against deletion and overwrite, and moved to cheaper storage as it
// ages.
//
// What New creates, with nil props:
//
//	writers ──TLS 1.2+──▶ bucket (DSSE-KMS, one rotating CMK, versioned,
//	                      all public access blocked, ACLs disabled,
//	                      SSE-C blocked, EventBridge notifications on)
//	                        │ server access logs
//	                        ▼
//	                      log bucket (SSE-S3, TLS-only, versioned,
//	                      logs expire after 365 days)
//
// The bucket policy denies any request without TLS or below TLS 1.2, and any
// upload that asks for another encryption (header present and not the
// bucket's algorithm) or another KMS key. Lifecycle: incomplete multipart
// uploads are aborted after 7 days; the notes' tiering (Standard-IA after
// 180 days, Glacier after 730 days) is one option away (NotesLifecycle);
// noncurrent versions are kept unless NoncurrentVersionExpiration is set.
// Object Lock (governance or compliance, default retention) and replication
// to another bucket (another region or account) are options. Bucket, key and
// log bucket are retained when the stack is deleted unless the project's
// sandbox switch is on.
//
// Encryption is selectable: DSSE-KMS (default), SSE-KMS (with an S3 Bucket
// Key, which cuts KMS request costs) or SSE-S3.
//
// Where the study notes are wrong, this construct does what is right today:
//   - DSSE-KMS uses one KMS key, not two: S3 applies two independent layers of
//     AES-256 with two data keys generated under the same KMS key. The notes'
//     "2 keys × $1/month" is wrong; the extra cost is KMS requests, which a
//     Bucket Key cannot reduce because S3 Bucket Keys are not supported with
//     DSSE-KMS (BucketKeyEnabled true with DSSE-KMS is rejected here).
//   - FIPS 140 validation is a property of KMS's HSMs, not specific to DSSE.
//   - One lifecycle rule holds both transitions; the notes' "two policies" are
//     unnecessary. Standard-IA needs objects at least 30 days old, and Glacier
//     must come at least 30 days after Standard-IA (both are checked here).
//
// Server access logs go to a bucket with SSE-S3 because S3 log delivery does
// not write to buckets whose default encryption is SSE-KMS or DSSE-KMS.
//
// cdk-nag suppressions (each on one resource):
//   - AwsSolutions-S1 on the log bucket: it is the access-log destination;
//     logging it into itself would loop and into another bucket only moves the
//     problem.
//   - the compliance packs' S3BucketReplicationEnabled (HIPAA, NIST, PCI) on
//     the bucket without Replication (an option: a replica doubles the
//     storage; the bucket is versioned and retained) and on the log bucket
//     (ExistingLogBucket sends the logs to a replicating bucket instead).
//   - the packs' S3DefaultEncryptionKMS on a DSSE-KMS bucket: DSSE-KMS is KMS
//     encryption in two layers; the rule recognises only aws:kms.
//   - the packs' S3DefaultEncryptionKMS on the SSE-S3 log bucket: the S3 User
//     Guide supports only SSE-S3 as a server access log destination's default
//     encryption.
//   - AwsSolutions-IAM4 on the CDK auto-delete provider role, only in sandbox
//     mode: the provider is CDK's own singleton Lambda, and its AWS managed
//     basic-execution policy only writes its logs.
//
// Control Tower exemptions (test/guard-exemptions.json): CT.S3.PR.9 (Object
// Lock is an option, off by default: it makes data undeletable, which must be
// a deliberate choice), CT.S3.PR.2/PR.10 on the log bucket (see above), and
// CT.LAMBDA.PR.3 on the sandbox-only auto-delete provider.
//
// Notifications: the bucket publishes every event to EventBridge. Subscribe
// with EventBridge rules; do not call the L2 AddEventNotification on it, which
// would replace the notification configuration through a custom resource.
package securebucket
