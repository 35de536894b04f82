// Package firehosetos3 is the managed alternative of the streaming ingestion
// pattern (catalogue ING-01): Amazon Data Firehose buffers records for a few
// seconds and writes them to S3, with no consumer application to run.
//
//	producers ──PutRecordBatch──▶ delivery stream (Direct PUT, SSE with a CMK)
//	     or   Kinesis data stream ──▶ delivery stream (KinesisStreamAsSource)
//	                                   │ buffer 5 s / 5 MiB, "\n" after each record
//	                                   ▼
//	   S3 securebucket  data/year=YYYY/month=MM/day=DD/hour=HH/<stream>-<n>-<time>-<uuid>.jsonl
//	   failures after 24 h of retries ▶ errors/<error type>/year=/month=/day=/
//
// # Why this design
//
// Firehose retries and scales by itself, so it is the least-operations way to
// land a stream in S3. It is at-least-once, like the KCL consumer of
// streamtos3, but it chooses the object names and layout (timestamp prefixes
// only, unless dynamic partitioning is configured, which needs a buffer of at
// least 60 s) and cannot checkpoint into a reader's own index. The README
// compares both on latency, cost and operations.
//
// Defaults: Direct PUT encrypted with a new rotating CMK; a securebucket
// destination (objects encrypted by the bucket's default DSSE-KMS: Firehose
// sends no encryption header, which the securebucket policy requires); buffer
// 5 s / 5 MiB; AppendDelimiterToRecord so objects are JSON lines; Hive-style
// hour partitions in UTC and an error prefix by error type; delivery errors
// logged to a CMK-encrypted log group kept one year; alarms on
// DeliveryToS3.DataFreshness (> 5 min) and DeliveryToS3.Success (< 1) with the
// DeliveryStreamName dimension, on an encrypted topic.
//
// The role Firehose assumes trusts firehose.amazonaws.com for this account
// only (sts:ExternalId) and has exactly the developer guide's S3 actions
// (GetBucketLocation, ListBucket, ListBucketMultipartUploads on the bucket;
// AbortMultipartUpload, GetObject, PutObject under the static part of the
// prefixes), kms:GenerateDataKey and kms:Decrypt on the bucket's key, write
// access to the error log group, and read access to the source stream. CDK's
// L2 DeliveryStream grants read-write on the whole bucket (including
// s3:DeleteObject*), so this construct uses the CloudFormation resource.
//
// A Processor (a Lambda following the Firehose transformation contract, see
// functions/internal/firehoseproc) can transform each batch; iotredact and
// logenrichment are built that way. BackupSourceRecords keeps every record
// as received under source-backup/, so a faulty transformation can be
// replayed (catalogue ING-26).
//
// # Where the notes are wrong or outdated
//
//   - "Firehose cannot buffer less than 60 seconds into S3" is outdated: the
//     buffer interval for S3 is 0 to 900 s today (Firehose switches to
//     multipart uploads below 60 s). Only dynamic partitioning and the S3
//     backup of other destinations keep a 60 s minimum.
//   - A custom prefix with !{timestamp:...} expressions requires an error
//     output prefix: both are set by default, and a Prefix with expressions
//     but no ErrorPrefix is rejected at synthesis.
//   - Firehose is at-least-once, not exactly-once (the notes' comparison
//     table): duplicates are possible after retries.
//
// # cdk-nag suppressions
//
//   - AwsSolutions-IAM5 on the role's policy, for object actions under the
//     static part of the prefixes (Firehose names the objects).
//   - AwsSolutions-KDF1 on the delivery stream, only with SourceStream: a
//     Kinesis-sourced delivery stream cannot use server-side encryption.
package firehosetos3
