package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// Query is a saved query: its id (a construct id), its name under the
// query folder, what it answers, and its text.
type Query struct {
	ID, Name, Title, SQL string
}

// TrailQueries are the Logs Insights queries on the trail's log group
// (CloudTrail JSON events; Logs Insights discovers their fields).
var TrailQueries = []Query{
	{"RootActivity", "trail/root-activity", "Calls made with the root user's credentials",
		`fields @timestamp, eventSource, eventName, sourceIPAddress, userAgent, errorCode
| filter userIdentity.type = "Root" and eventType != "AwsServiceEvent"
| sort @timestamp desc
| limit 200`},
	{"UnauthorizedCalls", "trail/unauthorized-calls", "Denied API calls by principal, service and action",
		`filter errorCode like /AccessDenied|UnauthorizedOperation|Forbidden/
| stats count(*) as denied by userIdentity.arn, eventSource, eventName, errorCode
| sort denied desc
| limit 100`},
	{"S3DataEventsByPrincipal", "trail/s3-data-events-by-principal", "S3 object-level calls by principal, bucket and action",
		`filter eventCategory = "Data" and eventSource = "s3.amazonaws.com"
| stats count(*) as calls by userIdentity.arn, requestParameters.bucketName, eventName
| sort calls desc
| limit 100`},
	{"ConsoleSignInsWithoutMfa", "trail/console-sign-ins-without-mfa", "Console sign-ins without MFA",
		`fields @timestamp, userIdentity.arn, sourceIPAddress, responseElements.ConsoleLogin
| filter eventName = "ConsoleLogin" and additionalEventData.MFAUsed != "Yes"
| sort @timestamp desc
| limit 200`},
	{"PolicyAndKeyChanges", "trail/policy-and-key-changes", "Changes to IAM policies, bucket policies and KMS keys",
		`fields @timestamp, userIdentity.arn, eventSource, eventName, requestParameters.policyArn, requestParameters.bucketName, requestParameters.keyId
| filter eventName in ["PutBucketPolicy", "DeleteBucketPolicy", "PutRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "CreatePolicyVersion", "PutKeyPolicy", "DisableKey", "ScheduleKeyDeletion"]
| sort @timestamp desc
| limit 200`},
}

// LambdaQueries are the Logs Insights queries on the Go Lambdas' JSON logs
// (LoggingFormat JSON: application records carry level and msg; the
// platform.report record carries duration, memory and init time).
var LambdaQueries = []Query{
	{"LambdaErrorsByFunction", "lambda/errors-by-function", "Error records by function",
		`filter level = "ERROR" or @message like /Task timed out|Runtime.ExitError/
| stats count(*) as errors by @log
| sort errors desc`},
	{"LambdaTimeouts", "lambda/timeouts", "Invocations that timed out",
		`filter type = "platform.report" and record.status = "timeout"
| fields @timestamp, @log, record.requestId, record.metrics.durationMs
| sort @timestamp desc
| limit 200`},
	{"LambdaDurationAndColdStarts", "lambda/duration-and-cold-starts", "Duration percentiles, memory and cold starts by function",
		`filter type = "platform.report"
| stats count(*) as invocations, pct(record.metrics.durationMs, 50) as p50, pct(record.metrics.durationMs, 99) as p99, max(record.metrics.maxMemoryUsedMB) as maxMemoryMB, count(record.metrics.initDurationMs) as coldStarts by @log`},
}

// LakeQueries are CloudTrail Lake SQL queries; ${EventDataStoreId} is the
// event data store's id (LakeQuery fills it in). CloudFormation has no
// saved-query resource, so they ship as constants and stack outputs.
var LakeQueries = []Query{
	{"RootActivity", "lake/root-activity", "Root user calls in the last 30 days",
		`SELECT eventTime, eventSource, eventName, sourceIPAddress, awsRegion FROM ${EventDataStoreId} WHERE userIdentity.type = 'Root' AND eventTime > date_add('day', -30, now()) ORDER BY eventTime DESC`},
	{"DeniedCalls", "lake/denied-calls", "Denied calls by principal and action in the last 7 days",
		`SELECT userIdentity.arn, eventSource, eventName, errorCode, count(*) AS denied FROM ${EventDataStoreId} WHERE errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation') AND eventTime > date_add('day', -7, now()) GROUP BY 1, 2, 3, 4 ORDER BY denied DESC LIMIT 100`},
	{"S3ObjectAccess", "lake/s3-object-access", "S3 object calls by principal and bucket in the last 7 days",
		`SELECT userIdentity.arn, element_at(requestParameters, 'bucketName') AS bucket, eventName, count(*) AS calls FROM ${EventDataStoreId} WHERE eventCategory = 'Data' AND eventSource = 's3.amazonaws.com' AND eventTime > date_add('day', -7, now()) GROUP BY 1, 2, 3 ORDER BY calls DESC LIMIT 100`},
}

// queries creates the Logs Insights query definitions under the folder.
func (a *AuditTrail) queries(p *Props) {
	folder := p.QueryFolder
	if folder == "" {
		folder = *a.Node().Path()
	}
	define := func(q Query, groups []*string) {
		names := make([]any, len(groups))
		for i, g := range groups {
			names[i] = g
		}
		a.Queries[q.Name] = awslogs.NewCfnQueryDefinition(a.Construct, jsii.String("Query"+q.ID), &awslogs.CfnQueryDefinitionProps{
			Name:          jsii.String(folder + "/" + q.Name),
			QueryString:   jsii.String(q.SQL),
			LogGroupNames: &names,
		})
	}
	if a.LogGroup != nil {
		for _, q := range TrailQueries {
			define(q, []*string{a.LogGroup.LogGroupName()})
		}
	}
	if len(p.LambdaLogGroups) > 0 {
		groups := make([]*string, len(p.LambdaLogGroups))
		for i, g := range p.LambdaLogGroups {
			groups[i] = g.LogGroupName()
		}
		for _, q := range LambdaQueries {
			define(q, groups)
		}
	}
}
