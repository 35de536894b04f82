package dlqredrive_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dlqredrive"
	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "RedriveStack"

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var built = map[string]*dlqredrive.Redrive{}

func synth(name string, props func(*durablequeue.DurableQueue) *dlqredrive.Props) *testkit.Synth {
	return testkit.Synthesize(name, nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		q := durablequeue.New(stack, "Orders", nil)
		built[name] = dlqredrive.New(stack, "Redrive", props(q))
	})
}

func defaults() *testkit.Synth {
	return synth("defaults", func(q *durablequeue.DurableQueue) *dlqredrive.Props {
		return &dlqredrive.Props{Queue: q}
	})
}

func options() *testkit.Synth {
	return synth("options", func(q *durablequeue.DurableQueue) *dlqredrive.Props {
		return &dlqredrive.Props{
			Queue:                q,
			Enabled:              jsii.Bool(true),
			Schedule:             awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(15))),
			MaxMessagesPerSecond: jsii.Number(50),
			MinMessages:          jsii.Number(10),
			CreateAlarms:         jsii.Bool(false),
		}
	})
}
