// Command kinesistos3 is the consumer application of the streamtos3 pattern
// (catalogue ING-01): it reads a Kinesis data stream with the Kinesis Client
// Library protocol (leases and checkpoints in a DynamoDB table), buffers the
// records of each shard for a few seconds and writes them to S3 as one object
// per flush, under Hive-style hour partitions.
//
// # Why this KCL
//
// It uses github.com/vmware/vmware-go-kcl-v2, a Go port of the Java KCL v2
// with the same lease table layout (one item per shard: ShardID, AssignedTo,
// LeaseTimeout, Checkpoint), lease balancing between workers, child-shard
// ordering after a reshard (a child waits for its parent's SHARD_END
// checkpoint) and KPL de-aggregation. It is the only Go KCL with DynamoDB
// leases the module proxy serves; harlow/kinesis-consumer has no leases of
// the KCL kind. Two of its gaps are closed here:
//
//   - its checkpoint is an unconditional PutItem, so a worker that lost its
//     lease could overwrite the new owner's checkpoint; leaseguard.go makes
//     every checkpoint conditional on AssignedTo still naming this worker,
//     and a failed condition is treated as lease loss;
//   - it logs through logrus in text; kcllog.go routes it to the JSON log.
//
// # Delivery guarantee
//
// At-least-once. A shard's checkpoint advances only after the object holding
// its records was written to S3; an S3 failure is retried with capped
// exponential backoff and never advances the checkpoint (the shard stops
// reading meanwhile, Kinesis keeps the data for the stream's retention). After
// a crash or a lease loss the next owner resumes after the last checkpoint,
// so the duplicates are bounded by one unflushed buffer per shard. Object keys
// are derived from the first and last sequence numbers, so a replay of the
// same buffer overwrites the same object instead of adding one.
//
// # Flushing
//
// A shard's buffer is written when its oldest record (by Kinesis arrival
// time) is BUFFER_INTERVAL old — checked on every poll, also when no record
// arrived — when it holds BUFFER_BYTES, when the shard ends (reshard), and at
// shutdown (SIGTERM from ECS). Records of one KPL aggregate are never split
// across two objects, because a KCL checkpoint can only name a whole
// aggregate.
//
// # Replay (ING-15)
//
// INITIAL_POSITION=AT_TIMESTAMP with START_TIMESTAMP (RFC 3339) starts shards
// that have no checkpoint at that time; to replay a stream from a timestamp,
// run the consumer under a new APPLICATION_NAME and LEASE_TABLE (or delete
// the lease items). Downstream readers should treat (shard, sequence number)
// as the idempotency key; every object name carries the range it holds.
//
// # Schema registry (CAT-10)
//
// With SCHEMA_ARN, records framed in the Glue Schema Registry wire format
// (apps/internal/gsr) are decoded with the AVRO version each names — one
// GetSchemaVersion per version, versions of that schema only — and stored as
// JSON lines. A record that can never decode is written, with its shard,
// sequence number, reason and bytes, to <prefix>/_rejected/ under the same
// object name as the flush, and the checkpoint moves past it; a transient
// registry error is retried (the shard waits) and never rejects. Records not
// framed for the registry pass through unchanged.
//
// # Configuration
//
// Environment variables, see config.go. Logs are JSON lines on stdout;
// metrics are CloudWatch embedded metric format lines on the same stream,
// so no cloudwatch:PutMetricData permission is needed.
package main
