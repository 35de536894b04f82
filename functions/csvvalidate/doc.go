// Command csvvalidate is the S3-event Lambda function of catalogue ING-25
// (s3-event-lambda-csv-validate): each CSV file that arrives under
// INCOMING_PREFIX is streamed from S3, checked against a schema, and moved
// to VALID_PREFIX or QUARANTINE_PREFIX with a JSON report under
// REPORT_PREFIX.
//
// # Trigger
//
// Either of two events invokes the function asynchronously (Invocation
// detects the shape):
//
//   - an S3 event notification (ObjectCreated, suffix .csv), whose keys are
//     URL-encoded ("+" for a space, "%2B" for a plus) and are decoded first;
//   - an EventBridge "Object Created" event from S3 (source aws.s3,
//     detail.bucket.name, detail.object.key, detail.object.size), from a
//     rule over a bucket that sends its events to EventBridge. Its key is not
//     URL-encoded: it becomes one record with the key encoded as a
//     notification's, so both shapes reach the same object.
//
// Anything else (another source or detail-type, records not from S3, an
// S3 test event) is logged and fails the invocation, so that it ends in the
// on-failure destination. Records whose key is not under INCOMING_PREFIX or
// does not end in .csv are skipped (the notification's filter or the rule's
// pattern should not send them).
//
// # Schema (SCHEMA, JSON)
//
//	{"columns": [{"name": "order_id", "type": "int"},
//	             {"name": "note", "type": "string", "nullable": true}],
//	 "delimiter": ",", "maxErrors": 100}
//
// Types: string (valid UTF-8), int (64-bit, [+-]digits), decimal
// ([+-]digits[.digits], at most 38 digits, no exponent), date (YYYY-MM-DD,
// a real calendar day), timestamp (YYYY-MM-DD, T or space, hh:mm:ss, an
// optional fraction of 1 to 9 digits, an optional Z or ±hh:mm), bool (true,
// false in any case, 1, 0). Values are not trimmed: " 5" is not an int. An
// empty field is a null: allowed only in nullable columns. maxErrors (1 to
// 10000, default 100) caps the errors listed in a report, never the counts.
//
// # Checks
//
// The first record is the header: its fields, trimmed, must be the column
// names in order. Every following record must have as many fields as there
// are columns, well-formed quoting, and values of the column types. The
// verdict is valid only with a matching header and no bad row. A record
// longer than 1 MiB (typically an unclosed quote) stops the check and
// quarantines the file.
//
// CSV is RFC 4180: \n or \r\n line ends, quoted fields with the delimiter,
// line breaks and "" inside, a UTF-8 byte order mark at the start ignored,
// blank lines skipped (so in a one-column schema an empty required value on
// its own line is skipped, not reported). Line numbers in the report are
// physical lines where a record starts (the header is line 1).
//
// The scanner is hand-written: it copies each record's fields into one
// reused buffer and the type checks work on bytes, so a row costs no
// allocation (BenchmarkValidate; docs/performance.md compares it with the
// notes' Python handler).
//
// # Moving, and redelivery
//
// For each file: GetObject (streamed through the validator), PutObject of
// the report REPORT_PREFIX + <key> + ".json", CopyObject to
// VALID_PREFIX|QUARANTINE_PREFIX + <key without INCOMING_PREFIX> with
// CopySourceIfMatch on the ETag that was read, then DeleteObject of the
// source with If-Match on the same ETag. Every step can be repeated: an
// event delivered again after the move finds the source gone and the
// destination present, which is success. A source gone with no destination
// (deleted by someone before validation) is an error, so that the event
// lands in the construct's failure queue. A source overwritten between the
// read and the copy or delete (412) is left alone: the new version has its
// own event. Files above 5 GiB (CopyObject's limit) are an error.
//
// The function writes no SSE header: the bucket's default encryption
// applies (a securebucket denies requests asking for another encryption).
package main
