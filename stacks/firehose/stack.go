// Package firehose is the deployable stack of the Firehose delivery family
// (catalogue ING-02, ING-03, ING-04, ING-20, ING-21, MON-04): CSV records
// converted to Parquet in a lake bucket (firehoseparquet), CloudWatch logs
// shipped to Splunk (logstosplunk), IoT telemetry stored without personal
// data (iotredact), music events from Kinesis indexed daily in OpenSearch
// with the Splunk pipeline's logs in the same domain (streamtoopensearch),
// and optionally logs enriched from DynamoDB (logenrichment),
// all alarms on one encrypted topic. It is configured by the
// "firehose" object of cdk.json.
package firehose

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehoseparquet"
	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
	"github.com/cdk-data-patterns/patterns/constructs/logenrichment"
	"github.com/cdk-data-patterns/patterns/constructs/logstosplunk"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
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
	Iot    *iotredact.IotRedact
	// Enrich is nil unless the enrichment settings are given.
	Enrich *logenrichment.LogEnrichment
	// Search is nil when openSearch is false.
	Search *streamtoopensearch.StreamToOpenSearch
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
	topic := s.Lake.AlarmTopic
	s.Iot = iotredact.New(stack, "IotTelemetry", &iotredact.Props{
		RedactFields:   cfg.RedactFields,
		IotTopicFilter: jsii.String(cfg.IotTopicFilter),
		Delivery:       &firehosetos3.Props{AlarmTopic: topic},
	})
	if cfg.EnrichTableName != "" {
		s.Enrich = logenrichment.New(stack, "LogEnrichment", &logenrichment.Props{
			LogGroup: awslogs.LogGroup_FromLogGroupName(stack, jsii.String("EnrichedLogs"), jsii.String(cfg.EnrichLogGroupName)),
			Table:    awsdynamodb.Table_FromTableName(stack, jsii.String("ReferenceTable"), jsii.String(cfg.EnrichTableName)),
			TableKey: jsii.String(cfg.EnrichTableKey),
			KeyField: jsii.String(cfg.EnrichKeyField),
			Delivery: &firehosetos3.Props{AlarmTopic: topic},
		})
	}
	if *cfg.OpenSearch {
		s.Search = newSearch(stack, cfg, s.Splunk.LogGroup, topic)
	}
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
	out("IotTopicRule", s.Iot.TopicRule.Ref(), "Publish JSON to "+cfg.IotTopicFilter+"; redacted records land in the IoT bucket")
	out("SplunkHecTokenSecret", s.Splunk.HecTokenSecret.SecretArn(), `Put {"hec_token":"<token>"} here`)
	if s.Search != nil {
		out("SearchStream", s.Search.Stream.StreamName(), "Send music events: aws kinesis put-record --stream-name <this> --partition-key <user id> --data <base64 JSON>")
		out("SearchDomainEndpoint", s.Search.Domain.DomainEndpoint(), "OpenSearch endpoint (in the VPC): indices "+cfg.OpenSearchIndexName+"-YYYY-MM-DD and logs-YYYY-MM-DD")
	}
	return s
}

// newSearch is ING-04 and MON-04: music events from a Kinesis stream and
// the Splunk pipeline's logs (and any configured log groups) indexed in
// one OpenSearch domain.
func newSearch(stack awscdk.Stack, cfg Config, splunkLogs awslogs.ILogGroup, topic awssns.ITopic) *streamtoopensearch.StreamToOpenSearch {
	groups := []awslogs.ILogGroup{splunkLogs}
	for i, name := range cfg.OpenSearchLogGroupNames {
		groups = append(groups, awslogs.LogGroup_FromLogGroupName(stack, jsii.String(fmt.Sprintf("SearchedLogs%d", i+1)), jsii.String(name)))
	}
	return streamtoopensearch.New(stack, "MusicSearch", &streamtoopensearch.Props{
		IndexName:     jsii.String(cfg.OpenSearchIndexName),
		AdminRoleArns: *jsii.Strings(cfg.OpenSearchAdminRoleArns...),
		LogGroups:     groups,
		AlarmTopic:    topic,
	})
}
