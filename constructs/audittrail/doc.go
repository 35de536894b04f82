// Package audittrail records who did what and when in the lake's account
// (catalogue MON-01 cloudtrail-trail-data-events, MON-02 cloudtrail-lake,
// MON-03 cloudwatch-logs-retention-insights).
//
// Scenario: auditors and the security team must answer "who read or
// changed this object, and when", prove that the log was not altered, be
// told when the root user is used or calls are denied, and query the
// history with saved queries instead of ad-hoc console searches.
//
//	API calls (all regions) ─▶ trail (multi-region, management events,
//	  │                          S3/Lambda data events by advanced selectors,
//	  │                          log file validation, Insights option)
//	  ├─▶ bucket (SSE-KMS, trail key, AWSLogs/<account>/, digests)
//	  ├─▶ log group (trail key, 1 year) ─▶ Logs Insights queries (folder)
//	  │                                  └▶ metric filters ─▶ CIS alarms ─▶ topic
//	  └─▶ (Lake) event data store (own key, retention, termination protection)
//	                                   └▶ SQL queries as outputs
//
// New creates, by default: a rotating customer managed key whose policy
// lets CloudTrail encrypt (kms:GenerateDataKey* with the
// aws:cloudtrail:arn encryption context), decrypt (needed with an S3 Bucket
// Key) and describe, each only for this trail (aws:SourceArn), and lets
// CloudWatch Logs of the account use it; a securebucket with SSE-KMS under
// that key (securebucket's default DSSE-KMS would deny CloudTrail's SSE-KMS
// writes through its DenyOtherEncryption statement, so the trail bucket is
// SSE-KMS, as gluejob's work bucket is) and the CloudTrail guide's bucket
// policy (GetBucketAcl, and PutObject under AWSLogs/<account>/ with
// bucket-owner-full-control, both conditioned on the trail's
// aws:SourceArn); a log group (the key, one year, retained) and the role
// CloudTrail writes it with; the trail: multi-region, global service
// events, log file validation always on, KMS, CloudWatch Logs, and advanced
// event selectors: management events, plus S3 object events of
// DataEventBuckets (resources.ARN StartsWith "<bucket ARN>/", optionally
// writes only) and invocations of DataEventFunctions; the Logs Insights
// query definitions TrailQueries (and LambdaQueries for LambdaLogGroups)
// named "<folder>/..."; the CISAlarms metric filters and alarms (root
// account usage, unauthorized API calls) to an encrypted topic.
//
// The trail is the L1 AWS::CloudTrail::Trail: the L2 awscloudtrail.Trail
// writes only basic event selectors (no advanced selectors, so no
// resources.ARN StartsWith scoping of S3 data events) and adds bucket
// policy statements without aws:SourceArn. The trail's name is derived from
// the construct's unique path because the bucket and key policies must name
// the trail's ARN before the trail exists (a GetAtt would be a cycle: the
// trail waits for its bucket policy).
//
// Options: Insights (ApiCallRateInsight, ApiErrorRateInsight; off by
// default because it is billed per event analysed, and the account's API
// volume is unknown); AllS3DataEvents for every bucket, only with a written
// AllS3DataEventsReason; Lake, a CloudTrail Lake event data store
// (management events, optionally the buckets' data events; its own key,
// because CloudTrail's key policy for event data stores accepts no
// aws:SourceArn; billing mode and retention checked against the mode's
// range; termination protection on; retained) with LakeQueries as stack
// outputs; ExistingTrail for an account that already has a trail (Control
// Tower's organization trail): nothing of the trail is created, only the
// lake, the queries and, on ExistingTrailLogGroup, the alarms.
//
// Rejected props: EnableLogFileValidation false; AllS3DataEvents without a
// reason of at least 20 characters (or with DataEventBuckets); lake
// retention outside the billing mode's range, unknown billing modes, lake
// options without Lake; INFINITE log retention; ExistingTrail with props
// that configure a new trail (validation, Insights, trail data events,
// EncryptionKey, TrailBucketProps, LogRetention) or alarms without a log
// group; a trail bucket other than SSE-KMS with the trail key; an alarm
// topic with CreateAlarms false.
//
// Corrections to the notes: they describe data events with basic event
// selectors (AddS3EventSelector); advanced event selectors are CloudTrail's
// current way and scope by ARN prefix. CloudTrail Lake is closed to new
// customers since 2026-05-31 (AWS's availability change): Lake is off by
// default and only for accounts that already use it; the Logs Insights
// queries on the trail's log group are the alternative built here.
// CloudFormation has no saved-query resource for the Lake
// (AWS::CloudTrail::Dashboard exists, but needs a resource policy on the
// store and refreshes cost scans), so the Lake SQL ships as LakeQueries and
// stack outputs.
//
// cdk-nag suppressions: none of its own (securebucket's apply to the
// bucket). No Control Tower exemption: CT.CLOUDTRAIL.PR.1–4 pass.
package audittrail
