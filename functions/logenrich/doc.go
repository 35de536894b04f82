// Command logenrich is a Firehose data-transformation Lambda function
// (catalogue ING-21: CloudWatch Logs subscription → Firehose → this
// function → S3): it turns the log events of each subscription payload into
// JSON lines and joins each with the DynamoDB item of a key found in it
// (the user, the tenant, the device, ...).
//
// # Input
//
// Each Firehose record is one gzip-compressed CloudWatch Logs envelope
// (decoded by functions/internal/cwlogs, which refuses envelopes over
// 10 MiB decompressed). The delivery stream's own CloudWatch Logs
// decompression and message extraction must stay off: the function needs
// the envelope. A CONTROL_MESSAGE (sent when the subscription is created)
// and an envelope without log events are Dropped.
//
// # Output
//
// One JSON line, ending in "\n", per log event, so that the S3 objects are
// newline-delimited JSON:
//
//	{"logGroup":"/aws/lambda/checkout-api","logStream":"2026/11/25/[$LATEST]7f3c…",
//	 "id":"3861009339…","timestamp":"2026-11-25T10:00:00.000Z",
//	 "fields":{"level":"INFO","msg":"payment accepted","user_id":"u-1001"},
//	 "enrichment":{"plan":"premium","since":2021,"user_id":"u-1001"}}
//
// timestamp is the event's, RFC 3339 in UTC with milliseconds. A message
// that is a JSON object (surrounding whitespace, such as the final newline
// of Lambda's JSON logs, ignored) is written as fields, compact, its
// members in their order; any other message is written as message, a
// string, unchanged. enrichment is the item, converted to plain JSON
// (item.go: S as strings, N as numbers, B and BS as base64, sets as
// arrays, members sorted); when the event has no key, or the table no item
// for it, the line has "enrichment":null,"enrichment_missing":true.
//
// # Lookups
//
// The key is the value at KEY_FIELD in the message's JSON (a dotted path
// for nested objects, e.g. ctx.user.id): a non-empty string of at most
// 2048 bytes, or a number, whose text is used as written. The table must
// have a partition key only, named TABLE_KEY, of type S.
//
// An invocation first decodes all its records and reads the distinct keys
// of the whole batch with BatchGetItem, 100 keys per request, eventually
// consistent (half the read cost of a strongly consistent read). Keys
// DynamoDB returns as UnprocessedKeys (throttling, or a response over
// 16 MB) are asked again after 50, 100, 200 and 400 ms (with jitter), five
// requests in all; the SDK's standard retryer separately retries throttled
// and failed requests (3 attempts). Results, items and misses alike, are
// kept for the invocation and, for CACHE_TTL (60 s by default; 0 turns it
// off), across the invocations of the execution environment, at most
// 20,000 keys and 16 MiB, oldest first out; an item over 1% of that (about
// 164 KiB) is not kept. Enrichment may therefore lag the table by
// CACHE_TTL.
//
// # Failures
//
// When a lookup fails — BatchGetItem still failing after the SDK's retries,
// keys still unprocessed after five requests, or the invocation's deadline
// two seconds away — every record with an event that needs one of the
// failed keys is ProcessingFailed, whole: Firehose writes it, as it came
// (the compressed envelope), under the processing-failed/ prefix of the
// destination bucket, from where it can be replayed; it is not lost.
// Records whose events need no failed key go through. After one failed
// request the invocation sends no more: a missing table or permission
// costs one request per invocation, not one per 100 keys. An envelope that
// is not gzip, is truncated or corrupt, is over 10 MiB decompressed, or is
// not a subscription envelope is ProcessingFailed too. The function never
// returns an error (which would make Firehose retry the whole batch).
//
// # Response size
//
// CloudWatch Logs data compresses about tenfold and the response carries
// the decompressed lines, base64-encoded, within Lambda's 6 MB limit
// (functions/internal/firehoseproc fails the records that do not fit, as
// over_limit in the log). Set the delivery stream's processor
// BufferSizeInMBs low, 0.2 to 0.5 MB, so that a batch's output fits.
// When it does not, the records past what the response can reach are
// neither decompressed nor looked up: the first pass stops where even the
// least the records before can give fills the response
// (firehoseproc.Budget), which spares the table's reads and the
// function's time for records it must fail anyway.
//
// One JSON log line per invocation ("batch", WARN when a record failed)
// gives records, ok, dropped, failed, over_limit, in_bytes, out_bytes,
// control_messages, log_events, enriched, enrichment_missing, no_key,
// lookups (keys, cache_hits, requests, retries, failed_keys),
// invocation_id, delivery_stream_arn and, after a failure, lookup_error;
// firehoseproc adds one WARN line per record the enricher failed, with its
// recordId and reason, and one for all the records over the response
// limit (their count, first and last recordId).
//
// # Environment
//
//	TABLE_NAME  the table's name or ARN (required)
//	TABLE_KEY   its partition key attribute, of type S (required)
//	KEY_FIELD   path of the key in a message's JSON, e.g. user_id (required)
//	CACHE_TTL   60s by default; 0 (off) to 1h, in seconds (90) or Go form (5m)
//
// # Permissions
//
// The function's role needs dynamodb:BatchGetItem on the table and, if the
// table is encrypted with a customer managed key, kms:Decrypt on that key.
// Firehose's role needs lambda:InvokeFunction and
// lambda:GetFunctionConfiguration on the function; CloudWatch Logs'
// subscription role needs firehose:PutRecord and firehose:PutRecordBatch on
// the delivery stream.
package main
