package storage_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const durablequeueStackName = "QueueStack"

var durablequeueEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of each configuration, to check what New exposes.
var durablequeueBuilt = map[string]map[string]*durablequeue.DurableQueue{}

type durablequeueInstance struct {
	id    string
	props func(awscdk.Stack) *durablequeue.Props
}

func durablequeueSynth(name string, ctx map[string]any, extra func(awscdk.Stack), instances ...durablequeueInstance) func() *testkit.Synth {
	return testkit.Register("durablequeue "+name, ctx, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(durablequeueStackName), &awscdk.StackProps{Env: durablequeueEnv})
		durablequeueBuilt[name] = map[string]*durablequeue.DurableQueue{}
		for _, in := range instances {
			durablequeueBuilt[name][in.id] = durablequeue.New(stack, in.id, in.props(stack))
		}
		if extra != nil {
			extra(stack)
		}
	})
}

func durablequeueDays(n float64) awscdk.Duration    { return awscdk.Duration_Days(jsii.Number(n)) }
func durablequeueMinutes(n float64) awscdk.Duration { return awscdk.Duration_Minutes(jsii.Number(n)) }

func durablequeueNilProps(awscdk.Stack) *durablequeue.Props { return nil }

// defaults: two instances with nil props in one stack.
var durablequeueDefaults = durablequeueSynth("defaults", nil, nil, durablequeueInstance{"Orders", durablequeueNilProps}, durablequeueInstance{"Payments", durablequeueNilProps})

// options: a FIFO queue with SSE-SQS, custom thresholds and a DLQ retention
// shorter than the main queue's (FIFO resets the enqueue time, so allowed); a
// standard queue of 14 days that sends its dead letters to an existing queue
// (whose retention is its owner's), with an existing key and the first
// instance's alarm topic; a queue without alarms whose DLQ may take dead
// letters from any queue, its retentions set through the CDK props; and a
// role granted the redrive.
var durablequeueOptions = durablequeueSynth("options", nil, func(stack awscdk.Stack) {
	role := awsiam.NewRole(stack, jsii.String("Operator"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewAccountRootPrincipal(),
	})
	durablequeueBuilt["options"]["Fifo"].GrantRedrive(role)
	durablequeueBuilt["options"]["Loose"].GrantRedrive(role)
},
	durablequeueInstance{"Fifo", func(awscdk.Stack) *durablequeue.Props {
		return &durablequeue.Props{
			Fifo:                      jsii.Bool(true),
			Encryption:                durablequeue.SQSManaged,
			RetentionPeriod:           durablequeueDays(14),
			DeadLetterRetentionPeriod: durablequeueDays(10),
			MaxReceiveCount:           jsii.Number(5),
			DeadLetterThreshold:       jsii.Number(10),
			MaxMessageAge:             durablequeueMinutes(10),
			QueueProps: &awssqs.QueueProps{
				ContentBasedDeduplication: jsii.Bool(true),
				VisibilityTimeout:         durablequeueMinutes(2),
			},
		}
	}},
	durablequeueInstance{"Shared", func(stack awscdk.Stack) *durablequeue.Props {
		return &durablequeue.Props{
			EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("SharedKey"),
				jsii.String("arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555")),
			ExistingDeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("SharedDlq"),
				jsii.String("arn:aws:sqs:eu-west-1:111111111111:shared-dead-letters")),
			AlarmTopic:      durablequeueBuilt["options"]["Fifo"].AlarmTopic,
			RetentionPeriod: durablequeueDays(14),
		}
	}},
	durablequeueInstance{"Loose", func(awscdk.Stack) *durablequeue.Props {
		return &durablequeue.Props{
			RestrictRedriveSources: jsii.Bool(false),
			CreateAlarms:           jsii.Bool(false),
			QueueProps:             &awssqs.QueueProps{RetentionPeriod: durablequeueDays(1)},
			DeadLetterQueueProps:   &awssqs.QueueProps{RetentionPeriod: durablequeueDays(2)},
			KeyProps:               &awskms.KeyProps{Alias: jsii.String("alias/loose-queue")},
		}
	}},
)

var durablequeueSandboxed = durablequeueSynth("sandbox", map[string]any{"sandbox": true}, nil, durablequeueInstance{"Orders", durablequeueNilProps})
