package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/audittrail"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestAudittrailRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *audittrail.Props
		wants []string
	}{
		{"validation off", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{EnableLogFileValidation: jsii.Bool(false)}
		}, []string{"audittrail Bad/Audit: invalid props", "EnableLogFileValidation = false: true (the default): without digest files"}},
		{"all buckets without the opt-in", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{AllS3DataEvents: jsii.Bool(true)}
		}, []string{"AllS3DataEvents = true: data events of every bucket cost US$0.10 per 100,000", "AllS3DataEventsReason"}},
		{"all buckets with a token reason", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{AllS3DataEvents: jsii.Bool(true), AllS3DataEventsReason: "audit"}
		}, []string{"AllS3DataEvents = true: data events of every bucket"}},
		{"reason without opt-in, buckets beside all, write-only alone", func(stack awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{AllS3DataEventsReason: "a long enough reason for all", S3DataEventsWriteOnly: jsii.Bool(true)}
		}, []string{"AllS3DataEventsReason = a long enough reason for all: only with AllS3DataEvents: true", "S3DataEventsWriteOnly = true: only with DataEventBuckets or AllS3DataEvents"}},
		{"buckets and all", func(stack awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{AllS3DataEvents: jsii.Bool(true), AllS3DataEventsReason: "every object read must be attributable",
				DataEventBuckets: []awss3.IBucket{awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake"))}}
		}, []string{"DataEventBuckets = 1: none with AllS3DataEvents"}},
		{"lake retention out of range (extendable)", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{Lake: jsii.Bool(true), LakeRetentionDays: 4000}
		}, []string{"LakeRetentionDays = 4000: a whole number of days from 7 to 3653 with EXTENDABLE_RETENTION_PRICING"}},
		{"lake retention out of range (fixed)", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{Lake: jsii.Bool(true), LakeBillingMode: audittrail.FixedRetention, LakeRetentionDays: 3000}
		}, []string{"LakeRetentionDays = 3000: a whole number of days from 7 to 2557 with FIXED_RETENTION_PRICING"}},
		{"lake retention too short, unknown mode, lake props without lake", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{LakeRetentionDays: 3, LakeBillingMode: "CHEAP"}
		}, []string{"Lake = false: true when LakeBillingMode, LakeRetentionDays or LakeDataEvents is set"}},
		{"lake mode and days", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{Lake: jsii.Bool(true), LakeBillingMode: "CHEAP", LakeDataEvents: jsii.Bool(true)}
		}, []string{"LakeBillingMode = CHEAP: EXTENDABLE_RETENTION_PRICING or FIXED_RETENTION_PRICING", "LakeDataEvents = true: only with DataEventBuckets"}},
		{"lake days too short", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{Lake: jsii.Bool(true), LakeRetentionDays: 3}
		}, []string{"LakeRetentionDays = 3: a whole number of days from 7 to 3653"}},
		{"infinite log retention", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention = INFINITE: a finite retention"}},
		{"existing trail with new-trail props", func(stack awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{ExistingTrail: jsii.Bool(true), EnableLogFileValidation: jsii.Bool(true), Insights: jsii.Bool(true),
				DataEventFunctions: []awslambda.IFunction{awslambda.Function_FromFunctionName(stack, jsii.String("F"), jsii.String("loader"))},
				DataEventBuckets:   []awss3.IBucket{awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("lake"))},
				TrailBucketProps:   &securebucket.Props{}, LogRetention: awslogs.RetentionDays_ONE_YEAR, CreateAlarms: jsii.Bool(true)}
		}, []string{
			"EnableLogFileValidation = true: nothing with ExistingTrail: true", "Insights = true: nothing with ExistingTrail",
			"DataEventFunctions = 1: nothing with ExistingTrail", "DataEventBuckets = 1: only with Lake and LakeDataEvents when ExistingTrail is true",
			"TrailBucketProps = set: nothing with ExistingTrail", "LogRetention = ONE_YEAR: nothing with ExistingTrail",
			"CreateAlarms = true: needs a trail log group: with ExistingTrail, give ExistingTrailLogGroup",
		}},
		{"existing log group without existing trail", func(stack awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{ExistingTrailLogGroup: awslogs.LogGroup_FromLogGroupName(stack, jsii.String("L"), jsii.String("trail"))}
		}, []string{"ExistingTrailLogGroup = Bad/L: only with ExistingTrail: true"}},
		{"trail bucket encryption", func(awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{TrailBucketProps: &securebucket.Props{Encryption: securebucket.DSSEKMS}}
		}, []string{"TrailBucketProps.Encryption = DSSE_KMS: SSE_KMS (or empty)"}},
		{"unused topic, bad folder", func(stack awscdk.Stack) *audittrail.Props {
			return &audittrail.Props{CreateAlarms: jsii.Bool(false), QueryFolder: "/audit/",
				AlarmTopic: awssns.Topic_FromTopicArn(stack, jsii.String("T"), stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("sns"), Resource: jsii.String("t")}))}
		}, []string{"AlarmTopic = Bad/T: CreateAlarms is false", "QueryFolder = /audit/: a folder name without leading or trailing slash"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				audittrail.New(stack, "Audit", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestAudittrailGrantsNeedTheirParts(t *testing.T) {
	audittrailConfigs()
	testkit.MustPanic(t, func() { audittrailBuilt.existing.GrantReadLogs(nil) }, "GrantReadLogs needs the construct's own trail")
	testkit.MustPanic(t, func() { audittrailBuilt.defaults.GrantLakeQueries(nil) }, "GrantLakeQueries needs Lake: true")
}
