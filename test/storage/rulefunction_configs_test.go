package storage_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const rulefunctionStackName = "RuleStack"

var rulefunctionEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var rulefunctionBuilt = map[string]map[string]*rulefunction.RuleFunction{}

type rulefunctionInstance struct {
	id    string
	props func(awscdk.Stack) *rulefunction.Props
}

func rulefunctionSynth(name string, ctx map[string]any, instances ...rulefunctionInstance) func() *testkit.Synth {
	return testkit.Register("rulefunction "+name, ctx, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(rulefunctionStackName), &awscdk.StackProps{Env: rulefunctionEnv})
		rulefunctionBuilt[name] = map[string]*rulefunction.RuleFunction{}
		for _, in := range instances {
			rulefunctionBuilt[name][in.id] = rulefunction.New(stack, in.id, in.props(stack))
		}
	})
}

// fixture is the asset of the test functions (templates only, never deployed).
func rulefunctionFixture() awslambda.Code {
	return awslambda.Code_FromAsset(jsii.String("testdata/rulefunction-fixture"), nil)
}

// rulefunctionReaches is what the fixture code calls (Props.Reaches).
const rulefunctionReaches = "no network service (the fixture code answers at once)"

func rulefunctionHourly() awsevents.Schedule {
	return awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(1)))
}

// defaults: one hourly function with nothing but its code.
var rulefunctionDefaults = rulefunctionSynth("defaults", nil, rulefunctionInstance{"Hourly", func(awscdk.Stack) *rulefunction.Props {
	return &rulefunction.Props{Schedule: rulefunctionHourly(), Code: rulefunctionFixture(), Reaches: rulefunctionReaches}
}})

// options: a disabled event-pattern rule with custom retries, function
// settings and log retention; a second instance invoking an existing
// function, without alarms, in the same stack.
var rulefunctionOptions = rulefunctionSynth("options", nil,
	rulefunctionInstance{"OnUpload", func(awscdk.Stack) *rulefunction.Props {
		return &rulefunction.Props{
			EventPattern: &awsevents.EventPattern{
				Source:     jsii.Strings("aws.s3"),
				DetailType: jsii.Strings("Object Created"),
			},
			Enabled:             jsii.Bool(false),
			Description:         jsii.String("Processes new uploads"),
			Code:                rulefunctionFixture(),
			Reaches:             rulefunctionReaches,
			FunctionProps:       &awslambda.FunctionProps{Timeout: awscdk.Duration_Minutes(jsii.Number(5)), MemorySize: jsii.Number(512), RetryAttempts: jsii.Number(0)},
			LogRetention:        awslogs.RetentionDays_TWO_YEARS,
			TargetRetryAttempts: jsii.Number(3),
			TargetMaxEventAge:   awscdk.Duration_Hours(jsii.Number(2)),
		}
	}},
	rulefunctionInstance{"Existing", func(stack awscdk.Stack) *rulefunction.Props {
		return &rulefunction.Props{
			Schedule: awsevents.Schedule_Expression(jsii.String("cron(0 3 * * ? *)")),
			ExistingFunction: awslambda.Function_FromFunctionAttributes(stack, jsii.String("Nightly"), &awslambda.FunctionAttributes{
				FunctionArn:     jsii.String("arn:aws:lambda:eu-west-1:111111111111:function:nightly-report"),
				SameEnvironment: jsii.Bool(true),
			}),
			CreateAlarms: jsii.Bool(false),
		}
	}},
)
