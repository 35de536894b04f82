// Package mskconnect sinks a Kafka topic into Amazon S3 with Amazon MSK
// Connect (catalogue ING-17): managed Kafka Connect workers running
// Confluent's S3 sink connector, reading with IAM authentication over TLS.
//
// Scenario: sensor readings arrive on an MSK topic and must land in the data
// lake as hourly partitioned objects, without running Kafka Connect
// ourselves; the workers scale with CPU.
//
//	MSK cluster (IAM, TLS :9098) ──▶ MSK Connect connector (1–2 workers × 1 MCU, auto scaling)
//	  topic sensor-readings            │ custom plugin (kafka-connect-s3 .zip, CDK asset or S3 object)
//	  group connect-<name>             │ worker configuration (String keys, JSON values without schemas)
//	  __amazon_msk_connect_* topics    ├─▶ S3 securebucket (DSSE-KMS) kafka/<topic>/year=/month=/day=/hour=/
//	                                   └─▶ CloudWatch log group (CMK, 1 year)
//
// New creates: a customer managed key (unless EncryptionKey) for the log
// group and the new bucket; a securebucket (DSSE-KMS) unless Bucket is
// given; the custom plugin from PluginPath (a CDK asset) or from
// PluginBucket/PluginKey; a worker configuration (DefaultWorkerProperties,
// base64 as CloudFormation wants it); the workers' security group in the
// cluster's VPC (no inbound; outbound only to the brokers' port, which the
// brokers' group admits, and HTTPS to S3, restricted to the S3 prefix list
// with S3PrefixListId); the service execution role, trusted by
// kafkaconnect.amazonaws.com for this account's connector of this name only
// (aws:SourceAccount, aws:SourceArn), granted through the cluster's grants:
// Connect, read of the topic in the group connect-<name>, and MSK Connect's
// internal topics and groups (__amazon_msk_connect_*); objects under the
// prefix (put, read back) and the bucket's key; and the connector: Kafka
// Connect 3.7.x, IAM authentication, TLS, auto scaling 1–2 workers of 1 MCU
// (scale in below 20 %, out above 80 % CPU), worker logs to the log group.
//
// The connector configuration is Confluent's S3 sink: connector.class
// io.confluent.connect.s3.S3SinkConnector, topics, s3.bucket.name,
// s3.region, topics.dir = Prefix, JsonFormat (ParquetFormat with Format
// Parquet), TimeBasedPartitioner with hourly Hive-style paths, locale
// en-US, timezone UTC, record-time rotation (rotate.interval.ms 10 min),
// flush.size 1000. ConnectorConfiguration adds keys (errors.tolerance,
// transforms, ...) but may not set OwnedConnectorKeys. Server-side
// encryption keys (s3.ssea.name, s3.sse.kms.key.id) are owned and unset:
// the securebucket denies a PutObject whose x-amz-server-side-encryption
// header names anything but aws:kms:dsse (and its key id anything but its
// key), and allows requests without the header, which get the bucket's
// default DSSE-KMS.
//
// The plugin: MSK Connect needs the connector as a .zip or .jar in S3. This
// machine cannot reach Confluent Hub, Maven Central or GitHub releases, so
// the library ships none: download confluentinc-kafka-connect-s3-<version>.zip
// from Confluent Hub (or Aiven's aiven-kafka-connect-s3 release, whose
// configuration keys differ and are not rendered here), then either point
// PluginPath at the file or upload it and pass PluginBucket/PluginKey.
//
// Rejected props: a plugin file and an S3 plugin, or neither; a plugin not
// .zip/.jar; authentication other than IAM; encryption in transit other
// than TLS; MinWorkers above MaxWorkers or outside 1–10; an MCU count not
// 1, 2, 4 or 8; provisioned workers with auto-scaling settings; scale-in
// not below scale-out; owned connector keys in ConnectorConfiguration;
// Parquet with schemaless JSON values; unknown Kafka Connect versions
// (2.7.1 and 3.7.x), formats, malformed names, prefixes, topics.
//
// Corrections to the notes: the price "US$0.11 per worker-hour" is per MCU
// and hour, and regional (US$0.11 per MCU-hour in us-east-1): a worker of 2
// MCUs costs twice that.
//
// Physical names: MSK Connect requires names for the connector, plugin and
// worker configuration; they derive from the construct's unique path
// (Props.Name overrides), and the consumer group follows (connect-<name>).
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the service execution role's
// policy (objects under the prefix, GenerateDataKey*/ReEncrypt* of the
// key, MSK Connect's internal topics named by the service).
package mskconnect
