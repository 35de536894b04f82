package storage_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestBadProps: each invalid input fails synthesis with the construct path,
// the property, the value and what is allowed.
func TestRulefunctionBadProps(t *testing.T) {
	existing := func(stack awscdk.Stack) awslambda.IFunction {
		return awslambda.Function_FromFunctionArn(stack, jsii.String("Fn"), jsii.String("arn:aws:lambda:eu-west-1:111111111111:function:f"))
	}
	pattern := &awsevents.EventPattern{Source: jsii.Strings("aws.s3")}
	cases := []struct {
		name  string
		props func(awscdk.Stack) *rulefunction.Props
		wants []string
	}{
		{"no trigger, no function", func(awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{}
		}, []string{"Schedule/EventPattern = neither given", "Code/ExistingFunction = neither given"}},
		{"nil props", func(awscdk.Stack) *rulefunction.Props { return nil }, []string{"Schedule/EventPattern = neither given"}},
		{"two triggers, two functions", func(stack awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), EventPattern: pattern, Code: rulefunctionFixture(), ExistingFunction: existing(stack)}
		}, []string{"Schedule and EventPattern = both given", "Code and ExistingFunction = both given"}},
		{"schedule on a custom bus", func(stack awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), EventBus: awsevents.NewEventBus(stack, jsii.String("Bus"), nil)}
		}, []string{"EventBus = Bad/Bus", "default event bus only"}},
		{"existing function with function settings", func(stack awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{EventPattern: pattern, ExistingFunction: existing(stack), LogRetention: awslogs.RetentionDays_ONE_YEAR}
		}, []string{"ExistingFunction and FunctionProps/LogRetention = both given"}},
		{"infinite logs", func(awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention = INFINITE", "finite retention"}},
		{"target retries and age out of range", func(awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), TargetRetryAttempts: jsii.Number(186), TargetMaxEventAge: awscdk.Duration_Hours(jsii.Number(25))}
		}, []string{"TargetRetryAttempts = 186", "0 to 185", "TargetMaxEventAge = 1 day 1 hour", "60 seconds to 24 hours"}},
		{"target age below a minute", func(awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), TargetMaxEventAge: awscdk.Duration_Seconds(jsii.Number(30))}
		}, []string{"TargetMaxEventAge = 30 seconds"}},
		{"function props owned by the construct", func(awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), FunctionProps: &awslambda.FunctionProps{
				Code: rulefunctionFixture(), DeadLetterQueueEnabled: jsii.Bool(true), RetryAttempts: jsii.Number(3),
				MaxEventAge: awscdk.Duration_Hours(jsii.Number(7)), LogRetention: awslogs.RetentionDays_ONE_DAY,
			}}
		}, []string{"FunctionProps.Code/Role/LogGroup = set", "FunctionProps.OnFailure/DeadLetterQueue = set", "FunctionProps.RetryAttempts = 3", "0 to 2 times", "FunctionProps.MaxEventAge = 7 hours", "FunctionProps.LogRetention"}},
		{"alarm topic with alarms off", func(stack awscdk.Stack) *rulefunction.Props {
			return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), CreateAlarms: jsii.Bool(false),
				AlarmTopic: awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:111111111111:ops"))}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
				rulefunction.New(stack, "Job", c.props(stack))
			}, append([]string{"rulefunction Bad/Job: invalid props"}, c.wants...)...)
		})
	}
}
