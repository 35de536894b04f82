// Package sensitivedata is Amazon Macie as a data gate: a Macie session,
// custom data identifiers, allow lists and findings filters, a
// classification job over the watched buckets and prefixes, and an
// EventBridge rule that sends sensitive-data findings to a Go function
// (functions/macieguard) which tags the objects, quarantines those under
// the gated prefixes (the gate before publishing) and publishes a notice.
//
// Catalogue ids: MON-07 macie-findings-remediation (findings → EventBridge →
// Lambda remediation + SNS: sensitive-data findings, and public-bucket policy
// findings with RemediatePublicBuckets), SEC-13
// macie-sensitive-data-gate (the gate, and with Approval the human review),
// CAT-15 data-classification-scp-macie (the Macie part: classification
// tags; the SCPs belong to the guardrails construct).
//
// Data flow:
//
//	watched bucket/prefixes ── classification job (daily/weekly/one-time,
//	  managed identifiers RECOMMENDED + custom identifiers, allow lists)
//	  ──▶ Macie findings ──▶ EventBridge (aws.macie, "Macie Finding",
//	  type SensitiveData:*, severity Medium/High) ──▶ rulefunction (retries,
//	  dead-letter queue, alarms) ──▶ macieguard: tag; under a gate prefix
//	  copy to quarantine/<bucket>/<key> and delete; notice to SNS
//
// Why this design:
//   - CloudFormation has no classification-job resource, so the job is
//     created at deployment by an AwsCustomResource (constructs/internal/
//     sdkcall) calling macie2:CreateClassificationJob. A job cannot be
//     changed after creation; a changed definition creates a new job and
//     cancels the old one (physical id = job id; see job.go).
//   - Findings filters with ARCHIVE are Macie's suppression rules: archived
//     findings are not published to EventBridge, so known test buckets do
//     not reach the gate.
//   - The quarantine must be outside the watched prefixes (checked), or the
//     next scan would find the quarantined copy again.
//   - The session is retained by default: deleting it disables Macie and
//     deletes its findings and settings.
//
// The notes corrected: MON-07's scenario is remediation of public buckets
// (policy findings). That is built, opt-in (RemediatePublicBuckets: it
// changes buckets other teams own): a second rule sends the policy findings
// Policy:IAMUser/S3BucketPublic and Policy:IAMUser/S3BlockPublicAccessDisabled
// to the same function, which turns on the bucket's four Block Public Access
// settings (idempotent; excluded buckets and other accounts' buckets are left
// alone) and notifies. The notes' "remove public ACL/policy" is done by
// IgnorePublicAcls and RestrictPublicBuckets instead, which stop public ACLs
// and policies from granting access without deleting them (nothing the owner
// wrote is lost, and the change is undone by one call). The role may read
// and set the block on any bucket of this account (aws:ResourceAccount), and
// is denied it on PublicBucketExclusions. Account-level Block Public Access
// and the Config rules of constructs/configrules prevent and detect better;
// this reacts to what Macie finds. SEC-13's notes move objects between four
// buckets every 6 hours with Step Functions and a human approval API; here
// the gate acts on findings as they arrive (findings are per object), and
// the review is per quarantined object (opt-in, Props.Approval):
//
//	gate quarantines ──▶ states:StartExecution (name = SHA-256 of finding
//	  and copy: a retried finding starts no second review)
//	  ──▶ AskApprovers (lambda:invoke.waitForTaskToken, TimeoutHours)
//	      approval function: token -> table under id = SHA-256(token)[:16]
//	      (TTL expiresAt), e-mail with the id only (approvers' topic)
//	  POST /approve | /deny {"id"} (API Gateway, AWS_IAM, validated,
//	      5 rps) ──▶ approval function: conditional delete of the item
//	      (one decision), SendTaskSuccess / SendTaskFailure "Denied"
//	  approved ──▶ s3:copyObject to <ReleasePrefix><key> of the original
//	      bucket (tagged reviewed) ──▶ s3:deleteObject the quarantined copy
//	  Denied or States.Timeout ──▶ KEEP (stays quarantined) or DELETE
//
// The notes' "manual-review bucket" is the quarantine, and the "scanned
// bucket" is the release prefix, which must be outside the watched
// prefixes (checked): a released object scanned again would be quarantined
// again, a loop. The token never leaves the table and the function; the API
// takes IAM callers only (GrantDecide), so a leaked e-mail decides nothing.
// API Gateway invokes the function with a role rather than a Lambda
// permission (CDK's permission names the method by an Fn::Join ARN, which
// Control Tower's CT.LAMBDA.PR.2 cannot tell from an open one). The stage
// logs errors (CT.APIGATEWAY.PR.1), which needs the account's API Gateway
// CloudWatch Logs role (a one-time account setting this construct does not
// own); its execution log group is created here, encrypted, finite.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the function's policy (object
// actions under "<prefix>*" of the watched and quarantine prefixes, the
// wildcard KMS actions of CDK's key grants) and on the job's custom-resource
// policy (classification-job/*: the job id is only known after creation).
// With Approval: AwsSolutions-APIG3 on the stage (no WAF: IAM-signed,
// validated, throttled POSTs), AwsSolutions-COG4 on the two methods (IAM
// principals decide, not a Cognito pool), AwsSolutions-IAM5 on the API's
// invoke role ("<function>:*" from GrantInvoke), the approval function's
// policy (CDK's KMS grant wildcards) and the workflow's (statemachine's:
// "<prefix>*" object ARNs).
package sensitivedata
