package csvvalidate_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func badStack(t *testing.T) awscdk.Stack {
	return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
}

var one = &csvvalidate.Schema{Columns: []csvvalidate.Column{{Name: "id", Type: csvvalidate.Int}}}

func TestRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() { csvvalidate.New(badStack(t), "V", nil) },
		"csvvalidate Bad/V: invalid props", "Schema = <nil>")
	// The bucket twice, every prefix problem, bad numbers, infinite logs,
	// a topic without alarms.
	testkit.MustPanic(t, func() {
		s := badStack(t)
		csvvalidate.New(s, "V", &csvvalidate.Props{
			Bucket:              awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("some-bucket")),
			BucketProps:         &securebucket.Props{},
			IncomingPrefix:      "incoming",
			ValidPrefix:         "/valid/",
			QuarantinePrefix:    "q*/",
			ReportPrefix:        "r/\x01/",
			Schema:              one,
			ReservedConcurrency: jsii.Number(0),
			RetryAttempts:       jsii.Number(3),
			MaxEventAge:         awscdk.Duration_Seconds(jsii.Number(30)),
			LogRetention:        awslogs.RetentionDays_INFINITE,
			CreateAlarms:        jsii.Bool(false),
			AlarmTopic:          awssns.NewTopic(s, jsii.String("T"), nil),
		})
	}, "Bucket and BucketProps = both given", `IncomingPrefix = incoming: a key prefix ending in "/"`, "ValidPrefix = /valid/", "QuarantinePrefix = q*/",
		"ReportPrefix", "UTF-8 of at most 512 bytes without control characters",
		"ReservedConcurrency = 0: a whole number of at least 1", "RetryAttempts = 3: Lambda retries", "MaxEventAge = 30 seconds: Lambda keeps",
		"LogRetention", "AlarmTopic")
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: one, ReservedConcurrency: jsii.Number(1.5), RetryAttempts: jsii.Number(-1),
			MaxEventAge: awscdk.Duration_Hours(jsii.Number(7)), ReportPrefix: strings.Repeat("r", 513) + "/"})
	}, "ReservedConcurrency = 1.5", "RetryAttempts = -1", "MaxEventAge = 7 hours", "ReportPrefix = rrr", "UTF-8 of at most 512 bytes")
	// Overlapping prefixes: a moved file or report would trigger again.
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: one, IncomingPrefix: "data/", ValidPrefix: "data/valid/", ReportPrefix: "quarantine/reports/"})
	}, "ValidPrefix = data/valid/: must not overlap IncomingPrefix data/", "ReportPrefix = quarantine/reports/: must not overlap QuarantinePrefix quarantine/")
	// The schema.
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: &csvvalidate.Schema{}})
	}, "Schema.Columns = 0: 1 to 1000 columns")
	testkit.MustPanic(t, func() {
		cols := make([]csvvalidate.Column, csvvalidate.MaxColumns+1)
		for i := range cols {
			cols[i] = csvvalidate.Column{Name: "c" + strings.Repeat("x", i), Type: csvvalidate.String}
		}
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: &csvvalidate.Schema{Columns: cols}})
	}, "Schema.Columns = 1001: 1 to 1000 columns")
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: &csvvalidate.Schema{
			Columns: []csvvalidate.Column{
				{Name: " id", Type: csvvalidate.Int}, {Name: "", Type: csvvalidate.Int}, {Name: `a"b`, Type: csvvalidate.String},
				{Name: "Amount", Type: csvvalidate.Decimal}, {Name: "amount", Type: csvvalidate.Decimal},
				{Name: "a,b", Type: csvvalidate.String}, {Name: "when", Type: "datetime"},
			},
			MaxErrors: 10001,
		}})
	}, "Schema.Columns[0].Name = ' id': a UTF-8 name without surrounding spaces", "Schema.Columns[1].Name = ''", `Schema.Columns[2].Name = 'a"b'`,
		"Schema.Columns[4].Name = amount: each name once, ignoring case: Schema.Columns[3] has it",
		"Schema.Columns[5].Name = a,b: must not contain the delimiter",
		"Schema.Columns[6].Type = 'datetime': one of string, int, decimal, date, timestamp, bool",
		"Schema.MaxErrors = 10001: 0 (the default, 100) to 10000")
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: &csvvalidate.Schema{
			Columns: []csvvalidate.Column{{Name: "a|b", Type: csvvalidate.String}}, Delimiter: "|", MaxErrors: -1}})
	}, "Schema.Columns[0].Name = a|b: must not contain the delimiter", "Schema.MaxErrors = -1")
	for _, d := range []string{`"`, "\n", "\r", ";;", "é"} {
		testkit.MustPanic(t, func() {
			csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: &csvvalidate.Schema{Columns: one.Columns, Delimiter: d}})
		}, "Schema.Delimiter = '"+d+"': one ASCII character other than a double quote or a line break")
	}
}

func TestRejectedTrigger(t *testing.T) {
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: one, Trigger: "SQS"})
	}, "csvvalidate Bad/V: invalid props", "Trigger = 'SQS': one of S3Notification, EventBridge (empty: S3Notification)")
	// The rule's wildcard would read a backslash as an escape; a new bucket
	// must send its events to EventBridge.
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: one, Trigger: csvvalidate.EventBridge, IncomingPrefix: `in\box/`,
			BucketProps: &securebucket.Props{EventBridge: jsii.Bool(false)}})
	}, `IncomingPrefix = in\box/: no "\" with Trigger EventBridge`, "BucketProps.EventBridge = false: true (the default) with Trigger EventBridge")
}

func TestRejectedFunctionProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		s := badStack(t)
		q := awssqs.NewQueue(s, jsii.String("Q"), nil)
		csvvalidate.New(s, "V", &csvvalidate.Props{Schema: one, FunctionProps: &awslambda.FunctionProps{
			Code:                         awslambda.Code_FromInline(jsii.String("x")),
			Role:                         awsiam.NewRole(s, jsii.String("R"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)}),
			DeadLetterQueue:              q,
			RetryAttempts:                jsii.Number(1),
			ReservedConcurrentExecutions: jsii.Number(2),
			LogRetention:                 awslogs.RetentionDays_ONE_WEEK,
			Environment:                  &map[string]*string{"SCHEMA": jsii.String("{}"), "VALID_PREFIX": jsii.String("x/"), "OTHER": jsii.String("ok")},
			Timeout:                      awscdk.Duration_Minutes(jsii.Number(16)),
		}})
	}, "FunctionProps.Code/Role/LogGroup = set", "FunctionProps.OnFailure/OnSuccess/DeadLetterQueue = set",
		"FunctionProps.RetryAttempts/MaxEventAge/ReservedConcurrentExecutions = set: use Props.RetryAttempts",
		"FunctionProps.LogRetention", "FunctionProps.Environment.SCHEMA = set", "FunctionProps.Environment.VALID_PREFIX = set",
		"FunctionProps.Timeout = 16 minutes: 10 seconds to 15 minutes")
	testkit.MustPanic(t, func() {
		csvvalidate.New(badStack(t), "V", &csvvalidate.Props{Schema: one, FunctionProps: &awslambda.FunctionProps{Timeout: awscdk.Duration_Seconds(jsii.Number(5))}})
	}, "FunctionProps.Timeout = 5 seconds")
}
