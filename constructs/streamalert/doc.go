// Package streamalert turns the records of a Kinesis data stream into
// notifications: the action half of the notes' streaming anomaly detection
// (catalogue ETL-19, "→ Lambda destination → SNS / actuator").
//
//	detector (Flink, ...) ──PutRecords──▶ Kinesis stream (on demand, KMS)
//	      │ EventBridge Pipe: batch of 1–10 records, optional filter on the
//	      │ record's JSON, a message template per record
//	      ▼
//	SNS topic (KMS) ──▶ e-mail, SQS, an actuator's Lambda, ...
//	      failed deliveries after the retries ──▶ durablequeue (the pipe's DLQ)
//
// # Why this design
//
// The notes send a Kinesis Data Analytics SQL output to a Lambda function
// that publishes to SNS. Kinesis Data Analytics for SQL no longer accepts new
// applications, and the Lambda only forwarded: an EventBridge Pipe reads
// the stream, filters and reshapes each record and publishes it, with no
// code to run or patch. The pipe's role may only read this stream and
// publish to this topic (their grants); failed batches go to a dead-letter
// queue after three retries, records older than one hour are skipped there
// too, and the pipe logs failures to a CMK-encrypted log group (one year).
//
// Defaults: a new on-demand stream encrypted with the AWS managed key,
// retained (24 h of records); a new topic encrypted with its own key; batch
// size 1 (one message per record), starting at LATEST; the message is the
// record's JSON; no filter. Alarms: the dead-letter queue's (durablequeue).
//
// cdk-nag: none suppressed beyond the grants' key actions (AwsSolutions-IAM5
// on kms:GenerateDataKey* and kms:ReEncrypt* of the topic's and the queue's
// keys, which SNS and SQS encryption need).
package streamalert
