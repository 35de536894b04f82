package streaming_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func streamtos3Secs(n float64) awscdk.Duration  { return awscdk.Duration_Seconds(jsii.Number(n)) }
func streamtos3Hours(n float64) awscdk.Duration { return awscdk.Duration_Hours(jsii.Number(n)) }

func streamtos3PublicOnlyVpc(stack awscdk.Stack) awsec2.IVpc {
	return awsec2.Vpc_FromVpcAttributes(stack, jsii.String("PublicVpc"), &awsec2.VpcAttributes{
		VpcId:                     jsii.String("vpc-0123456789abcdef0"),
		AvailabilityZones:         jsii.Strings("eu-west-1a"),
		PublicSubnetIds:           jsii.Strings("subnet-0bbbbbbbbbbbbbbb1"),
		PublicSubnetRouteTableIds: jsii.Strings("rtb-0bbbbbbbbbbbbbbb1"),
	})
}

// TestBadProps: each invalid input fails synthesis with the construct path,
// the property, the value and what is allowed.
func TestStreamtos3BadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *streamtos3.Props
		wants []string
	}{
		{"buffer interval 0", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{BufferInterval: streamtos3Secs(0)}
		}, []string{"BufferInterval = 0 seconds", "1 second to 15 minutes"}},
		{"buffer interval negative", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{BufferInterval: awscdk.Duration_Millis(jsii.Number(500))}
		}, []string{"BufferInterval = 500 millis", "1 second to 15 minutes"}},
		{"buffer interval above 15 min", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{BufferInterval: streamtos3Secs(901)}
		}, []string{"BufferInterval = 15 minutes 1 second", "1 second to 15 minutes"}},
		{"buffer size above 64 MiB", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{BufferSize: awscdk.Size_Mebibytes(jsii.Number(65))}
		}, []string{"BufferSize = 65 MiB", "1 KiB to 64 MiB"}},
		{"buffer size below 1 KiB", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{BufferSize: awscdk.Size_Bytes(jsii.Number(512))}
		}, []string{"BufferSize = 512 bytes", "1 KiB to 64 MiB"}},
		{"retention below 24 h", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{RetentionPeriod: streamtos3Hours(23)}
		}, []string{"RetentionPeriod = 23 hours", "24 to 8,760 hours"}},
		{"retention above 8,760 h", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{RetentionPeriod: streamtos3Hours(8761)}
		}, []string{"RetentionPeriod = 365 days 1 hour", "24 to 8,760 hours"}},
		{"shard count 0 when provisioned", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Capacity: streamtos3.Provisioned, ShardCount: jsii.Number(0)}
		}, []string{"ShardCount = 0", "at least 1"}},
		{"shard count with on-demand", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{ShardCount: jsii.Number(2)}
		}, []string{"ShardCount = 2", "an on-demand stream manages its shards"}},
		{"unknown capacity", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Capacity: "AUTO"}
		}, []string{"Capacity = AUTO", "streamtos3.OnDemand or streamtos3.Provisioned"}},
		{"stream mode through StreamProps", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{StreamProps: &awskinesis.StreamProps{StreamMode: awskinesis.StreamMode_PROVISIONED}}
		}, []string{"StreamProps.StreamMode/ShardCount/RetentionPeriod/Encryption/EncryptionKey = set"}},
		{"existing stream plus stream settings", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				ExistingStream:  awskinesis.Stream_FromStreamArn(stack, jsii.String("S"), jsii.String(streamtos3StreamArn)),
				RetentionPeriod: streamtos3Hours(48),
			}
		}, []string{"ExistingStream and Capacity/ShardCount/RetentionPeriod/StreamEncryptionKey/StreamProps = both given"}},
		{"existing bucket plus bucket props", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				ExistingBucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("company-lake")),
				BucketProps:    &securebucket.Props{Encryption: securebucket.SSEKMS},
			}
		}, []string{"ExistingBucket and BucketProps = both given"}},
		{"VPC without private subnets", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Vpc: streamtos3PublicOnlyVpc(stack)}
		}, []string{"Vpc = Bad/PublicVpc", "a VPC with private subnets"}},
		{"public subnets selected", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Vpc: streamtos3PublicOnlyVpc(stack), Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}
		}, []string{"Subnets.SubnetType = PUBLIC"}},
		{"subnets without a VPC", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}
		}, []string{"Subnets = set", "give Vpc (or Cluster)"}},
		{"prefix with slashes at its ends", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Prefix: jsii.String("/iot-data/")}
		}, []string{"Prefix = /iot-data/", "none at either end"}},
		{"timestamp without AtTimestamp", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{StartTimestamp: jsii.String(streamtos3ReplayStart)}
		}, []string{"StartTimestamp = " + streamtos3ReplayStart, "only with StartPosition streamtos3.AtTimestamp"}},
		{"AtTimestamp without a timestamp", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{StartPosition: streamtos3.AtTimestamp}
		}, []string{"StartTimestamp = unset", "RFC 3339"}},
		{"AtTimestamp with a bad timestamp", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{StartPosition: streamtos3.AtTimestamp, StartTimestamp: jsii.String("yesterday")}
		}, []string{"StartTimestamp = yesterday", "RFC 3339"}},
		{"desired count 0", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{DesiredCount: jsii.Number(0)}
		}, []string{"DesiredCount = 0", "1 to 100 tasks"}},
		{"CPU Fargate does not offer", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Cpu: jsii.Number(300)}
		}, []string{"Cpu = 300", "256, 512, 1024"}},
		{"memory that does not fit the CPU", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{Cpu: jsii.Number(256), MemoryMiB: jsii.Number(4096)}
		}, []string{"MemoryMiB = 4096", "for 256 CPU units"}},
		{"infinite log retention", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention = INFINITE", "a finite retention"}},
		{"lease table with another key", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{LeaseTableProps: &awsdynamodb.TableProps{
				PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
			}}
		}, []string{"LeaseTableProps.PartitionKey/SortKey = set", "always ShardID"}},
		{"alarm topic with alarms off", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				CreateAlarms: jsii.Bool(false),
				AlarmTopic:   awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String(streamtos3TopicArn)),
			}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
		{"shard-level metrics of an existing stream", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				ExistingStream:    awskinesis.Stream_FromStreamArn(stack, jsii.String("S"), jsii.String(streamtos3StreamArn)),
				ShardLevelMetrics: jsii.Bool(true),
			}
		}, []string{"ShardLevelMetrics = true", "aws kinesis enable-enhanced-monitoring"}},
		{"shard-level metrics twice", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				ShardLevelMetrics: jsii.Bool(true),
				StreamProps:       &awskinesis.StreamProps{ShardLevelMetrics: &[]awskinesis.ShardLevelMetrics{awskinesis.ShardLevelMetrics_INCOMING_BYTES}},
			}
		}, []string{"ShardLevelMetrics and StreamProps.ShardLevelMetrics = both given"}},
		{"GetRecords latency below 10 ms", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{MaxGetRecordsLatency: awscdk.Duration_Millis(jsii.Number(5))}
		}, []string{"MaxGetRecordsLatency = 5 millis", "10 milliseconds to 1 minute"}},
		{"GetRecords latency above 1 minute", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{MaxGetRecordsLatency: awscdk.Duration_Minutes(jsii.Number(2))}
		}, []string{"MaxGetRecordsLatency = 2 minutes", "10 milliseconds to 1 minute"}},
		{"GetRecords latency with alarms off", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{CreateAlarms: jsii.Bool(false), MaxGetRecordsLatency: streamtos3Secs(2)}
		}, []string{"MaxGetRecordsLatency = 2 seconds", "CreateAlarms is false"}},
		{"schema ARN of a registry", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{SchemaArn: jsii.String("arn:aws:glue:eu-west-1:111111111111:registry/streaming")}
		}, []string{"SchemaArn = arn:aws:glue:eu-west-1:111111111111:registry/streaming", "a Glue schema ARN"}},
		{"iterator age at least the retention", func(awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{MaxIteratorAge: streamtos3Hours(24)}
		}, []string{"MaxIteratorAge = 1 day", "less than the stream's retention"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: streamtos3Env})
				streamtos3.New(stack, "Sensors", c.props(stack))
			}, append([]string{"streamtos3 Bad/Sensors: invalid props"}, c.wants...)...)
		})
	}
}

// TestAllProblemsAtOnce: one synthesis reports every problem of the props.
func TestStreamtos3AllProblemsAtOnce(t *testing.T) {
	testkit.MustPanic(t, func() {
		app := testkit.NewApp(t.TempDir(), nil)
		stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
		streamtos3.New(stack, "Sensors", &streamtos3.Props{
			BufferInterval:  streamtos3Secs(0),
			RetentionPeriod: streamtos3Hours(10),
			ShardCount:      jsii.Number(3),
		})
	}, "BufferInterval = 0 seconds", "RetentionPeriod = 10 hours", "ShardCount = 3")
}
