// Package objectredaction gives two applications two views of the same S3
// data: the original with personal data for one, a PII-redacted one for
// the other (catalogue SEC-03, s3-object-lambda-pii).
//
// Scenario: an e-commerce application needs the customers' names, e-mail
// addresses, phone numbers and card numbers in its order files; an
// internal analytics application reads the same files and must not see
// them.
//
// The notes build this with S3 Object Lambda, which S3 closed to new
// customers on 7 November 2025. So the construct has two modes:
//
// Write time (WriteTime, the default, open to every account):
//
//	e-commerce ──PUT raw/orders/1.jsonl──▶ bucket (securebucket: KMS, TLS, versioned, EventBridge on)
//	   ▲  read raw/* through access point "Original" (VPC-only)     │ Object Created/Deleted, prefix raw/
//	   │                                                            ▼
//	   │                                 EventBridge rule ──▶ function objectredact (write-time entry point)
//	   │                                   (retries, failure queue,  │ GetObject raw/orders/1.jsonl
//	   │                                    alarms: rulefunction)    │ redact line by line
//	   │                                                             ▼ PutObject redacted/orders/1.jsonl
//	   │                                      (Object Deleted with no current version left: DeleteObject the copy)
//	analytics ── read redacted/* through access point "Redacted" (VPC-only) ──▶ the copy
//
// When an original loses its current version (deleted, or a delete marker
// on top), the function deletes its copy, so the redacted view follows the
// original. The function reads only raw/*, writes only redacted/*; the rule matches
// only raw/, and the prefixes may not overlap, so a copy is never redacted
// again. The analytics role has no access to raw/ at all: its access point
// covers redacted/ only, and the bucket delegates to the access points.
//
// Read time (ObjectLambda with ExistingCustomer, for accounts that already
// use S3 Object Lambda):
//
//	analytics ──GetObject──▶ Object Lambda access point (policy: analytics may s3-object-lambda:GetObject)
//	                           │ invokes, with the caller's credentials, the function objectredact
//	                           ▼ (Object Lambda entry point; the caller needs lambda:InvokeFunction
//	                             with aws:CalledVia s3-object-lambda.amazonaws.com — granted here)
//	function: GET getObjectContext.inputS3Url (presigned: plain HTTP, no SigV4)
//	            through the supporting access point "Supporting" (raw/*, analytics only
//	            when called via S3 Object Lambda) → redact →
//	          s3-object-lambda:WriteGetObjectResponse(RequestRoute, RequestToken, body)
//
// Without ExistingCustomer: true, asking for ObjectLambda fails synthesis
// with a message that explains the closure and points at the write-time
// mode: CloudFormation would otherwise fail at deployment in any account
// that is not an existing customer. Both modes can run together (the
// analytics application migrating from one to the other).
//
// What the notes got wrong, and what is done instead: their handler calls
// get_object with event fields s3Bucket and s3Key that do not exist, and
// returns {statusCode, body} as if behind API Gateway. An Object Lambda
// function must read the object from getObjectContext.inputS3Url and
// answer with WriteGetObjectResponse(RequestRoute=outputRoute,
// RequestToken=outputToken); functions/objectredact does, and on an
// upstream error (404 NoSuchKey, 403 AccessDenied, 503 SlowDown) it passes
// the status and S3 error code through WriteGetObjectResponse
// (StatusCode, ErrorCode, ErrorMessage). It never passes the original
// through unredacted: an object it cannot redact (over MaxObjectBytes, a
// line over 8 MiB) is answered 500 with its own error code.
//
// Why copies at write time rather than the other alternatives in the
// catalogue's Caution (Athena views with Lake Formation column filters,
// Lambda behind API Gateway or CloudFront): the data here are files
// (JSON Lines, CSV, logs), not tables with a known schema, and the
// analytics application keeps reading S3 with its ordinary S3 client,
// only through another access point. The copy costs storage and a Lambda
// invocation per object, and lags the original by seconds; the
// redaction is the same code in both modes.
//
// Redaction (functions/objectredact): every line that is one JSON value
// is redacted inside its strings only (the result stays valid JSON); other
// lines are redacted as text. It finds e-mail addresses, phone numbers,
// payment card numbers (Luhn-checked) and Korean resident registration
// numbers, replacing them with markers like [REDACTED:email] — the
// detectors of functions/piiredact. A card number written as a JSON
// number is not a string and is not redacted; name-based redaction (a
// "name" field) is not done: use piiredact's field paths, or a schema
// and Lake Formation, for that.
//
// Defaults: prefixes raw/ and redacted/; access points only for the
// readers given (VPC-only with Vpc, or AllowInternetOrigin); functions of
// 1024 MB on arm64 (5 minutes for write time; 60 seconds, S3 Object
// Lambda's limit, for read time), objects up to 128 MiB, log groups
// encrypted with the construct's key and kept one year; the write-time
// rule retries and ends in an encrypted failure queue with alarms to an
// encrypted topic (constructs/rulefunction).
//
// Rejected props: no bucket; ObjectLambda without ExistingCustomer: true
// (the closure); ExistingCustomer without ObjectLambda; neither mode;
// ObjectLambda without RedactedReaders; overlapping or malformed prefixes;
// RedactedPrefix without the write-time mode; "*" readers; readers without
// Vpc or AllowInternetOrigin, or both; MaxObjectBytes outside 1 B–1 GiB;
// an infinite log retention; FunctionProps that set Code, Role, LogGroup or
// Environment; an alarm topic with alarms off or without the write-time
// mode. The access points' own checks are those of constructs/accesspoints.
//
// Not covered: copies in another bucket; noncurrent versions of the copies
// (a versioned bucket keeps them: add a lifecycle rule expiring noncurrent
// versions under the redacted prefix); events for
// versions arriving out of order (the function copies the current
// version, so the last copy written is of the newest version, except in a
// race of a few milliseconds between two writes); ranged and part-number
// GetObject through the Object Lambda access point (not enabled, so S3
// refuses them); HeadObject and List through it.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the write-time function's
// policy for the object ARNs <bucket>/raw/* and <bucket>/redacted/* (keys
// not known in advance; plus rulefunction's own for the KMS actions of
// the failure queue), and on the Object Lambda function's policy for
// Resource "*" of s3-object-lambda:WriteGetObjectResponse, which has no
// resource-level permission. No Control Tower exemption (the supporting
// access point is of internet origin, since the function reads it from
// the Lambda service's network; its policy admits only requests made
// through S3 Object Lambda).
package objectredaction
