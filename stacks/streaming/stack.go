// Package streaming is the deployable stack of the streaming ingestion
// patterns (catalogue ING-01, ING-09, ING-12, ING-13, ING-14, ING-15,
// MON-08): a Kinesis data stream whose records a KCL consumer on Fargate
// writes to a secure bucket within seconds (constructs/streamtos3), the
// managed Firehose alternative into the same bucket (firehosetos3), and as
// options a Lambda consumer (streamlambda) and a shard scaler for a
// provisioned stream (shardscaler), all alarms on one topic. It is
// configured by the "streaming" object of cdk.json and prints the names a
// producer and a reader need.
package streaming

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/shardscaler"
	"github.com/cdk-data-patterns/patterns/constructs/streamlambda"
	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Stack is the streaming stack and its patterns.
type Stack struct {
	awscdk.Stack
	Ingest *streamtos3.StreamToS3
	// Firehose is the managed alternative (nil unless cfg.Firehose).
	Firehose *firehosetos3.FirehoseToS3
	// Latest is the Lambda consumer (nil unless cfg.LambdaConsumer).
	Latest *streamlambda.StreamLambda
	// Scaler scales a provisioned stream (nil unless cfg.ShardScaler).
	Scaler *shardscaler.ShardScaler
}

// New creates the stack from cfg.
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: streaming ingestion (Kinesis Data Streams, KCL consumer on Fargate, S3 within seconds)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Ingest = streamtos3.New(stack, "Sensors", props(cfg))
	if cfg.AlarmEmail != "" {
		s.Ingest.AlarmTopic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	topic := s.Ingest.AlarmTopic
	if *cfg.Firehose {
		s.Firehose = firehosetos3.New(stack, "SensorsFirehose", &firehosetos3.Props{
			ExistingBucket: s.Ingest.Bucket,
			Prefix:         jsii.String("firehose/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"),
			ErrorPrefix:    jsii.String("firehose-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"),
			AlarmTopic:     topic,
		})
		output(stack, "DeliveryStreamName", s.Firehose.CfnDeliveryStream.Ref(), "Managed alternative: aws firehose put-record-batch into the same bucket under firehose/")
	}
	if cfg.LambdaConsumer {
		s.Latest = streamlambda.New(stack, "LatestReadings", &streamlambda.Props{
			Stream:     s.Ingest.Stream,
			AlarmTopic: topic,
		})
		output(stack, "LatestReadingsTable", s.Latest.Table.TableName(), "Latest reading per device, kept by the Lambda consumer")
	}
	if cfg.ShardScaler {
		s.Scaler = shardscaler.New(stack, "Scaler", &shardscaler.Props{
			Stream:     s.Ingest.Stream,
			MinShards:  number(cfg.ShardCount),
			MaxShards:  number(cfg.MaxShards),
			AlarmTopic: topic,
		})
	}
	output(stack, "StreamName", s.Ingest.Stream.StreamName(), "Producers write here (kinesisproducer -stream <name>)")
	output(stack, "BucketName", s.Ingest.Bucket.BucketName(), "Objects land under <prefix>/year=/month=/day=/hour=/")
	output(stack, "LeaseTableName", s.Ingest.LeaseTable.TableName(), "KCL leases and checkpoints, one item per shard")
	output(stack, "ConsumerLogGroup", s.Ingest.LogGroup.LogGroupName(), "Consumer JSON logs and embedded-format metrics")
	return s
}

func props(cfg Config) *streamtos3.Props {
	p := &streamtos3.Props{}
	if cfg.Capacity == "provisioned" {
		p.Capacity = streamtos3.Provisioned
	}
	p.ShardCount = number(cfg.ShardCount)
	if cfg.RetentionHours != nil {
		p.RetentionPeriod = awscdk.Duration_Hours(number(cfg.RetentionHours))
	}
	if cfg.BufferSeconds != nil {
		p.BufferInterval = awscdk.Duration_Seconds(number(cfg.BufferSeconds))
	}
	if cfg.BufferMiB != nil {
		p.BufferSize = awscdk.Size_Mebibytes(number(cfg.BufferMiB))
	}
	if cfg.Prefix != "" {
		p.Prefix = jsii.String(cfg.Prefix)
	}
	p.Gzip = jsii.Bool(cfg.Gzip)
	p.DesiredCount = number(cfg.DesiredCount)
	p.EnhancedFanOut = jsii.Bool(cfg.EnhancedFanOut)
	return p
}

func number(n *int) *float64 {
	if n == nil {
		return nil
	}
	return jsii.Number(float64(*n))
}

func output(stack awscdk.Stack, id string, value *string, description string) {
	awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: value, Description: jsii.String(description)})
}
