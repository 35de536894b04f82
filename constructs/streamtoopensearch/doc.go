// Package streamtoopensearch is the notes' "search what arrives on a stream"
// pattern (catalogue ING-04, with MON-04): millions of music play events a
// day arrive on a Kinesis data stream and must be searchable in OpenSearch
// within a minute, with the least operations. The domain itself is the
// notes' secure, highly available provisioned domain (STO-06) with
// optional hot-warm-cold tiers and index lifecycle (STO-05).
//
//	producers ─▶ Kinesis stream (on demand, aws/kinesis)
//	  ─▶ Firehose (KinesisStreamAsSource) ─▶ Lambda functions/eventshaper (@timestamp, shaped event)
//	  ─▶ OpenSearch domain in a VPC: index music-events-YYYY-MM-DD (OneDay), 60 s / 5 MiB, retries 300 s
//	  ─▶ failed documents ─▶ securebucket opensearch-backup/
//	log groups ─subscription─▶ Lambda functions/logstoopensearch ─_bulk─▶ logs-YYYY-MM-DD (MON-04)
//	Custom::OpenSearchRoleMapping ─▶ functions/opensearchaccess: writers and admins in FGAC
//
// # Why this design
//
// Firehose with a transformation Lambda is the notes' least-operations
// answer (no Logstash fleet, no KCL application). The domain is private:
// isolated subnets, HTTPS only from the construct's clients' security
// groups, encryption at rest with a CMK and between nodes, TLS 1.2 with
// forward secrecy, fine-grained access control (FGAC). FGAC needs the
// Firehose role mapped to an OpenSearch role before a document can be
// written; a custom resource does that at deployment, through a Go function
// whose IAM role is the domain's master user, so nobody clicks in
// Dashboards and no password exists. The domain has no access policy:
// every request must be SigV4-signed by a principal whose own IAM policy
// allows it.
//
// Sizing follows the sandbox switch: a production-shaped domain (three data
// nodes over three zones, three dedicated masters) by default, one small
// node with sandbox=true.
//
// # Where the notes are wrong or outdated
//
//   - OneDay rotation appends -YYYY-MM-DD (music-events-2026-11-25), not
//     the notes' dots, and by delivery date, not event date.
//   - The metrics are DeliveryToAmazonOpenSearchService.*, not
//     DeliveryToElasticsearch.*.
//   - Firehose has no DLQ: what fails after the retry duration is written
//     under the backup prefix.
//   - MON-04 "through Firehose" does not work: CloudWatch Logs packs many
//     events into one Firehose record, and the OpenSearch destination takes
//     exactly one document per record (the Firehose developer guide says
//     so). Log groups are streamed by a Go loader instead, as AWS
//     recommends: one document per event, create by event id (retries
//     never duplicate), a failure queue for what cannot be indexed.
//
// # Tiers, ISM, snapshots, Cognito (catalogue STO-05, STO-06)
//
// WarmNodes adds UltraWarm nodes (ultrawarm1.medium.search by default) and
// ColdStorage cold storage; both require dedicated masters (rejected in a
// sandbox-sized domain unless MasterNodes is given) and no T2/T3 data
// nodes. With tiers (or Ism) a Custom::OpenSearchIsmPolicy, served by the
// access function, puts an Index State Management policy attached to
// IndexName* through its ism_template: hot → UltraWarm after 7 days → cold
// after 30 days → deleted after Ism.DeleteAfter (never by default: data is
// retained), or the caller's PolicyJSON, checked at synthesis
// (CheckIsmPolicy). With cold storage AdminRoleArns are mapped to
// cold_manager. Snapshots registers a securebucket as the manual snapshot
// repository (_snapshot/manual) with a role OpenSearch Service assumes;
// Cognito turns on Dashboards sign-in through new (or given) Cognito pools.
// AddAccessResource lets other constructs (opensearchreplication) use the
// access function for their own resource types.
//
// # Suppressions and exemptions
//
// cdk-nag: AwsSolutions-KDF1 on the delivery stream (a Kinesis-sourced
// stream cannot use Firehose server-side encryption); AwsSolutions-OS3 and
// OS5 on the domain (a VPC domain cannot use IP-based policies; without an
// access policy no request is anonymous); OS4 and OS7 only when
// MasterNodes is 0 or AvailabilityZones 1; AwsSolutions-IAM5 on the
// Firehose role, the access function's role, the provider framework's role
// and the loader's role, for the paths and actions listed with each.
// Control Tower (test/guard-exemptions.json): CT.OPENSEARCH.PR.16 (the PFS
// policy is stricter than the control's only accepted value),
// CT.OPENSEARCH.PR.14 (sandbox sizing) and CT.LAMBDA.PR.3 on the provider
// framework's function (it must reach the Lambda API and S3).
package streamtoopensearch
