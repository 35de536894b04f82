// Package firehose is the deployable stack of the Firehose delivery family
// (catalogue ING-02, ING-03): CSV records converted to Parquet in a lake
// bucket (firehoseparquet) and CloudWatch logs shipped to Splunk
// (logstosplunk), all alarms on one encrypted topic. It is configured by the
// "firehose" object of cdk.json.
package firehose

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehoseparquet"
	"github.com/cdk-data-patterns/patterns/constructs/logstosplunk"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

var vpcIDRE = regexp.MustCompile(`^vpc-[0-9a-f]{8}([0-9a-f]{9})?$`)

// SensorColumns is the schema of the lake table: the sensor readings the
// notes' scenario sends as CSV rows, in field order.
var SensorColumns = []firehoseparquet.Column{
	{Name: "device_id", Type: "string", Comment: "sensor id"},
	{Name: "recorded_at", Type: "timestamp", Comment: "reading time, UTC"},
	{Name: "temperature", Type: "double", Comment: "degrees Celsius"},
	{Name: "humidity", Type: "double", Comment: "percent"},
	{Name: "battery", Type: "int", Comment: "percent"},
	{Name: "status", Type: "string"},
}

// Stack is the Firehose delivery stack and its patterns.
type Stack struct {
	awscdk.Stack
	Lake   *firehoseparquet.FirehoseParquet
	Splunk *logstosplunk.LogsToSplunk
}

// New creates the stack from cfg.
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: Firehose delivery (CSV to Parquet lake ingestion, logs to Splunk)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Lake = firehoseparquet.New(stack, "SensorLake", &firehoseparquet.Props{Columns: SensorColumns})

	sp := &logstosplunk.Props{HecEndpoint: jsii.String(cfg.SplunkHecEndpoint), AlarmTopic: s.Lake.AlarmTopic}
	if cfg.SplunkHecTokenSecretName != "" {
		sp.HecTokenSecret = awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("HecToken"), jsii.String(cfg.SplunkHecTokenSecretName))
	}
	if cfg.FlowLogsVpcId != "" {
		sp.FlowLogVpcIds = []*string{jsii.String(cfg.FlowLogsVpcId)}
	}
	s.Splunk = logstosplunk.New(stack, "LogsToSplunk", sp)
	if cfg.AlarmEmail != "" {
		s.Lake.AlarmTopic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("LakeDeliveryStream", s.Lake.CfnDeliveryStream.Ref(), "Send CSV rows: aws firehose put-record --delivery-stream-name <this> --record Data=<base64 CSV>")
	out("LakeBucket", s.Lake.Bucket.BucketName(), "Parquet files under parquet-data/year=/month=/day=/")
	out("LakeTable", jsii.String(*s.Lake.DatabaseName+"."+*s.Lake.TableName), "Glue table (Athena: SELECT * FROM <this> LIMIT 10)")
	out("SplunkLogGroup", s.Splunk.LogGroup.LogGroupName(), "Log group shipped to Splunk")
	out("SplunkHecTokenSecret", s.Splunk.HecTokenSecret.SecretArn(), `Put {"hec_token":"<token>"} here`)
	return s
}
