package storage_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dlqredrive"
	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestDlqredriveBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *dlqredrive.Props
		wants []string
	}{
		{"no queue", func(awscdk.Stack) *dlqredrive.Props { return nil }, []string{"Queue = <nil>", "is required"}},
		{"rate and minimum out of range", func(stack awscdk.Stack) *dlqredrive.Props {
			return &dlqredrive.Props{Queue: durablequeue.New(stack, "Q", nil), MaxMessagesPerSecond: jsii.Number(501), MinMessages: jsii.Number(0)}
		}, []string{"MaxMessagesPerSecond = 501", "1 to 500 messages per second", "MinMessages = 0"}},
		{"topic with alarms off", func(stack awscdk.Stack) *dlqredrive.Props {
			return &dlqredrive.Props{Queue: durablequeue.New(stack, "Q", nil), CreateAlarms: jsii.Bool(false),
				AlarmTopic: awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:111111111111:ops"))}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
				dlqredrive.New(stack, "Redrive", c.props(stack))
			}, append([]string{"dlqredrive Bad/Redrive: invalid props"}, c.wants...)...)
		})
	}
}
