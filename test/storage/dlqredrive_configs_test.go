package storage_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dlqredrive"
	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const dlqredriveStackName = "RedriveStack"

var dlqredriveEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var dlqredriveBuilt = map[string]*dlqredrive.Redrive{}

func dlqredriveSynth(name string, props func(*durablequeue.DurableQueue) *dlqredrive.Props) func() *testkit.Synth {
	return testkit.Register("dlqredrive "+name, nil, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(dlqredriveStackName), &awscdk.StackProps{Env: dlqredriveEnv})
		q := durablequeue.New(stack, "Orders", nil)
		dlqredriveBuilt[name] = dlqredrive.New(stack, "Redrive", props(q))
	})
}

var dlqredriveDefaults = dlqredriveSynth("defaults", func(q *durablequeue.DurableQueue) *dlqredrive.Props {
	return &dlqredrive.Props{Queue: q}
})

var dlqredriveOptions = dlqredriveSynth("options", func(q *durablequeue.DurableQueue) *dlqredrive.Props {
	return &dlqredrive.Props{
		Queue:                q,
		Enabled:              jsii.Bool(true),
		Schedule:             awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(15))),
		MaxMessagesPerSecond: jsii.Number(50),
		MinMessages:          jsii.Number(10),
		CreateAlarms:         jsii.Bool(false),
	}
})
