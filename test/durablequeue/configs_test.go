package durablequeue_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "QueueStack"

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var built = map[string]map[string]*durablequeue.DurableQueue{}

type instance struct {
	id    string
	props func(awscdk.Stack) *durablequeue.Props
}

func synth(name string, ctx map[string]any, extra func(awscdk.Stack), instances ...instance) *testkit.Synth {
	return testkit.Synthesize(name, ctx, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		built[name] = map[string]*durablequeue.DurableQueue{}
		for _, in := range instances {
			built[name][in.id] = durablequeue.New(stack, in.id, in.props(stack))
		}
		if extra != nil {
			extra(stack)
		}
	})
}

func days(n float64) awscdk.Duration    { return awscdk.Duration_Days(jsii.Number(n)) }
func minutes(n float64) awscdk.Duration { return awscdk.Duration_Minutes(jsii.Number(n)) }

func nilProps(awscdk.Stack) *durablequeue.Props { return nil }

// defaults: two instances with nil props in one stack.
func defaults() *testkit.Synth {
	return synth("defaults", nil, nil, instance{"Orders", nilProps}, instance{"Payments", nilProps})
}

// options: a FIFO queue with SSE-SQS and custom thresholds; a standard queue
// that sends its dead letters to an existing queue, with an existing key and
// the first instance's alarm topic; a queue without alarms whose DLQ may take
// dead letters from any queue; and a role granted the redrive.
func options() *testkit.Synth {
	return synth("options", nil, func(stack awscdk.Stack) {
		role := awsiam.NewRole(stack, jsii.String("Operator"), &awsiam.RoleProps{
			AssumedBy: awsiam.NewAccountRootPrincipal(),
		})
		built["options"]["Fifo"].GrantRedrive(role)
		built["options"]["Loose"].GrantRedrive(role)
	},
		instance{"Fifo", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				Fifo:                      jsii.Bool(true),
				Encryption:                durablequeue.SQSManaged,
				RetentionPeriod:           days(7),
				DeadLetterRetentionPeriod: days(10),
				MaxReceiveCount:           jsii.Number(5),
				DeadLetterThreshold:       jsii.Number(10),
				MaxMessageAge:             minutes(10),
				QueueProps: &awssqs.QueueProps{
					ContentBasedDeduplication: jsii.Bool(true),
					VisibilityTimeout:         minutes(2),
				},
			}
		}},
		instance{"Shared", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("SharedKey"),
					jsii.String("arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555")),
				ExistingDeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("SharedDlq"),
					jsii.String("arn:aws:sqs:eu-west-1:111111111111:shared-dead-letters")),
				AlarmTopic: built["options"]["Fifo"].AlarmTopic,
			}
		}},
		instance{"Loose", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				RestrictRedriveSources: jsii.Bool(false),
				CreateAlarms:           jsii.Bool(false),
				DeadLetterQueueProps:   &awssqs.QueueProps{RetentionPeriod: days(2)},
				KeyProps:               &awskms.KeyProps{Alias: jsii.String("alias/loose-queue")},
			}
		}},
	)
}

func sandboxed() *testkit.Synth {
	return synth("sandbox", map[string]any{"sandbox": true}, nil, instance{"Orders", nilProps})
}
