// Command devicelatest is a Lambda function behind a Kinesis event source
// mapping (catalogue ING-12, "lightweight real-time ETL"): it keeps, in a
// DynamoDB table, the latest reading of each device of the stream that
// apps/kinesisproducer/producer writes (JSON {id, device, sent_unix_nano,
// pad}, partition key = device).
//
// # Data flow
//
// For each Kinesis record of the batch, in order:
//
//  1. the shard comes from eventID ("shardId-…:<sequence number>") and the
//     sequence number is checked to be Kinesis's decimal form;
//  2. a record starting with the KPL magic bytes F3 89 9A C2 is expanded
//     into its user records; the others are one user record each;
//  3. each user record is decoded as a reading (id, device, sent_unix_nano;
//     the padding is ignored);
//  4. each reading is written with one conditional UpdateItem on key device,
//     which applies only if the reading is later in the stream than the
//     stored one.
//
// KPL aggregates are expanded with github.com/awslabs/kinesis-aggregation's
// deaggregator (v2, the version the KCL already pulls in). It takes the
// Kinesis SDK's types.Record, not aws-lambda-go's events.KinesisRecord, but
// wrapping the data in one is a field copy, so the library fits and nothing
// decodes the protobuf by hand. Its gaps are covered in userrecords.go: it
// is called per record, so that a user record's index is its sub-sequence
// number (the library drops it); its panic on a partition key index outside
// the table is recovered; an MD5 mismatch, which it passes on as a plain
// record, and an aggregate without user records are reported as invalid.
//
// # Item and condition
//
//	device          S  partition key (the reading's device, 1 to 256 bytes)
//	id              S  the reading's id
//	sentAt          N  the reading's sent_unix_nano (producer clock)
//	shardId         S  shard the record was read from
//	sequenceNumber  S  Kinesis sequence number, exactly as Kinesis gives it
//	subSequence     N  index in its KPL aggregate (0 when not aggregated)
//	updatedAt       S  when this function wrote it (RFC 3339, UTC, ms)
//
// The write is UpdateItem SET id, sentAt, shardId, sequenceNumber,
// subSequence, updatedAt with the condition
//
//	attribute_not_exists(device)
//	OR (shardId = :shardId AND (size(sequenceNumber) < :seqLen
//	    OR (size(sequenceNumber) = :seqLen AND sequenceNumber < :seq)
//	    OR (sequenceNumber = :seq AND subSequence < :sub)))
//	OR (shardId <> :shardId AND sentAt < :sentAt)
//
// Why it is ordered and idempotent: the producer's partition key is the
// device, so all of a device's records go to one shard, where Kinesis
// sequence numbers increase and Lambda delivers them in order (also with a
// ParallelizationFactor above 1, which keeps order per partition key).
// Sequence numbers are decimal strings without leading zeros of up to 129
// digits (API pattern 0|([1-9]\d{0,128}); 56 digits today), too long for a
// DynamoDB number (38 digits), so they are stored as strings and compared as
// numbers through their length: a longer one is greater, and at equal length
// DynamoDB's byte-wise string comparison is the numeric one. (Left-padding
// to a fixed width would do the same but, to be correct for every allowed
// value, needs 129 characters per item; this way the stored value is also
// the one GetShardIterator and the logs use.) The sub-sequence orders the
// user records of one aggregate. Every position is stored only if it is
// strictly greater than the stored one, so a retried or replayed record,
// whose position is equal or smaller, fails the condition: DynamoDB answers
// ConditionalCheckFailedException, which counts as success
// ("stale_or_duplicate"), and the table is unchanged. Reprocessing any part
// of the stream, in any order, therefore leaves each device at its greatest
// position.
//
// Sequence numbers of different shards are not comparable. A device changes
// shard only when the stream is resharded (split, merge, UpdateShardCount);
// then the last clause orders by the producer's timestamp instead, so that
// the child shard's readings replace the parent's. This assumes that a
// device's clock does not step back across a reshard, and that one table is
// fed by one stream (shard ids repeat across streams).
//
// # Failures
//
// Invalid records (empty data, a corrupt aggregate, not a JSON reading,
// no device, a device over 256 bytes, or an eventID/sequence number that is
// not Kinesis's) are poison: retrying cannot fix them. With INVALID_RECORDS
// =skip (the default) each is logged at WARN with its shard, sequence
// number and sub-sequence and counted as "invalid", and the batch goes on.
// With INVALID_RECORDS=fail it is reported as the batch item failure instead,
// so the mapping's retries, bisection and on-failure destination take it
// over (and the shard waits for them).
//
// Any other error of a write (throttling after the SDK's retries, an
// access or KMS error, the invocation's deadline) stops the batch: the
// function returns that Kinesis record's sequence number as the only batch
// item failure (for a user record of an aggregate, the aggregate's). Lambda
// checkpoints before it and resends it and every record after it, which the
// condition makes harmless. The function never returns an error, which would
// fail the whole batch; it stops one second before its deadline for the same
// reason. So the on-failure destination receives only batches that kept
// failing to be written (DynamoDB errors) until MaximumRetryAttempts or
// MaximumRecordAgeInSeconds ran out, whereas skipped invalid payloads only
// appear in the logs.
//
// One JSON line per invocation ("batch"; ERROR when a record was reported)
// gives records, user_records, written, stale_or_duplicate, invalid,
// max_age_ms (now minus the oldest ApproximateArrivalTimestamp),
// event_source_arn, and failed_at with error when a record was reported.
//
// # Environment
//
//	TABLE_NAME       the table's name or ARN (required)
//	INVALID_RECORDS  skip (default) or fail
//
// # Permissions
//
// The function's role needs dynamodb:UpdateItem on the table and, if the
// table is encrypted with a customer managed key, the KMS actions DynamoDB
// performs with it on the caller's behalf (those CDK's table write grants
// give: kms:Decrypt, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*);
// none for the AWS owned or AWS managed key.
// The event source mapping reads with the same role: kinesis:DescribeStream,
// kinesis:DescribeStreamSummary, kinesis:GetRecords,
// kinesis:GetShardIterator, kinesis:ListShards, kinesis:ListStreams and
// kinesis:SubscribeToShard on the stream (the stream's GrantRead), plus
// kms:Decrypt on the stream's key if it has one, and sqs:SendMessage (and
// kms:GenerateDataKey for an encrypted queue) on the on-failure destination.
//
// # Recommended mapping settings
//
//	FunctionResponseTypes       [ReportBatchItemFailures] (required: the
//	                            answer is ignored without it)
//	BisectBatchOnFunctionError  true
//	MaximumRetryAttempts        bounded, e.g. 10 (the default, -1, retries
//	                            until the records expire and blocks the shard)
//	MaximumRecordAgeInSeconds   bounded, e.g. 3600
//	DestinationConfig.OnFailure an SQS queue, with an alarm on its depth
//	StartingPosition            TRIM_HORIZON or LATEST; both are safe
//	ParallelizationFactor       raise for throughput: writes are sequential
//	                            within an invocation, about one DynamoDB
//	                            round trip per user record
//
// and a function timeout well above the time a full batch takes.
package main
