// Package streaming is the deployable stack of the streaming ingestion
// patterns (catalogue ING-01, ING-09, ING-12, ING-13, ING-14, ING-15,
// MON-08, CAT-10): a Kinesis data stream whose records a KCL consumer on
// Fargate writes to a secure bucket within seconds (constructs/streamtos3),
// reading through a Kinesis interface VPC endpoint and an enhanced fan-out
// consumer; the managed Firehose alternative into the same bucket
// (firehosetos3); a Lambda consumer keeping each device's latest reading
// (streamlambda); a shard scaler (shardscaler); and a Glue Schema Registry
// holding the producer's AVRO schema, which the consumer decodes with
// (gluecatalog.NewSchemaRegistry), with a producer role allowed exactly to
// put records and look the schema up. All alarms go to one topic. It is
// configured by the "streaming" object of cdk.json and prints the names a
// producer and a reader need.
//
// cdk.json as committed turns every option on so that `cdk synth` shows
// them. The stream is then PROVISIONED with 2 shards: the shard scaler
// calls UpdateShardCount, which only a provisioned stream has (an on-demand
// stream scales itself and the scaler would have nothing to do); 2 shards
// cost about as much as an idle on-demand stream and the scaler doubles
// them under write throttling. Set capacity "onDemand" and shardScaler
// false for a stream that manages its own capacity.
package streaming

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
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
	// Schemas is the Glue Schema Registry with the producer's schema, and
	// ProducerRole may put records and look that schema up (nil unless
	// cfg.SchemaRegistry).
	Schemas      *gluecatalog.SchemaRegistry
	ProducerRole awsiam.IRole
}

// New creates the stack from cfg.
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: streaming ingestion (Kinesis Data Streams, KCL consumer on Fargate, S3 within seconds)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	p := props(cfg)
	if *cfg.SchemaRegistry {
		s.Schemas = gluecatalog.NewSchemaRegistry(stack, "Schemas", &gluecatalog.SchemaRegistryProps{
			Description: jsii.String("Schemas of the records producers write to the Streaming stack's stream"),
			Schemas: []gluecatalog.SchemaDefinition{{
				Name:       producer.SchemaName,
				DataFormat: "AVRO",
				// New versions must let consumers on them read older records.
				Compatibility: "BACKWARD",
				Definition:    producer.SensorSchema,
			}},
		})
		p.SchemaArn = s.Schemas.Schemas[producer.SchemaName].AttrArn()
	}
	s.Ingest = streamtos3.New(stack, "Sensors", p)
	if s.Schemas != nil {
		s.ProducerRole = newProducerRole(stack, s)
	}
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
	if s.Schemas != nil {
		output(stack, "SchemaRegistryName", s.Schemas.Registry.Name(), "Avro producers: kinesisproducer -registry <name> (schema "+producer.SchemaName+")")
		output(stack, "ProducerRoleArn", s.ProducerRole.RoleArn(), "Assume to produce: kinesis:PutRecord(s) on the stream, glue:GetSchemaByDefinition on the schema")
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
	p.ShardLevelMetrics = jsii.Bool(cfg.ShardLevelMetrics)
	return p
}

// newProducerRole is what kinesisproducer runs as: principals of this
// account may assume it (an IAM user or role with sts:AssumeRole on it). It
// may put records into the stream (the stream's write grant) and find the
// version id of the registered schema text (glue:GetSchemaByDefinition on
// the registry and that schema, AWS's serializer policy); nothing else.
func newProducerRole(stack awscdk.Stack, s *Stack) awsiam.IRole {
	role := awsiam.NewRole(stack, jsii.String("ProducerRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewAccountRootPrincipal(),
		Description: jsii.String("kinesisproducer: PutRecords into the Streaming stack's stream with the registered Avro schema"),
	})
	s.Ingest.Stream.GrantWrite(role)
	schema := s.Schemas.Schemas[producer.SchemaName]
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:GetSchemaByDefinition"),
		Resources: &[]*string{s.Schemas.Registry.AttrArn(), schema.AttrArn()},
	}))
	return role
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
