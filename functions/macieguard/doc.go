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
// Public buckets (MON-07, opt-in, REMEDIATE=true): a Macie policy finding of
// type Policy:IAMUser/S3BucketPublic or Policy:IAMUser/S3BlockPublicAccessDisabled
// about a bucket of this account (not excluded) turns on the bucket's four
// Block Public Access settings (policy.go): public ACLs and public policies
// stop granting access without being deleted. Idempotent: a bucket already
// fully blocked is neither written nor notified again. Other policy types,
// other accounts' buckets (findings seen by a Macie administrator) and
// excluded buckets are logged and left alone.
//
// Human approval (SEC-13, with STATE_MACHINE_ARN): a quarantined object
// starts one approval workflow (release.go: deterministic execution name, so
// a retry starts none twice). The same binary with ROLE=approval is the
// workflow's approval function and the approve/deny API's handler
// (approval.go).
//
// Configuration (environment):
//
//	WATCHED           comma-separated "bucket/prefix" entries ("bucket/" = whole bucket)
//	GATED             comma-separated "bucket/prefix" entries quarantined in quarantine mode
//	MODE              "QUARANTINE" (default) or "TAG"
//	QUARANTINE        "bucket/prefix" of the quarantine location (required in QUARANTINE mode)
//	TOPIC_ARN         the SNS topic of the notices
//	REMEDIATE         "true": remediate public-bucket policy findings (WATCHED may then be empty)
//	EXCLUDED          comma-separated bucket names that are public on purpose
//	STATE_MACHINE_ARN the approval workflow started per quarantined object ("" = none)
//	RELEASE_PREFIX    where an approved object goes in its bucket (+ its original key)
//	ROLE              "approval" for the approval function (see approval.go)
//
// SNS speaks the AWS Query protocol, which functions/internal/awsfake does
// not fake; the wire tests use a small query-protocol fake beside them
// (queryfake_test.go) that checks the signature with awsfake.CheckSigned.
package main
