// Command objectredact removes personal data from S3 objects (catalogue
// SEC-03, constructs/objectredaction). One binary, two entry points,
// chosen by the event's shape:
//
//   - an S3 Object Lambda GetObject request (a "getObjectContext"):
//     redaction at read time, for existing S3 Object Lambda customers;
//   - an EventBridge "Object Created" or "Object Deleted" event of S3
//     (source aws.s3): redaction at write time, a redacted copy of the
//     object (deleted when the original is), open to every account.
//
// # Object Lambda
//
// The function GETs getObjectContext.inputS3Url: a presigned URL of the
// supporting access point, so a plain HTTP GET (the signature is in the
// query string; no SigV4, no SDK). It redacts the body as it streams in and
// answers with s3-object-lambda:WriteGetObjectResponse, RequestRoute =
// outputRoute, RequestToken = outputToken, status 200, the original's
// Content-Type, and x-amz-meta-pii-redactions (the number of redactions).
// The notes' handler (get_object with s3Bucket/s3Key fields that do not
// exist, returning {statusCode, body}) cannot work.
//
// Errors are answered, not thrown: WriteGetObjectResponse carries
//
//	upstream 4xx/5xx   its status and S3 error code and message (404
//	                   NoSuchKey, 403 AccessDenied, 503 SlowDown, ...)
//	upstream 304       the status alone
//	unreachable        500 InternalError
//	too large          500 ObjectTooLargeToRedact (Content-Length, or
//	                   counted while reading a chunked body)
//	line over 8 MiB    500 LineTooLongToRedact
//	bad payload/URL    500 InvalidObjectLambdaConfiguration
//
// and never a byte of the original. The invocation fails only when
// WriteGetObjectResponse itself fails (the caller's GetObject then times
// out). configuration.payload may be empty or {"maxObjectBytes": N} to
// lower the limit for one access point.
//
// # Write time
//
// For an object created under SOURCE_PREFIX of BUCKET, the function reads
// it (the current version: out-of-order events still end with the newest
// version's copy), redacts it and writes it to REDACTED_PREFIX + the rest
// of the key, with its Content-Type and metadata pii-redactions and
// source-version-id; the bucket's default encryption applies. Events for
// another bucket, keys outside SOURCE_PREFIX (the copies included), folder
// markers and objects deleted before they were read are logged and
// acknowledged. For an Object Deleted event, the function checks that the
// original has no current version left (HeadObject 404: deleted, or a
// delete marker on top) and deletes the copy; when a current version
// remains (a noncurrent version was deleted) the copy stays. Any other
// failure returns the error, so that Lambda retries
// the asynchronous invocation twice and then sends the event to the failure
// queue.
//
// # Redaction
//
// Line by line, line endings (\n, \r\n, none at the end) kept. A line that
// is one JSON value (JSON Lines, NDJSON, a one-line document) is redacted
// inside its strings, object keys included; everything else (numbers,
// whitespace, escapes of untouched strings) is copied as written and the
// line stays valid JSON. Any other line (CSV, logs, text, pretty-printed
// JSON) is redacted as text; the markers contain no quote, comma or
// backslash, so CSV fields and JSON strings stay well-formed. The
// detectors find e-mail addresses, phone numbers, card numbers (Luhn) and
// Korean resident registration numbers, and replace them with
// [REDACTED:email], [REDACTED:phone], [REDACTED:credit_card],
// [REDACTED:kr_rrn] — functions/internal/pii, the detectors the Firehose
// redactor (functions/piiredact) uses too. A number written as a JSON
// number is not looked at.
//
// The redacted object is held in memory before it is sent (S3 needs its
// length), so memory must exceed MAX_OBJECT_BYTES plus the read buffer.
//
// # Environment
//
//	MAX_OBJECT_BYTES  largest object redacted (default 128 MiB, at most 4 GiB)
//	BUCKET            write time: the bucket
//	SOURCE_PREFIX     write time: the originals' prefix
//	REDACTED_PREFIX   write time: the copies' prefix (must not overlap)
//
// BUCKET and the prefixes come together or not at all (a function serving
// only an Object Lambda access point has none).
//
// # Permissions
//
// Object Lambda: s3-object-lambda:WriteGetObjectResponse (no resource-level
// permission exists; Resource "*"). Write time: s3:GetObject on the source
// prefix (GetObject and HeadObject), s3:PutObject and s3:DeleteObject on
// the redacted prefix, s3:ListBucket (so a missing object is NoSuchKey or
// 404, not 403), kms:Decrypt and kms:GenerateDataKey on the bucket's key.
//
// One JSON log line per event: status, error code, bytes in and out,
// lines, JSON lines, redactions (by kind at write time), request id and
// access point, or source and destination keys. No line contains object
// data.
package main
