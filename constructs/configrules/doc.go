// Package configrules records configuration changes with AWS Config and
// evaluates the lake's data stores against managed rules (catalogue
// MON-06, aws-config-rules-stacksets): one recorder and delivery channel
// per account and region (unless one exists), the notes' data-store rules
// as managed rules or one conformance pack, optionally rolled out to an
// organization through a service-managed stack set, and resources turning
// NON_COMPLIANT sent to an encrypted SNS topic.
//
// Scenario: auditors want a configuration history of every resource and a
// compliance view of the data stores (buckets encrypted, not public,
// TLS-only; tables with point-in-time recovery; no public Redshift
// cluster; encrypted RDS storage and Kinesis streams), the same in every
// account of the organization.
//
//	recorder (AWSServiceRoleForConfig, all supported types + global, CONTINUOUS)
//	   └─ delivery channel ─▶ S3 <prefix>/AWSLogs/<account>/Config/ (SSE-KMS securebucket, snapshots every 24 h)
//	managed rules (or a conformance pack) ─ evaluations ─▶ EventBridge "Config Rules Compliance Change"
//	   NON_COMPLIANT ─▶ SNS (CMK)
//	stack set (SERVICE_MANAGED, auto-deployment) ─▶ the same rules in every account of the OUs
//
// New creates, by default: the recorder of every supported resource type,
// global types (IAM) included, continuous recording, using the
// service-linked role AWSServiceRoleForConfig by its ARN in the stack's
// partition (CreateServiceLinkedRole creates the role where it does not
// exist yet); an SSE-KMS securebucket with a new key, whose policy gets the
// three statements of AWS Config's guide for service-linked-role delivery
// (s3:GetBucketAcl and s3:ListBucket on the bucket, s3:PutObject under
// config/AWSLogs/<account>/Config/ with s3:x-amz-acl
// bucket-owner-full-control, all conditioned on aws:SourceAccount) and whose
// key lets config.amazonaws.com of this account use it (the service-linked
// role has no KMS permissions, so Config delivers as its service
// principal); the delivery channel with S3KmsKeyArn and snapshots every
// 24 hours, created after the recorder and the bucket policy; the
// DataStoreRules as awsconfig.ManagedRule resources after both; and an
// EventBridge rule sending NON_COMPLIANT evaluations of those rules to a
// new encrypted topic.
//
// Why SSE-KMS and not the securebucket default: a DSSE-KMS securebucket
// denies uploads that ask for another encryption, and Config sends
// x-amz-server-side-encryption aws:kms with the key of S3KmsKeyArn; the
// SSE-KMS securebucket accepts exactly that header and key.
//
// Why no topic on the delivery channel by default: AWS Config's guide says
// it does not support encrypted SNS topics, and cdk-nag (and this library)
// want every topic encrypted. Compliance changes reach the encrypted topic
// through EventBridge instead (Config publishes them there by itself); a
// caller may still give DeliveryTopic (unencrypted, their choice) for the
// full configuration stream.
//
// ExistingRecorder (Control Tower, a landing zone or another stack already
// records here — an account has one recorder per region) creates only the
// rules, pack, stack set and notifications.
//
// Organization-wide deployment: StackSet adds an
// AWS::CloudFormation::StackSet (SERVICE_MANAGED, AutoDeployment on,
// stacks removed with a leaving account, managed execution, CallAs SELF or
// DELEGATED_ADMIN) whose template is TemplateBody: the rules alone (each
// target account needs its own recorder; Control Tower accounts have
// one). The stack must be deployed in the management account or a
// delegated StackSets administrator. AWS::Config::OrganizationConformancePack
// is the alternative without StackSets (from the management account or a
// Config delegated administrator); it is not used here.
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): ExistingRecorder together with any recorder or
// delivery option; a delivery frequency other than One_Hour, Three_Hours,
// Six_Hours, Twelve_Hours, TwentyFour_Hours; a recording frequency other
// than CONTINUOUS or DAILY; malformed resource types, or GlobalResourceTypes
// with a type list; rule identifiers not in upper snake case or repeated;
// input parameters of rules not evaluated; a given bucket of the app with
// DSSE-KMS default encryption or Object Lock; an encryption key with a
// given bucket; a prefix with slashes at either end or containing AWSLogs; a
// stack set without organizational units or regions, or with malformed
// ones; an alarm topic with alarms off.
//
// Notes corrected: none needed (the catalogue has no caution); the managed
// rule identifiers were checked against aws-cdk-lib's
// awsconfig.ManagedRuleIdentifiers (S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED,
// S3_BUCKET_PUBLIC_READ_PROHIBITED, S3_BUCKET_SSL_REQUESTS_ONLY,
// DYNAMODB_PITR_ENABLED, REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK,
// RDS_STORAGE_ENCRYPTED, KINESIS_STREAM_ENCRYPTED). Config rules are
// detective; the related resource "describes" the notes mention (an SG
// change re-recording attached instances) are relationship items, billed
// as configuration items.
//
// cdk-nag suppressions: none (the bucket's and topic's come from
// securebucket and the alarm topic).
package configrules
