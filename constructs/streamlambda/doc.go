// Package streamlambda is the serverless stream consumer (catalogue ING-12):
// a Lambda function reads a Kinesis data stream through an event source
// mapping, for light real-time ETL, with failures that are bounded and never
// silent.
//
//	Kinesis stream ──event source mapping──▶ Lambda (Go, arm64)
//	  batch 100, window 1 s, TRIM_HORIZON        │ partial batch response
//	  bisect on error, 10 retries, max age 1 h   ▼
//	                                    DynamoDB table: latest reading per device
//	  batches out of retries or age ──▶ failure queue (durablequeue: 7 days, DLQ 14, alarms)
//	  alarms: Lambda IteratorAge > 5 min, Errors > 0 (FunctionName) · queue depth and age
//
// By default the function is functions/devicelatest: it de-aggregates KPL
// records and keeps each device's latest reading with one conditional
// UpdateItem that is idempotent (a retried record changes nothing) and
// ordered (an older record never overwrites a newer one, compared on the
// shard's sequence numbers). Give Code to run your own handler under the
// same mapping, failure queue and alarms; it must answer with
// BatchItemFailures, because ReportBatchItemFailures is always on.
//
// Why these settings: Lambda's defaults retry a failing batch until its
// records expire (-1) and block the shard meanwhile; here retries and record
// age are bounded, a failing batch is bisected to isolate the bad record,
// the handler reports the first failed sequence number so the good records
// before it are not processed again, and what still fails leaves a record
// (shard, sequence range, error) in an encrypted queue that keeps it 14
// days, with an alarm. Read the records again from the stream with those
// positions while the stream keeps them.
//
// The execution role (also the mapping's) may read the stream (GrantRead and
// its key), send to the failure queue, call dynamodb:UpdateItem on the table
// and use the table's key, and write its log group. Nothing else.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the role's policy for CDK's KMS
// wildcard actions (kms:GenerateDataKey*, kms:ReEncrypt*) on the queue's and
// the table's keys; the compliance packs' LambdaDLQ (the event source
// mapping invokes synchronously and has its own failure queue),
// LambdaConcurrency (ParallelizationFactor batches per shard) and, for the
// default handler or with Props.Reaches, LambdaInsideVPC. Control Tower
// exemption: CT.LAMBDA.PR.3 (the function calls only AWS APIs; see
// test/guard-exemptions.json).
package streamlambda
