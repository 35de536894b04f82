// Command piiredact is a Firehose data-transformation Lambda function
// (catalogue ING-20: IoT Core rule → Firehose → this function → S3): it
// removes personal data from JSON device messages before they are stored.
//
// # Input and output
//
// Each Firehose record is one JSON value (normally an object; an IoT rule's
// Firehose action may append a "\n" separator, which is fine). The output
// record is the same value as compact JSON followed by "\n", so that the
// S3 objects Firehose writes are newline-delimited JSON (one message per
// line, as Athena and Glue read them). Members keep their order and every
// value that is not redacted is copied as written (numbers keep their
// digits, strings their escapes); only insignificant whitespace goes.
//
// # Redaction
//
// REDACT_FIELDS names values by path: object keys from the top of the
// message joined by dots (owner.email). Arrays on the way are transparent:
// readings.gps.lat reaches the lat of every element of readings. Keys are
// compared exactly (case-sensitive) after decoding escapes; a key that
// itself contains a dot cannot be named. When one path is a prefix of
// another, the shorter one redacts the whole value. What happens to a
// named value depends on MODE:
//
//	mask    a string becomes "***"; any other value (number, boolean,
//	        object, array) becomes null, so that a numeric column stays
//	        readable by a schema (the default)
//	remove  the member is deleted from its object
//	hash    the value becomes the lowercase hex HMAC-SHA256 of it under
//	        HASH_KEY: of the decoded text for a string, of its compact JSON
//	        for anything else (so "7" and 7 hash alike)
//
// null is nothing to redact: it stays null (and is removed by remove), and
// it is not counted.
//
// Hashing keeps values joinable (the same e-mail address gives the same
// hash in every record and field) without storing them; it is not
// encryption: anyone with the key can test guesses, and low-entropy values
// such as phone numbers are few. The key should come from Secrets Manager.
// The module does not depend on the Secrets Manager client, so the key is
// read from the environment: the construct fills HASH_KEY with a
// CloudFormation dynamic reference ({{resolve:secretsmanager:<arn>:
// SecretString:<field>}}), which CloudFormation resolves at deployment.
// The key is then part of the function's configuration: encrypted at rest
// with the function's KMS key, but readable by any principal allowed
// lambda:GetFunctionConfiguration, so restrict that action; rotating the
// secret takes effect at the next deployment, and changes every hash from
// then on.
//
// With DETECT=true (the default), every string value that REDACT_FIELDS
// does not name — not object keys, not numbers — is also scanned, and what
// is found is replaced by a marker, in this order:
//
//	[REDACTED:email]        an address: a dot-atom local part, @, a domain of
//	                        at least two labels ending in 2 to 63 letters
//	                        (addresses with non-ASCII characters are missed)
//	[REDACTED:kr_rrn]       a Korean resident registration number
//	                        YYMMDD-GNNNNNN with a month 01-12 and a day 01-31
//	                        (no checksum: numbers issued since October 2020
//	                        have none)
//	[REDACTED:credit_card]  13 to 19 digits, whole groups separated by single
//	                        spaces or hyphens, starting with 2 to 6 (the
//	                        major networks) and passing the Luhn check
//	[REDACTED:phone]        E.164 (+ and 8 to 15 digits, with or without
//	                        separators: +82 10-1234-5678, +1 (555) 123-4567);
//	                        national numbers with separators (010-1234-5678,
//	                        02-123-4567, (555) 123-4567, 555.123.4567,
//	                        1-800-555-0199); 10 or 11 digits without
//	                        separators only after a trunk 0 (01012345678)
//
// A match must not touch a letter or digit on either side. The rules lean
// towards redacting: a 16-digit id that passes Luhn, or a 12-digit number
// written 0000-0000-0000, is redacted too. They do not redact 10 plain
// digits (5551234567: as likely a Unix time or an id), numbers written as
// JSON numbers, or anything in object keys; name such fields in
// REDACT_FIELDS. The regular expressions run in linear time, and only on
// the parts of a string that could match; an adversarial 1 MiB string of
// digits and separators still takes up to a few seconds, so give the
// function a timeout of a minute or more.
//
// # Results
//
//	Ok                the redacted record, compact JSON and "\n"
//	Dropped           a blank record (empty or whitespace only)
//	ProcessingFailed  not UTF-8, not exactly one JSON value (two messages in
//	                  one record included), or over MaxRecordBytes (1 MiB)
//
// Firehose writes ProcessingFailed records, unchanged, under the
// processing-failed/ prefix of the destination bucket: that prefix holds
// unredacted data and needs the same protection as the source. Response
// building, the 6 MB response limit and panic recovery are those of
// functions/internal/firehoseproc.
//
// One JSON log line per invocation ("batch", WARN when a record failed)
// gives records, ok, dropped, failed, over_limit, in_bytes, out_bytes,
// records_redacted, redactions by kind (field, email, phone, credit_card,
// kr_rrn), mode, detect, invocation_id and delivery_stream_arn;
// firehoseproc adds one WARN line per record the redactor failed, with its
// recordId and reason, and one for all the records over the response
// limit (their count, first and last recordId). No line contains record
// data.
//
// # Environment
//
//	REDACT_FIELDS  comma-separated paths, e.g. owner.email,owner.phone,
//	               location.lat,location.lon,ssn (required)
//	MODE           mask (default), remove or hash
//	HASH_KEY       with MODE=hash: the HMAC key, at least 32 bytes
//	               (required then; never logged)
//	DETECT         true (default) or false
//
// # Permissions
//
// The function calls no AWS API: its role needs only what Lambda needs to
// write its logs. Firehose's role needs lambda:InvokeFunction and
// lambda:GetFunctionConfiguration on the function.
package main
