// Package saasflow copies a Salesforce object into the lake with Amazon
// AppFlow: scheduled, incremental, as Parquet (catalogue ING-22,
// appflow-saas-ingest).
//
// Scenario: the lake needs the CRM's accounts, opportunities or invoices
// next to the operational data, without a connector to run or an API
// client to maintain.
//
//	Salesforce object ──(connector profile: existing, or created from Secrets Manager; KMS)──▶ AppFlow flow
//	  trigger: Scheduled rate(1hours), DataPullMode Incremental on LastModifiedDate
//	  tasks:   Map_all (every field, new fields too)  │  Filter PROJECTION + one Map per field
//	       ──▶ S3 lake bucket (SSE-KMS with the flow's key, TLS only, retained)
//	           <prefix>/<flow name>/<yyyy>/<mm>/<dd>/… Parquet, one file per run
//	           bucket policy: appflow.amazonaws.com of this account, only under the prefix
//
// The credential step a user does once: AppFlow's Salesforce connection is
// an OAuth grant that a template cannot hold safely. Either an administrator
// creates the connection once in the AppFlow console (Connections, Salesforce,
// log in and approve) and passes its name as Props.ConnectorProfileName,
// or the construct creates the profile (Props.Salesforce) from the connected
// app's client id and secret stored in Secrets Manager (ClientCredentialsArn,
// grant CLIENT_CREDENTIALS) and, for the JWT bearer grant, a JWT resolved by
// CloudFormation from Secrets Manager at deploy time. A JWT or token given
// as a plain value is refused: it would be written into the template.
//
// New creates, by default: a rotating, retained customer managed key
// (encrypting the profile's stored credentials, the flow, and the new
// bucket); a securebucket with SSE-KMS and S3 Bucket Keys (hourly small
// files would otherwise cost one KMS request each); the bucket-policy
// statements AppFlow's S3 destination needs (s3:PutObject,
// s3:AbortMultipartUpload, s3:ListMultipartUploadParts, s3:PutObjectAcl
// under the prefix; s3:ListBucketMultipartUploads and s3:GetBucketAcl on the
// bucket), conditioned on aws:SourceAccount; a key-policy statement letting
// appflow.amazonaws.com of this account encrypt; and an active flow whose
// name (and profile name) derive from the construct path, so two flows in
// one stack never collide.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): no connection or both; a plain-text JWT; an instance URL that
// is not https://…salesforce.com; a schedule in EventBridge's spelling
// (rate(1 hour)) or a cron expression — AppFlow writes rate(1hours); a full
// pull without FullPullReason, or with an incremental field; a projection
// without the incremental field; invalid or repeated field and object names;
// JSON or CSV output without FileTypeReason; unknown file types and prefix
// formats; target file sizes outside 1–1024 MB; a prefix with leading or
// trailing slashes; an imported bucket without ImportedBucketAllowsAppFlow
// (its policy cannot be changed from here); an AWS managed key.
//
// Corrections to the notes: the catalogue's ING-22 has no numbers and
// sketches "SaaS → AppFlow → S3/Redshift". What it leaves out decides
// whether the flow works: AppFlow schedules use their own rate syntax
// (rate(1hours), not EventBridge's rate(1 hour)); without an incremental
// field a scheduled flow copies the whole object every run; the S3
// destination needs the bucket policy above (AppFlow writes as its service
// principal, not as a role); and the connection's OAuth grant is a
// one-time human step or a Secrets Manager reference, never a value in the
// template. Parquet (with source data typing preserved) is the default
// because the lake's readers (Athena, Glue, Spark) need types and columns.
//
// Not covered: other SaaS connectors (the profile and source properties are
// Salesforce's; the flow shape is the same for the others), event-driven
// (change data capture) flows, Glue Data Catalog registration
// (MetadataCatalogConfig), flow-failure alarms, and a Salesforce PrivateLink
// connection (ConnectionMode Private).
//
// Retention: the key and the bucket are retained (DESTROY only with the
// sandbox switch). The flow and profile hold no data.
//
// cdk-nag suppressions: none. No Control Tower exemption.
package saasflow
