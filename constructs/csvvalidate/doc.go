// Package csvvalidate is catalogue ING-25 (s3-event-lambda-csv-validate):
// an S3 ObjectCreated notification (key prefix IncomingPrefix, suffix .csv)
// invokes a Go Lambda function (functions/csvvalidate) that streams each
// file, checks its header, column count and value types against a typed
// Schema, and moves it to ValidPrefix or QuarantinePrefix with a JSON
// report under ReportPrefix.
//
//	upload → bucket/incoming/x.csv ─ObjectCreated(.csv)→ Function ─→ valid/x.csv | quarantine/x.csv
//	                                                          └─→ reports/incoming/x.csv.json
//	failed after retries → FailureQueue (alarm)      function errors → ErrorsAlarm
//
// The notes (004 L252, L789) describe the function in prose only (validate,
// compute, update a database, move the file); the database update is left to
// a consumer of valid/. Caution corrected: an S3 prefix filter matches the
// start of the key, so prefixes must end in "/" (checked at synthesis).
//
// A bucket of the same stack gets the notification in its own template
// (LambdaConfigurations beside a securebucket's EventBridge configuration)
// with an invoke permission limited to the account; an imported bucket gets
// it through CDK's notifications custom resource (nag IAM4/IAM5 suppressed
// on CDK's handler; Control Tower CT.LAMBDA.PR.3 applies to that handler).
// Trigger EventBridge (for a bucket of another stack, e.g. the GlueEtl lake
// from Orchestration) writes nothing on the bucket: an events.Rule in the
// construct ("ArrivalRule": source aws.s3, detail-type Object Created,
// detail.bucket.name, detail.object.key wildcard IncomingPrefix+"*.csv" —
// a pattern's array ORs prefix and suffix filters, the wildcard ANDs them)
// invokes the function (permission limited to the rule's ARN; target retries
// 10, MaxEventAge, dead-letter queue = FailureQueue, whose key then lets
// events.amazonaws.com of the account in). No custom resource, no
// notifications handler. The bucket must send its events to EventBridge
// (NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled:
// true; securebucket does). The function takes both event shapes.
//
// The S3 grants go to a policy of their own to avoid a dependency cycle
// (grants.go). Control Tower findings (declared with testkit.ExpectGuard in test/csvvalidate):
// CT.LAMBDA.PR.2 on S3Invoke (SourceAccount is Ref AWS::AccountId, which the
// rule does not take as a string, and a SourceArn naming the bucket would
// close the cycle above) and on CDK's permission for an imported bucket, and
// CT.LAMBDA.PR.3 on CDK's notifications handler. cdk-nag suppressions: AwsSolutions-IAM5 on the grants'
// prefix wildcards and on the failure queue's KMS send grant.
package csvvalidate
