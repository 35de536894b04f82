// Package streamtos3 is the low-latency streaming ingestion pattern of the
// notes' first scenario (catalogue ING-01, with ING-09, ING-13, ING-15,
// MON-08 and the consumer's side of CAT-10): IoT sensors send 100 KB every 10 s, a downstream job reads S3
// every 30 s, and records must reach S3 within seconds.
//
//	producers ──PutRecords──▶ Kinesis data stream (on-demand, encrypted)
//	                                 │ GetRecords / SubscribeToShard, through the
//	                                 │ kinesis-streams interface VPC endpoint
//	                                 ▼
//	       KCL consumer on ECS Fargate arm64, private subnets ◀──▶ DynamoDB lease table
//	       (apps/kinesistos3: per-shard buffer, 5 s / 5 MiB)       (leases, checkpoints)
//	                                 │ PutObject, then checkpoint
//	                                 ▼
//	   S3 securebucket  <prefix>/year=YYYY/month=MM/day=DD/hour=HH/<shard>-<first seq>-<last seq>.jsonl
//
// # Why this design
//
// The stream decouples producers from the writer and keeps records for the
// retention period (24 h by default), so a consumer that was down catches up
// and a replay from a timestamp is possible (ING-15). The consumer is a real
// Kinesis Client Library application: it holds one lease per shard in the
// lease table, which this construct creates (its name and permissions are
// known at deploy time; the task needs no dynamodb:CreateTable). It writes a
// shard's buffer when its oldest record is BufferInterval old, when it holds
// BufferSize, at a reshard, on shutdown and on lease loss, and checkpoints
// only after S3 accepted the object: delivery is at-least-once, duplicates
// are bounded by one buffer per shard, and a replayed buffer overwrites the
// same object (the key holds the sequence-number range). Two tasks by default
// share the shards; when one dies the other takes over its leases within the
// failover time (10 s).
//
// Defaults: on-demand stream (the answer to "no native autoscaling", ING-14)
// encrypted with the AWS managed key, 24 h retention; lease table on-demand
// with point-in-time recovery and the construct's key; a securebucket
// destination under "data"; buffer 5 s / 5 MiB; 2 tasks of 0.25 vCPU and
// 512 MiB on Graviton; a new VPC (2 AZs, 1 NAT gateway, S3 and DynamoDB
// gateway endpoints, a Kinesis interface endpoint with private DNS that only
// the tasks reach and whose policy lets only their role read only this
// stream — ING-09 —, flow logs); alarms on iterator age (5 min), read and
// write throttling, GetRecords latency (1 s), DynamoDB throttling of the
// lease table and running task count (MON-08), all with their dimensions, on
// an encrypted topic; shard-level metrics on request (the stream's
// DesiredShardLevelMetrics). Data stores are retained unless the sandbox
// switch is on.
//
// With SchemaArn (CAT-10) the consumer decodes records framed in the Glue
// Schema Registry wire format with the AVRO version each names (looked up
// once per version, only versions of that schema), stores them as JSON lines
// and writes records that can never decode to <prefix>/_rejected/ with the
// reason; records not framed for the registry pass through.
//
// The task role may read the stream (and the fan-out consumer), read and
// write lease-table items, put objects under the prefix, and use the keys of
// those resources through their grants; metrics leave as embedded metric
// format log lines (namespace CdkDataPatterns/StreamToS3, dimension
// StreamName), so there is no cloudwatch:PutMetricData. The tasks' security
// group has no inbound rule and allows outbound HTTPS only. Isolated subnets
// work if the VPC has interface endpoints for kinesis-streams (KinesisEndpoint
// adds it), ecr.api, ecr.dkr and logs, and gateway endpoints for S3 and
// DynamoDB. With SchemaArn the role may also call glue:GetSchemaVersion.
//
// # Where the notes are wrong or outdated
//
//   - The notes' key iot-data/{epoch}.json collides when two shards (or two
//     workers) flush in the same second, and the later object silently
//     replaces the earlier one. Keys here carry the shard id and the
//     sequence-number range, under Hive-style hour partitions the reader can
//     prune.
//   - The notes' Python sample (from amazon_kinesis_client import
//     KinesisConsumer) is not a real KCL API, and it never checkpoints, so a
//     restart reprocesses the whole retention period. apps/kinesistos3 is a
//     real KCL application that checkpoints after every successful write.
//   - "Firehose cannot buffer less than 60 s into S3" is outdated: Firehose
//     accepts a buffer interval of 0 to 900 s for S3 today. A KCL consumer
//     remains the answer when the application controls the buffering and
//     the object layout; Firehose is the managed alternative.
//   - The notes grant cloudwatch:PutMetricData and dynamodb:* on the lease
//     table; neither is needed here (embedded metric format; item-level
//     grants on a table the construct created).
//
// # cdk-nag suppressions (each on one resource)
//
//   - AwsSolutions-ECS2 on the task definition: the environment holds only
//     non-secret configuration.
//   - AwsSolutions-IAM5 on the task role's policy, for the KMS wildcard
//     actions of CDK's grant on the lease table (its key only), for
//     s3:PutObject on objects under the prefix and, with SchemaArn, for
//     glue:GetSchemaVersion on "*" (a version id names no registry; AWS's
//     deserializer policy).
//   - AwsSolutions-IAM5 on the execution role's policy, for
//     ecr:GetAuthorizationToken, which takes only the resource *.
//   - AwsSolutions-KDS3 on the stream, only when StreamEncryptionKey asks for
//     a customer managed key.
//
// Control Tower exemption (test/guard-exemptions.json): CT.LAMBDA.PR.3 on
// CDK's singleton function that empties the new VPC's default security group.
package streamtos3
