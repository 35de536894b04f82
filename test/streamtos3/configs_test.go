package streamtos3_test

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
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "StreamStack"

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var built = map[string]map[string]*streamtos3.StreamToS3{}

type instance struct {
	id    string
	props func(awscdk.Stack) *streamtos3.Props
}

func synth(name string, ctx map[string]any, extra func(awscdk.Stack), instances ...instance) *testkit.Synth {
	return testkit.Synthesize(name, ctx, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		built[name] = map[string]*streamtos3.StreamToS3{}
		for _, in := range instances {
			built[name][in.id] = streamtos3.New(stack, in.id, in.props(stack))
		}
		if extra != nil {
			extra(stack)
		}
	})
}

func nilProps(awscdk.Stack) *streamtos3.Props { return nil }

// defaults: two instances with nil props in one stack.
func defaults() *testkit.Synth {
	return synth("defaults", nil, nil, instance{"Sensors", nilProps}, instance{"Clicks", nilProps})
}

const (
	keyArn      = "arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555"
	streamKey   = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-3333-4444-555555555555"
	bucketKey   = "arn:aws:kms:eu-west-1:111111111111:key/33333333-2222-3333-4444-555555555555"
	streamArn   = "arn:aws:kinesis:eu-west-1:111111111111:stream/sensor-events"
	topicArn    = "arn:aws:sns:eu-west-1:111111111111:data-oncall"
	replayStart = "2026-11-24T00:00:00Z"
)

// options: a provisioned stream with a customer managed key, every buffering
// and consumer option, enhanced fan-out and a shared alarm topic ("Tuned");
// everything existing: stream, bucket, VPC, cluster, image, key, and no
// alarms ("Existing").
func options() *testkit.Synth {
	return synth("options", nil, nil,
		instance{"Tuned", func(stack awscdk.Stack) *streamtos3.Props {
			return &streamtos3.Props{
				Capacity:            streamtos3.Provisioned,
				ShardCount:          jsii.Number(4),
				RetentionPeriod:     awscdk.Duration_Days(jsii.Number(7)),
				StreamEncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("StreamKey"), jsii.String(streamKey)),
				StreamProps:         &awskinesis.StreamProps{ShardLevelMetrics: &[]awskinesis.ShardLevelMetrics{awskinesis.ShardLevelMetrics_ITERATOR_AGE_MILLISECONDS}},
				BufferInterval:      awscdk.Duration_Seconds(jsii.Number(30)),
				BufferSize:          awscdk.Size_Mebibytes(jsii.Number(1)),
				Gzip:                jsii.Bool(true),
				Prefix:              jsii.String("iot/raw"),
				StartPosition:       streamtos3.AtTimestamp,
				StartTimestamp:      jsii.String(replayStart),
				DesiredCount:        jsii.Number(3),
				Cpu:                 jsii.Number(512),
				MemoryMiB:           jsii.Number(2048),
				EnhancedFanOut:      jsii.Bool(true),
				LogRetention:        awslogs.RetentionDays_TWO_YEARS,
				MaxIteratorAge:      awscdk.Duration_Minutes(jsii.Number(10)),
				AlarmTopic:          awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String(topicArn)),
				BucketProps:         &securebucket.Props{Encryption: securebucket.SSEKMS},
				LeaseTableProps:     &awsdynamodb.TableProps{DeletionProtection: jsii.Bool(true)},
			}
		}},
		instance{"Existing", func(stack awscdk.Stack) *streamtos3.Props {
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
					StreamArn:     jsii.String(streamArn),
					EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("EventsKey"), jsii.String(streamKey)),
				}),
				ExistingBucket: awss3.Bucket_FromBucketAttributes(stack, jsii.String("Lake"), &awss3.BucketAttributes{
					BucketName:    jsii.String("company-lake"),
					EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("LakeKey"), jsii.String(bucketKey)),
				}),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("TeamKey"), jsii.String(keyArn)),
				Cluster:       cluster,
				Image:         awsecs.ContainerImage_FromEcrRepository(repo, jsii.String("v1.2.3")),
				CreateAlarms:  jsii.Bool(false),
				DesiredCount:  jsii.Number(1),
			}
		}},
	)
}

func sandboxed() *testkit.Synth {
	return synth("sandbox", map[string]any{"sandbox": true}, nil, instance{"Sensors", nilProps})
}
