// Command kafkatos3 is the consumer application of the kafkatos3 pattern
// (catalogue ING-16, ING-18: the Go client of an MSK provisioned or MSK
// Serverless cluster): a member of a Kafka consumer group that buffers the
// records of each partition for a few seconds and writes them to S3 as one
// JSON-lines object per flush, under Hive-style hour partitions:
//
//	<prefix>/year=YYYY/month=MM/day=DD/hour=HH/<topic>-<partition>-<first offset>-<last offset>.jsonl
//
// # Client
//
// github.com/twmb/franz-go: a pure Go Kafka client (no librdkafka, so a
// static binary on a distroless image), with the AWS_MSK_IAM SASL mechanism
// (pkg/sasl/aws) and consumer groups with the cooperative-sticky balancer.
// TLS is always on; authentication is IAM (default; port 9098; the task
// role's credentials, asked for on every connection and re-authentication,
// see apps/kafkaconn) or SCRAM-SHA-512 (port 9096).
//
// # Delivery guarantee
//
// At-least-once. Auto-commit is off: a partition's offset (last offset + 1)
// is committed only after S3 accepted the object holding its records. An S3
// failure is retried with capped exponential backoff and commits nothing.
// When the group takes partitions away (a member joins or leaves), franz-go
// calls the revoke callback before the rebalance completes, and the
// consumer writes and commits those partitions' buffers there
// (BlockRebalanceOnPoll keeps the callback from running while records are
// being processed). Lost partitions (session expired) are dropped without a
// commit. After a crash the next owner resumes from the last commit, so the
// duplicates are bounded by one buffer per partition that was written but
// not committed; a replay of the same buffer lands on the same key (same
// first and last offsets, same hour) and overwrites it.
//
// # Flushing
//
// A partition's buffer is written when its oldest record (by its Kafka
// timestamp, or arrival here if later) is BUFFER_INTERVAL old — checked
// after every poll, at least every 250 ms — when it holds BUFFER_BYTES, when
// the partition is revoked, and at shutdown (SIGTERM from ECS, then
// SHUTDOWN_GRACE to write and commit everything before leaving the group).
//
// # Metrics
//
// CloudWatch embedded metric format lines on stdout (namespace
// CdkDataPatterns/KafkaToS3, dimensions Topic and ConsumerGroup): Records,
// Bytes, FlushLatency per flush; OffsetLag (records between the committed
// offsets and the high watermarks of this member's partitions) every
// LAG_INTERVAL; S3PutFailures, CommitFailures, PartitionsRevoked,
// PartitionsLost, FetchErrors. No cloudwatch:PutMetricData permission is
// needed.
//
// # Configuration
//
// Environment variables, see config.go.
package main
