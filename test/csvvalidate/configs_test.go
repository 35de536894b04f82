package csvvalidate_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	defaultsStack = "CsvDefaults"
	optionsStack  = "CsvOptions"
	importedStack = "CsvImported"
	lakeStack     = "CsvLake"
	eventsStack   = "CsvEvents"
)

var built struct {
	defaults, options, imported, events *csvvalidate.Validator
	landing, lake                       *securebucket.SecureBucket
	topic                               awssns.ITopic
}

// orders is the schema of the examples: every column type, one nullable.
var orders = &csvvalidate.Schema{Columns: []csvvalidate.Column{
	{Name: "order_id", Type: csvvalidate.Int},
	{Name: "amount", Type: csvvalidate.Decimal},
	{Name: "order_date", Type: csvvalidate.Date},
	{Name: "shipped_at", Type: csvvalidate.Timestamp, Nullable: true},
	{Name: "paid", Type: csvvalidate.Bool},
	{Name: "note", Type: csvvalidate.String, Nullable: true},
}}

// One app, five stacks: the defaults, every option on a bucket of the same
// stack, a bucket imported by name, and an EventBridge trigger over the lake
// bucket of another stack (as the Orchestration stack over GlueEtl's).
var app = testkit.Register("csvvalidate", nil, func(scope constructs.Construct) {
	d := awscdk.NewStack(scope, jsii.String(defaultsStack), nil)
	built.defaults = csvvalidate.New(d, "Orders", &csvvalidate.Props{Schema: orders})

	o := awscdk.NewStack(scope, jsii.String(optionsStack), nil)
	built.landing = securebucket.New(o, "Landing", nil)
	ops := securebucket.New(o, "OpsData", &securebucket.Props{Encryption: securebucket.SSEKMS})
	built.topic = awssns.NewTopic(o, jsii.String("Ops"), &awssns.TopicProps{MasterKey: ops.Key, EnforceSSL: jsii.Bool(true)})
	built.options = csvvalidate.New(o, "Clicks", &csvvalidate.Props{
		Bucket:           built.landing.Bucket,
		IncomingPrefix:   "landing/clicks/",
		ValidPrefix:      "checked/clicks/",
		QuarantinePrefix: "rejected/clicks/",
		ReportPrefix:     "audit/clicks/",
		Schema: &csvvalidate.Schema{Columns: []csvvalidate.Column{
			{Name: "ts", Type: csvvalidate.Timestamp}, {Name: "user", Type: csvvalidate.String}, {Name: "page", Type: csvvalidate.String},
		}, Delimiter: ";", MaxErrors: 20},
		ReservedConcurrency: jsii.Number(5),
		RetryAttempts:       jsii.Number(0),
		MaxEventAge:         awscdk.Duration_Minutes(jsii.Number(30)),
		AlarmTopic:          built.topic,
		LogRetention:        awslogs.RetentionDays_TWO_YEARS,
		FunctionProps: &awslambda.FunctionProps{
			MemorySize:  jsii.Number(1024),
			Timeout:     awscdk.Duration_Minutes(jsii.Number(10)),
			Description: jsii.String("Checks the click exports"),
			Environment: &map[string]*string{"LOG_LEVEL": jsii.String("debug")},
		},
	})

	i := awscdk.NewStack(scope, jsii.String(importedStack), nil)
	built.imported = csvvalidate.New(i, "Partner", &csvvalidate.Props{
		Bucket:       awss3.Bucket_FromBucketName(i, jsii.String("Shared"), jsii.String("partner-drop")),
		Schema:       orders,
		CreateAlarms: jsii.Bool(false),
	})

	l := awscdk.NewStack(scope, jsii.String(lakeStack), nil)
	built.lake = securebucket.New(l, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	e := awscdk.NewStack(scope, jsii.String(eventsStack), nil)
	built.events = csvvalidate.New(e, "Orders", &csvvalidate.Props{
		Bucket:           built.lake.Bucket,
		Trigger:          csvvalidate.EventBridge,
		IncomingPrefix:   "landing/orders/",
		ValidPrefix:      "raw/orders/",
		QuarantinePrefix: "quarantine/orders/",
		ReportPrefix:     "reports/orders/",
		Schema:           orders,
	})
})

// The validator's Control Tower findings, declared here rather than
// exempted project-wide (no stack deploys the validator yet, and the
// project's exemption file holds only what a stack needs):
//   - CT.LAMBDA.PR.2 on S3Invoke: S3's permission for a bucket of the same
//     stack is limited by SourceAccount (Ref AWS::AccountId); a SourceArn
//     naming the bucket would close a dependency cycle (the bucket's own
//     notification configuration depends on the permission, which S3 checks
//     when it is written), and the control accepts only a literal account.
//   - CT.LAMBDA.PR.2 on CDK's AllowBucketNotificationsTo… (imported bucket):
//     its SourceArn is an Fn::Join with AWS::Partition, which the control
//     does not recognise.
//   - CT.LAMBDA.PR.3 on CDK's BucketNotificationsHandler (imported bucket):
//     CDK's deploy-time function that writes the notification; it calls only
//     S3's notification API, so a VPC would protect no network boundary.
var _ = testkit.ExpectGuard("csvvalidate",
	"CT.LAMBDA.PR.2 CsvDefaults/Orders/S3Invoke",
	"CT.LAMBDA.PR.2 CsvOptions/Clicks/S3Invoke",
	"CT.LAMBDA.PR.2 CsvImported/Shared/AllowBucketNotificationsTocsvvalidateCsvImportedPartnerFunction233BC66C",
	"CT.LAMBDA.PR.3 CsvImported/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Resource",
)
