// Package opensearchserverless is an Amazon OpenSearch Serverless
// collection with its security policies and Firehose ingestion (catalogue
// ANA-06): search and log analytics without sizing or running a domain.
//
// Scenario: weblogs or sensor readings arrive on a Kinesis data stream and
// must be searchable within a minute, without choosing instance types,
// shard counts or index lifecycle. OpenSearch Serverless scales OpenSearch
// Compute Units (OCUs) for indexing and search separately; the collection
// is reached only through its VPC endpoint.
//
//	Kinesis stream ─▶ Firehose (KinesisStreamAsSource, buffer 60 s / 5 MiB, retry 300 s)
//	                    │ ENIs in the VPC ──HTTPS──▶ VPC endpoint ─▶ collection (TIMESERIES, standby replicas)
//	                    ├─ failed documents ─▶ securebucket opensearch-serverless-backup/
//	                    └─ errors ─▶ log group (CMK, 1 year)
//	policies: encryption (CMK KmsARN) · network (VPC endpoint [+ SourceServices], no public)
//	          data access (writers: Firehose role; readers; admins), rendered at synthesis
//
// New creates, by default: a customer managed key; a VPC with isolated
// subnets in up to three zones and flow logs (or uses Vpc); an
// AWS::OpenSearchServerless::VpcEndpoint whose security group admits
// HTTPS from AllowFrom and from Firehose only; the encryption policy
// (KmsARN of the key; AwsOwnedKey as an option, or an existing policy named
// with ExistingEncryptionPolicyName); the network policy (collection and
// Dashboards endpoints from the VPC endpoint; SourceServices such as
// bedrock.amazonaws.com for the collection endpoint); the collection
// (TIMESERIES, StandbyReplicas ENABLED — DISABLED by default in a sandbox
// — retained); the data access policy; an on-demand Kinesis stream (or
// ExistingStream); the Firehose delivery stream with its role (this
// account's Firehose only), the securebucket for failed documents, the
// error log group and the freshness/failure alarms to an encrypted topic.
// Optional: a Processor Lambda, account capacity limits, and OpenSearch
// Ingestion instead of Firehose (IngestWith OpenSearchIngestion: an
// AWS::OSIS::Pipeline with a kinesis source polling the stream, an
// opensearch sink with serverless: true, a dead-letter prefix in the backup
// bucket, 1–4 Ingestion OCUs, its interfaces in the VPC, logs to
// /aws/vendedlogs/OpenSearchIngestion/<base> with the key).
//
// Names: OpenSearch Serverless names are physical and short (collections 3
// to 28 characters, policies and endpoints 32, lowercase). They are derived
// from the construct's id and the last 8 hex digits of its address
// ("weblogs-1a2b3c4d", "...-enc", "-net", "-data", "-vpce"), so two
// instances in one stack never collide. CollectionName overrides the
// collection's name only.
//
// Data access: the data access policy is a CloudFormation string built
// lazily at synthesis (awscdk.Lazy_UncachedString), so GrantWrite,
// GrantRead and GrantAdmin called after New still land in it. Each grant
// also adds aoss:APIAccessAll on the collection ARN to the role's IAM
// policy (and aoss:DashboardsAccessAll for admins): OpenSearch Serverless
// needs both. Writers may create, update and describe the collection's
// indices and write documents; readers describe indices and read
// documents; admins also delete indices and manage collection items. A
// collection nobody can access fails synthesis (an empty data access
// policy is invalid).
//
// Account capacity limits (MaxIndexingCapacity, MaxSearchCapacity) are
// account-wide for the region: an AwsCustomResource calls
// aoss:UpdateAccountSettings on create and update and leaves them as set
// on delete. Off by default.
//
// Rejected props: CreateEncryptionPolicy false without
// ExistingEncryptionPolicyName (a collection without an encryption policy
// cannot be created), a named policy together with a created one or with a
// key, PublicAccess without PublicAccessReason (the opt-in: a sentence
// written into the network policy), public access with a VPC, subnets,
// peers or source services, a collection name outside
// ^[a-z][a-z0-9-]{2,27}$, an unknown type, bad index names, source
// services that are not service principals, buffering outside 0–900 s or
// 1–100 MiB, retries outside 0–7,200 s, capacity limits below 2 OCUs or
// fractional, Firehose settings on a pipeline, pipeline units outside
// 1–96 or with the minimum above the maximum, delivery props without Delivery, an unencrypted or
// DESTROY-without-sandbox stream, infinite log retention, an alarm topic
// with alarms off.
//
// Corrections to the notes: the OCU floor is no longer 2 indexing + 2
// search: with standby replicas a collection starts at 1 indexing OCU
// (primary and standby, 0.5 each) and 1 search OCU (two 0.5 replicas),
// without them at 0.5 + 0.5 (dev/test). A third collection type,
// VECTORSEARCH, exists. Encryption is mandatory (a matching encryption
// policy must exist before the collection: the construct creates it first
// and makes the collection depend on it). Firehose is not a documented
// network-policy source service (only services such as Amazon Bedrock
// are): a private collection receives Firehose's deliveries through
// Firehose's network interfaces in the VPC and the VPC endpoint.
// VECTORSEARCH with Firehose is accepted: no documented restriction was
// found, but the knn_vector mapping must exist before documents arrive
// (Firehose's dynamic mapping would make vectors plain float arrays).
//
// # Suppressions and exemptions
//
// cdk-nag: AwsSolutions-KDF1 on the delivery stream (a Kinesis-sourced
// stream cannot use Firehose server-side encryption); AwsSolutions-IAM5 on
// the Firehose role (backup objects, the processor's versions, the EC2
// network-interface actions of a VPC delivery), on the pipeline role (its
// dead-letter objects, the key's wildcard actions) and on the capacity call's
// policy (aoss:UpdateAccountSettings has no resource-level form). Control
// Tower: CT.LAMBDA.PR.3 on CDK's AwsCustomResource singleton function
// (the existing exemption "AWS679f53fac002430cb0da5b7982bd2287/Resource")
// and on CDK's restrict-default-security-group function of a new VPC
// (existing exemption).
package opensearchserverless
