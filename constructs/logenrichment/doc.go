// Package logenrichment is the notes' log enrichment pattern (catalogue
// ING-21): application logs in CloudWatch Logs are joined, in near real
// time, with reference data in DynamoDB and stored in S3 for research.
//
//	log group ──subscription──▶ delivery stream (Direct PUT, CMK)
//	     ──▶ functions/logenrich (arm64): gunzip the CloudWatch Logs envelope,
//	         drop CONTROL_MESSAGE, parse each message (JSON or text), look up
//	         KeyField in the table (BatchGetItem, 100 keys per call, cached),
//	         one JSON line per log event with "enrichment"
//	     ──▶ securebucket data/year=/month=/day=/hour=/*.jsonl
//	a failed lookup ──▶ the whole record under the error prefix (nothing lost)
//
// Firehose's processor batches are 0.5 MiB here: the envelopes arrive
// gzip-compressed and the enriched lines are several times larger, and the
// answer must stay under Lambda's 6 MB. The function may only call
// dynamodb:BatchGetItem on the table (and decrypt with its key).
//
// # Why this design
//
// The enrichment runs as firehosetos3's Processor: CloudWatch Logs
// subscribes the delivery stream directly, Firehose batches, retries the
// function and routes a batch it could not enrich to the error prefix, so
// there is no stream, queue or consumer to operate and no record is lost.
// Lookups are batched (BatchGetItem) and cached in the function, which keeps
// DynamoDB reads per log event low. The delivery stream, bucket, error logs
// and alarms are firehosetos3's (Delivery configures them), with one key for
// the delivery stream and the function's logs.
//
// # Where the notes are wrong
//
// Flink is not a Firehose destination, and the records arrive
// gzip-compressed (the processor decompresses them).
//
// # cdk-nag suppressions
//
// Those of firehosetos3 for the delivery stream's role; none of its own.
package logenrichment
