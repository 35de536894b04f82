package streaming_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestBadProps: each invalid input fails synthesis with the construct path,
// the property, the value and what is allowed.
func TestFirehosetos3BadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *firehosetos3.Props
		wants []string
	}{
		{"buffer interval above 900 s", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{BufferInterval: awscdk.Duration_Seconds(jsii.Number(901))}
		}, []string{"BufferInterval = 15 minutes 1 second", "0 to 900 seconds"}},
		{"buffer interval fractional", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{BufferInterval: awscdk.Duration_Millis(jsii.Number(1500))}
		}, []string{"BufferInterval = 1 second 500 millis", "in whole seconds"}},
		{"buffer size above 128 MiB", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{BufferSize: awscdk.Size_Mebibytes(jsii.Number(129))}
		}, []string{"BufferSize = 129 MiB", "1 to 128 MiB"}},
		{"buffer size below 1 MiB", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{BufferSize: awscdk.Size_Kibibytes(jsii.Number(512))}
		}, []string{"BufferSize = 512 KiB", "1 to 128 MiB"}},
		{"existing bucket plus bucket props", func(stack awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{
				ExistingBucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("company-lake")),
				BucketProps:    &securebucket.Props{Encryption: securebucket.SSEKMS},
			}
		}, []string{"ExistingBucket and BucketProps = both given"}},
		{"dynamic prefix without error prefix", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{Prefix: jsii.String("iot/!{timestamp:yyyy}/")}
		}, []string{"ErrorPrefix = unset", "needs an ErrorPrefix"}},
		{"error prefix without the error type", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{ErrorPrefix: jsii.String("errors/!{timestamp:yyyy}/")}
		}, []string{"ErrorPrefix = errors/!{timestamp:yyyy}/", "!{firehose:error-output-type}"}},
		{"prefix starting with a slash", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{Prefix: jsii.String("/data/"), ErrorPrefix: jsii.String("errors/")}
		}, []string{"Prefix = /data/", "not starting with /"}},
		{"unclosed expression", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{Prefix: jsii.String("data/!{timestamp:yyyy/"), ErrorPrefix: jsii.String("errors/")}
		}, []string{"Prefix = data/!{timestamp:yyyy/", "closed"}},
		{"infinite log retention", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention = INFINITE"}},
		{"alarm topic with alarms off", func(stack awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String(firehosetos3TopicArn))}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
		{"processor settings without a processor", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{ProcessorRetries: jsii.Number(2)}
		}, []string{"ProcessorBufferSize/ProcessorRetries = set without a Processor"}},
		{"processor batch of 4 MiB", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{ProcessorBufferSize: awscdk.Size_Mebibytes(jsii.Number(4))}
		}, []string{"ProcessorBufferSize = 4 MiB", "0.2 to 3 MiB"}},
		{"freshness below a minute", func(awscdk.Stack) *firehosetos3.Props {
			return &firehosetos3.Props{MaxDataFreshness: awscdk.Duration_Seconds(jsii.Number(30))}
		}, []string{"MaxDataFreshness = 30 seconds", "1 minute to 24 hours"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: firehosetos3Env})
				firehosetos3.New(stack, "Sensors", c.props(stack))
			}, append([]string{"firehosetos3 Bad/Sensors: invalid props"}, c.wants...)...)
		})
	}
}
