// Package streamanalytics is the StreamAnalytics stack: the notes' streaming
// analytics on Kafka, Flink and OpenSearch (issue 18), in one VPC.
//
//	web server (Fluent Bit | Kinesis Agent, ING-11) ─▶ Kinesis "weblogs"
//	   ├─▶ Firehose ─▶ archive bucket weblogs/ (the lake's copy, ING-19)
//	   └─▶ Flink "Weblogs" (1-minute stats per host and status, ETL-18/ING-19)
//	         ─▶ Kinesis ─▶ Firehose ─▶ OpenSearch domain "WeblogSearch"
//	              hot ─(ISM)─▶ UltraWarm ─▶ cold (STO-05), snapshots to S3,
//	              3 masters, zone awareness, FGAC (STO-06)
//	              ─(cross-cluster replication, optional)─▶ follower domain (STO-07)
//	data-centre sensors ─▶ Kinesis "Readings" ({"sensor_id", "temperature", "ts"})
//	   ├─▶ Flink "Anomaly" (Random Cut Forest per sensor, ETL-19) ─▶ Kinesis
//	   │      ─▶ EventBridge Pipe ─▶ the stack's alarm topic (streamalert)
//	   └─▶ Firehose ─▶ OpenSearch Serverless collection (TIMESERIES, ANA-06)
//	producers (apps/kafkaproducer, IAM) ─▶ MSK cluster (ING-16), declared topic sensor-readings
//	   ├─▶ apps/kafkatos3 on ECS Fargate ─▶ archive bucket kafka/ (the Go consumer)
//	   └─▶ MSK Connect S3 sink ─▶ archive bucket connect/ (ING-17, with a plugin)
//	MSK Serverless (ING-18), optional
//
// The stack stands alone: no other stack's resource is referenced. The
// Flink applications are created READY, not running: start them after
// deployment (docs/patterns/flinkapp.md).
package streamanalytics

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/constructs/kafkatopic"
	"github.com/cdk-data-patterns/patterns/constructs/kafkatos3"
	"github.com/cdk-data-patterns/patterns/constructs/logshipper"
	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
	"github.com/cdk-data-patterns/patterns/constructs/mskconnect"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
	"github.com/cdk-data-patterns/patterns/constructs/opensearchreplication"
	"github.com/cdk-data-patterns/patterns/constructs/opensearchserverless"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/constructs/streamalert"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
	"github.com/cdk-data-patterns/patterns/stacks/internal/notices"
)

// Stack is the StreamAnalytics stack. Parts that are off are nil.
type Stack struct {
	awscdk.Stack
	// Alarms receives every alarm and the anomalies.
	Alarms  statemachine.NoticeTopic
	Network *datavpc.DataVpc
	// Archive is the bucket of the weblogs, the Kafka consumer's and the
	// connector's objects.
	Archive *securebucket.SecureBucket

	// Weblogs is the web server's stream; WebServer ships to it,
	// WeblogArchive copies it to Archive, WeblogStats aggregates it into
	// Search's stream.
	Weblogs       awskinesis.IStream
	WebServer     *logshipper.Shipper
	WeblogArchive *firehosetos3.FirehoseToS3
	WeblogStats   *flinkapp.Application
	Search        *streamtoopensearch.StreamToOpenSearch
	Standby       *streamtoopensearch.StreamToOpenSearch
	Replication   *opensearchreplication.Replication

	// Readings is the temperature readings' stream; Anomaly scores them,
	// Anomalies publishes what it finds, Collection indexes them.
	Readings   awskinesis.IStream
	Anomaly    *flinkapp.Application
	Anomalies  *streamalert.StreamAlert
	Collection *opensearchserverless.Collection

	// Kafka is the provisioned cluster, Topic its declared topic, Consumer
	// the Go consumer service,
	// Connector the S3 sink (nil without a plugin), Serverless the MSK
	// Serverless cluster.
	Kafka      *mskcluster.Cluster
	Topic      *kafkatopic.Topic
	Consumer   *kafkatos3.KafkaToS3
	Connector  *mskconnect.Connector
	Serverless *mskserverless.Cluster
}

// New creates the stack from cfg.
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: streaming analytics (MSK, MSK Connect, Managed Flink, OpenSearch domain tiers and Serverless, log shipping)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Alarms = notices.Topic(stack, "Alarms", cfg.AlarmEmail)
	s.network()
	s.Archive = securebucket.New(stack, "Archive", nil)
	s.weblogs(cfg)
	s.readings(cfg)
	if cfg.Msk.On() {
		s.kafka(cfg)
	}
	if cfg.MskServerless.OnBy(false) {
		s.serverless()
	}
	s.outputs(cfg)
	return s
}
