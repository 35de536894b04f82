package firehosetos3_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	stackName = "FirehoseStack"
	streamArn = "arn:aws:kinesis:eu-west-1:111111111111:stream/sensor-events"
	streamKey = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-3333-4444-555555555555"
	bucketKey = "arn:aws:kms:eu-west-1:111111111111:key/33333333-2222-3333-4444-555555555555"
	topicArn  = "arn:aws:sns:eu-west-1:111111111111:data-oncall"
)

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var built = map[string]map[string]*firehosetos3.FirehoseToS3{}

type instance struct {
	id    string
	props func(awscdk.Stack) *firehosetos3.Props
}

func synth(name string, ctx map[string]any, instances ...instance) *testkit.Synth {
	return testkit.Synthesize(name, ctx, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		built[name] = map[string]*firehosetos3.FirehoseToS3{}
		for _, in := range instances {
			built[name][in.id] = firehosetos3.New(stack, in.id, in.props(stack))
		}
		if f := built[name]["Quiet"]; f != nil {
			producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
			f.GrantPutRecords(producer)
		}
	})
}

func nilProps(awscdk.Stack) *firehosetos3.Props { return nil }

// defaults: two Direct PUT instances with nil props in one stack.
func defaults() *testkit.Synth {
	return synth("defaults", nil, instance{"Sensors", nilProps}, instance{"Clicks", nilProps})
}

// options: a Kinesis-sourced stream into an existing bucket with zero
// buffering, gzip, custom prefixes, no newline, a shared topic ("FromStream");
// a Direct PUT stream without alarms ("Quiet").
func options() *testkit.Synth {
	return synth("options", nil,
		instance{"FromStream", func(stack awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{
				SourceStream: awskinesis.Stream_FromStreamAttributes(stack, jsii.String("Events"), &awskinesis.StreamAttributes{
					StreamArn:     jsii.String(streamArn),
					EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("EventsKey"), jsii.String(streamKey)),
				}),
				ExistingBucket: awss3.Bucket_FromBucketAttributes(stack, jsii.String("Lake"), &awss3.BucketAttributes{
					BucketName:    jsii.String("company-lake"),
					EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("LakeKey"), jsii.String(bucketKey)),
				}),
				BufferInterval:   awscdk.Duration_Seconds(jsii.Number(0)),
				BufferSize:       awscdk.Size_Mebibytes(jsii.Number(128)),
				Gzip:             jsii.Bool(true),
				AppendNewline:    jsii.Bool(false),
				Prefix:           jsii.String("iot/!{timestamp:yyyy-MM-dd}/"),
				ErrorPrefix:      jsii.String("iot-errors/!{firehose:error-output-type}/"),
				AlarmTopic:       awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String(topicArn)),
				MaxDataFreshness: awscdk.Duration_Minutes(jsii.Number(15)),
			}
		}},
		instance{"Quiet", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{CreateAlarms: jsii.Bool(false), BufferInterval: awscdk.Duration_Seconds(jsii.Number(60))}
		}},
		instance{"Processed", func(stack awscdk.Stack) *firehosetos3.Props {
			fn := awslambda.Function_FromFunctionAttributes(stack, jsii.String("Transform"), &awslambda.FunctionAttributes{
				FunctionArn:     jsii.String("arn:aws:lambda:eu-west-1:111111111111:function:transform"),
				SameEnvironment: jsii.Bool(true),
			})
			return &firehosetos3.Props{
				Processor:           fn,
				ProcessorBufferSize: awscdk.Size_Kibibytes(jsii.Number(512)),
				ProcessorRetries:    jsii.Number(5),
				BackupSourceRecords: jsii.Bool(true),
			}
		}},
	)
}

func sandboxed() *testkit.Synth {
	return synth("sandbox", map[string]any{"sandbox": true}, instance{"Sensors", nilProps})
}
