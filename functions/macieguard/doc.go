// Command macieguard is the Lambda function of constructs/sensitivedata
// (catalogue MON-07, SEC-13, CAT-15): it receives Amazon Macie findings from
// an EventBridge rule (source aws.macie, detail-type "Macie Finding") and acts
// on sensitive-data findings about objects in the watched buckets:
//
//   - it tags the object: data-classification=sensitive, macie-finding-id,
//     macie-severity and macie-data-types (the detection types, never the
//     values);
//   - under a gated prefix (the data gate before publishing, e.g. staging/)
//     and in quarantine mode it copies the scanned version to the quarantine
//     bucket/prefix (tags included), then deletes the original (If-Match on
//     the scanned ETag, so a newer object written since the scan is kept);
//   - it publishes a short notice to an SNS topic: finding id, type,
//     severity, bucket, key, action and the detection type names and counts.
//     No sample text or occurrence of the sensitive data goes into it.
//
// Idempotency: the object's (or, after a quarantine, the copy's) tags record
// the finding id and whether the notice was sent ("macie-notice" = pending or
// sent). A redelivered event finds them and repeats nothing: no second tag
// write, no second copy, no second notice. Each step that fails ends the
// invocation with an error naming the steps already done ("partial: tagged,
// copied; delete: ..."); Lambda retries the event (the rule's function is
// invoked asynchronously) and the retry continues where the first attempt
// stopped; after the retries the event lands in the dead-letter queue.
//
// Configuration (environment):
//
//	WATCHED           comma-separated "bucket/prefix" entries ("bucket/" = whole bucket)
//	GATED             comma-separated "bucket/prefix" entries quarantined in quarantine mode
//	MODE              "QUARANTINE" (default) or "TAG"
//	QUARANTINE        "bucket/prefix" of the quarantine location (required in QUARANTINE mode)
//	TOPIC_ARN         the SNS topic of the notices
//
// SNS speaks the AWS Query protocol, which functions/internal/awsfake does
// not fake; the wire tests use a small query-protocol fake beside them
// (queryfake_test.go) that checks the signature with awsfake.CheckSigned.
package main
