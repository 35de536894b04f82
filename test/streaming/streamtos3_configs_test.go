package streaming_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecr"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const streamtos3StackName = "StreamStack"

var streamtos3Env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var streamtos3Built = map[string]map[string]*streamtos3.StreamToS3{}

type streamtos3Instance struct {
	id    string
	props func(awscdk.Stack) *streamtos3.Props
}

func streamtos3Synth(name string, ctx map[string]any, extra func(awscdk.Stack), instances ...streamtos3Instance) func() *testkit.Synth {
	return testkit.Register("streamtos3 "+name, ctx, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(streamtos3StackName), &awscdk.StackProps{Env: streamtos3Env})
		streamtos3Built[name] = map[string]*streamtos3.StreamToS3{}
		for _, in := range instances {
			streamtos3Built[name][in.id] = streamtos3.New(stack, in.id, in.props(stack))
		}
		if extra != nil {
			extra(stack)
		}
	})
}

func streamtos3NilProps(awscdk.Stack) *streamtos3.Props { return nil }

// defaults: two instances with nil props in one stack.
var streamtos3Defaults = streamtos3Synth("defaults", nil, nil, streamtos3Instance{"Sensors", streamtos3NilProps}, streamtos3Instance{"Clicks", streamtos3NilProps})

const (
	streamtos3KeyArn      = "arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555"
	streamtos3StreamKey   = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-3333-4444-555555555555"
	streamtos3BucketKey   = "arn:aws:kms:eu-west-1:111111111111:key/33333333-2222-3333-4444-555555555555"
	streamtos3StreamArn   = "arn:aws:kinesis:eu-west-1:111111111111:stream/sensor-events"
	streamtos3TopicArn    = "arn:aws:sns:eu-west-1:111111111111:data-oncall"
	streamtos3ReplayStart = "2026-11-24T00:00:00Z"
	streamtos3SchemaArn   = "arn:aws:glue:eu-west-1:111111111111:schema/streaming/sensor-reading"
)

// options: a provisioned stream with a customer managed key, every buffering
// and consumer option, enhanced fan-out and a shared alarm topic ("Tuned");
// everything existing: stream, bucket, VPC, cluster, image, key, and no
// alarms ("Existing").
var streamtos3Options = streamtos3Synth("options", nil, nil,
	streamtos3Instance{"Tuned", func(stack awscdk.Stack) *streamtos3.Props {
		return &streamtos3.Props{
			Capacity:            streamtos3.Provisioned,
			ShardCount:          jsii.Number(4),
			RetentionPeriod:     awscdk.Duration_Days(jsii.Number(7)),
			StreamEncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("StreamKey"), jsii.String(streamtos3StreamKey)),
			StreamProps:         &awskinesis.StreamProps{ShardLevelMetrics: &[]awskinesis.ShardLevelMetrics{awskinesis.ShardLevelMetrics_ITERATOR_AGE_MILLISECONDS}},
			BufferInterval:      awscdk.Duration_Seconds(jsii.Number(30)),
			BufferSize:          awscdk.Size_Mebibytes(jsii.Number(1)),
			Gzip:                jsii.Bool(true),
			Prefix:              jsii.String("iot/raw"),
			StartPosition:       streamtos3.AtTimestamp,
			StartTimestamp:      jsii.String(streamtos3ReplayStart),
			DesiredCount:        jsii.Number(3),
			Cpu:                 jsii.Number(512),
			MemoryMiB:           jsii.Number(2048),
			EnhancedFanOut:      jsii.Bool(true),
			LogRetention:        awslogs.RetentionDays_TWO_YEARS,
			MaxIteratorAge:      awscdk.Duration_Minutes(jsii.Number(10)),
			AlarmTopic:          awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String(streamtos3TopicArn)),
			BucketProps:         &securebucket.Props{Encryption: securebucket.SSEKMS},
			LeaseTableProps:     &awsdynamodb.TableProps{DeletionProtection: jsii.Bool(true)},
			SchemaArn:           jsii.String(streamtos3SchemaArn),
		}
	}},
	streamtos3Instance{"Existing", func(stack awscdk.Stack) *streamtos3.Props {
		vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("SharedVpc"), &awsec2.VpcAttributes{
			VpcId:                      jsii.String("vpc-0123456789abcdef0"),
			AvailabilityZones:          jsii.Strings("eu-west-1a", "eu-west-1b"),
			PrivateSubnetIds:           jsii.Strings("subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"),
			PrivateSubnetRouteTableIds: jsii.Strings("rtb-0aaaaaaaaaaaaaaa1", "rtb-0aaaaaaaaaaaaaaa2"),
		})
		cluster := awsecs.Cluster_FromClusterAttributes(stack, jsii.String("SharedCluster"), &awsecs.ClusterAttributes{
			ClusterName: jsii.String("data-consumers"),
			Vpc:         vpc,
		})
		repo := awsecr.Repository_FromRepositoryName(stack, jsii.String("Repo"), jsii.String("kinesistos3"))
		return &streamtos3.Props{
			ExistingStream: awskinesis.Stream_FromStreamAttributes(stack, jsii.String("Events"), &awskinesis.StreamAttributes{
				StreamArn:     jsii.String(streamtos3StreamArn),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("EventsKey"), jsii.String(streamtos3StreamKey)),
			}),
			ExistingBucket: awss3.Bucket_FromBucketAttributes(stack, jsii.String("Lake"), &awss3.BucketAttributes{
				BucketName:    jsii.String("company-lake"),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("LakeKey"), jsii.String(streamtos3BucketKey)),
			}),
			EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("TeamKey"), jsii.String(streamtos3KeyArn)),
			Cluster:       cluster,
			Image:         awsecs.ContainerImage_FromEcrRepository(repo, jsii.String("v1.2.3")),
			CreateAlarms:  jsii.Bool(false),
			DesiredCount:  jsii.Number(1),
			// The shared VPC has no Kinesis endpoint yet: opt in.
			KinesisEndpoint: jsii.Bool(true),
		}
	}},
)

// sandbox: nil props, and a new VPC without the Kinesis endpoint, with
// shard-level metrics and a tighter GetRecords latency alarm ("Lean").
var streamtos3Sandboxed = streamtos3Synth("sandbox", map[string]any{"sandbox": true}, nil,
	streamtos3Instance{"Sensors", streamtos3NilProps},
	streamtos3Instance{"Lean", func(awscdk.Stack) *streamtos3.Props {
		return &streamtos3.Props{
			KinesisEndpoint:      jsii.Bool(false),
			ShardLevelMetrics:    jsii.Bool(true),
			MaxGetRecordsLatency: awscdk.Duration_Millis(jsii.Number(250)),
		}
	}})
