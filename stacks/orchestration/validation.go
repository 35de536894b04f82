package orchestration

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
)

// The lake prefixes of ING-25: producers put order files under Landing;
// the valid ones move to the lake's raw prefix (which starts LakePipeline),
// the others to Quarantine, with a JSON report each under Reports.
const (
	Landing    = "landing/orders/"
	Quarantine = "quarantine/orders/"
	Reports    = "reports/orders/"
)

// ordersSchema is the raw orders' header and types
// (order_id,customer_id,order_date,status,amount; docs/samples/orders.csv),
// as the lake's tables and the quality gate read them.
var ordersSchema = &csvvalidate.Schema{Columns: []csvvalidate.Column{
	{Name: "order_id", Type: csvvalidate.String},
	{Name: "customer_id", Type: csvvalidate.String},
	{Name: "order_date", Type: csvvalidate.Date},
	{Name: "status", Type: csvvalidate.String},
	{Name: "amount", Type: csvvalidate.Decimal},
}}

// validation is ING-25 in front of the lake pipeline: a file reaches the
// raw prefix only when its header, column count and values are right. The
// lake bucket belongs to GlueEtl, so the validator is started by an
// EventBridge rule on the bucket's events (no notification written on
// another stack's bucket).
func (s *Stack) validation(lake *Lake) {
	s.Validator = csvvalidate.New(s.Stack, "OrdersValidator", &csvvalidate.Props{
		Bucket:           lake.Bucket,
		Trigger:          csvvalidate.EventBridge,
		IncomingPrefix:   Landing,
		ValidPrefix:      lake.RawPrefix,
		QuarantinePrefix: Quarantine,
		ReportPrefix:     Reports,
		Schema:           ordersSchema,
		AlarmTopic:       s.Notices.Topic,
	})
	s.quarantineNotice(lake)
}

// quarantineNotice tells the notice topic of each quarantined file and
// where its report is.
func (s *Stack) quarantineNotice(lake *Lake) {
	field := func(path string) string { return *awsevents.EventField_FromPath(jsii.String(path)) }
	awsevents.NewRule(s.Stack, jsii.String("OnQuarantined"), &awsevents.RuleProps{
		Description: jsii.String("Order files quarantined by the validator notify the Orchestration notice topic"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created"),
			Detail: &map[string]any{
				"bucket": map[string]any{"name": []*string{lake.Bucket.BucketName()}},
				"object": map[string]any{"key": []any{map[string]any{"prefix": Quarantine}}},
			},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(s.Notices.Topic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("s3://" + field("$.detail.bucket.name") + "/" + field("$.detail.object.key") +
				" failed validation and was quarantined; its report is under " + Reports + " (the original key with .json).")),
		})},
	})
}
