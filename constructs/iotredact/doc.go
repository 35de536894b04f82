// Package iotredact is the notes' secure IoT ingestion (catalogue ING-20):
// device records reach an encrypted bucket through Firehose, and a Go Lambda
// removes, masks or hashes personal data on the way, so nothing sensitive is
// ever stored.
//
//	devices ──MQTT──▶ IoT Core rule SELECT * FROM '<topic filter>'  (optional)
//	        ──▶ delivery stream (Direct PUT, CMK) ──▶ functions/piiredact (arm64):
//	            configured paths masked/removed/hashed, e-mail, phone, card
//	            (Luhn) and Korean resident numbers detected in every string
//	        ──▶ securebucket data/year=/month=/day=/hour=/*.jsonl
//	IoT rule errors ──▶ CloudWatch log group (CMK)
//
// Records the redactor cannot parse fail and go under the error prefix as
// they arrived: that prefix can hold personal data and is as protected as
// the rest of the bucket (DSSE-KMS, TLS only, no public access). The hash
// mode's key comes from a Secrets Manager secret through a CloudFormation
// dynamic reference: the template never holds it, but the function's
// configuration does, so keep lambda:GetFunctionConfiguration to operators.
//
// # Why this design
//
// The redactor is firehosetos3's Processor: Firehose batches the records,
// retries the function and routes what it rejects to the error prefix, so
// redaction adds no queue or consumer to operate, and nothing reaches the
// data prefix unredacted. The delivery stream, bucket, error logs and alarms
// are firehosetos3's (Delivery configures them), with one key for the
// delivery stream and the function's logs. The optional IoT Core rule sends
// each message to the delivery stream through a role that IoT Core assumes
// for this account only and that may only put records into it and write
// the rule's error log group.
//
// # Where the notes fall short
//
// The notes only say "remove sensitive fields": this construct also detects
// personal data in free text (e-mail, phone, card numbers, Korean resident
// registration numbers), and keeps unparseable records out of the data
// prefix.
//
// # cdk-nag suppressions
//
// Those of firehosetos3 for the delivery stream's role; none of its own.
package iotredact
