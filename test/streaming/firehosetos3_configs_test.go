package streaming_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	firehosetos3StackName = "FirehoseStack"
	firehosetos3StreamArn = "arn:aws:kinesis:eu-west-1:111111111111:stream/sensor-events"
	firehosetos3StreamKey = "arn:aws:kms:eu-west-1:111111111111:key/22222222-2222-3333-4444-555555555555"
	firehosetos3BucketKey = "arn:aws:kms:eu-west-1:111111111111:key/33333333-2222-3333-4444-555555555555"
	firehosetos3TopicArn  = "arn:aws:sns:eu-west-1:111111111111:data-oncall"
)

var firehosetos3Env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var firehosetos3Built = map[string]map[string]*firehosetos3.FirehoseToS3{}

type firehosetos3Instance struct {
	id    string
	props func(awscdk.Stack) *firehosetos3.Props
}

func firehosetos3Synth(name string, ctx map[string]any, instances ...firehosetos3Instance) func() *testkit.Synth {
	return testkit.Register("firehosetos3 "+name, ctx, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(firehosetos3StackName), &awscdk.StackProps{Env: firehosetos3Env})
		firehosetos3Built[name] = map[string]*firehosetos3.FirehoseToS3{}
		for _, in := range instances {
			firehosetos3Built[name][in.id] = firehosetos3.New(stack, in.id, in.props(stack))
		}
		if f := firehosetos3Built[name]["Quiet"]; f != nil {
			producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
			f.GrantPutRecords(producer)
		}
	})
}

func firehosetos3NilProps(awscdk.Stack) *firehosetos3.Props { return nil }

// defaults: two Direct PUT instances with nil props in one stack.
var firehosetos3Defaults = firehosetos3Synth("defaults", nil, firehosetos3Instance{"Sensors", firehosetos3NilProps}, firehosetos3Instance{"Clicks", firehosetos3NilProps})

// options: a Kinesis-sourced stream into an existing bucket with zero
// buffering, gzip, custom prefixes, no newline, a shared topic ("FromStream");
// a Direct PUT stream without alarms ("Quiet").
var firehosetos3Options = firehosetos3Synth("options", nil,
	firehosetos3Instance{"FromStream", func(stack awscdk.Stack) *firehosetos3.Props {
		return &firehosetos3.Props{
			SourceStream: awskinesis.Stream_FromStreamAttributes(stack, jsii.String("Events"), &awskinesis.StreamAttributes{
				StreamArn:     jsii.String(firehosetos3StreamArn),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("EventsKey"), jsii.String(firehosetos3StreamKey)),
			}),
			ExistingBucket: awss3.Bucket_FromBucketAttributes(stack, jsii.String("Lake"), &awss3.BucketAttributes{
				BucketName:    jsii.String("company-lake"),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("LakeKey"), jsii.String(firehosetos3BucketKey)),
			}),
			BufferInterval:   awscdk.Duration_Seconds(jsii.Number(0)),
			BufferSize:       awscdk.Size_Mebibytes(jsii.Number(128)),
			Gzip:             jsii.Bool(true),
			AppendNewline:    jsii.Bool(false),
			Prefix:           jsii.String("iot/!{timestamp:yyyy-MM-dd}/"),
			ErrorPrefix:      jsii.String("iot-errors/!{firehose:error-output-type}/"),
			AlarmTopic:       awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String(firehosetos3TopicArn)),
			MaxDataFreshness: awscdk.Duration_Minutes(jsii.Number(15)),
		}
	}},
	firehosetos3Instance{"Quiet", func(awscdk.Stack) *firehosetos3.Props {
		return &firehosetos3.Props{CreateAlarms: jsii.Bool(false), BufferInterval: awscdk.Duration_Seconds(jsii.Number(60))}
	}},
	firehosetos3Instance{"Processed", func(stack awscdk.Stack) *firehosetos3.Props {
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

var firehosetos3Sandboxed = firehosetos3Synth("sandbox", map[string]any{"sandbox": true}, firehosetos3Instance{"Sensors", firehosetos3NilProps})
