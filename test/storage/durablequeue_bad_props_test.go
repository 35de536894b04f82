package storage_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func durablequeueSeconds(n float64) awscdk.Duration { return awscdk.Duration_Seconds(jsii.Number(n)) }

// TestBadProps: each invalid input fails synthesis with the construct path,
// the property, the value and what is allowed.
func TestDurablequeueBadProps(t *testing.T) {
	topic := func(stack awscdk.Stack) awssns.ITopic {
		return awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:111111111111:ops"))
	}
	cases := []struct {
		name  string
		props func(awscdk.Stack) *durablequeue.Props
		wants []string
	}{
		{"retention above 14 days", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{RetentionPeriod: durablequeueDays(15)}
		}, []string{"RetentionPeriod = 15 days", "60 seconds to 14 days"}},
		{"retention below 60 s", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{RetentionPeriod: durablequeueSeconds(59)}
		}, []string{"RetentionPeriod = 59 seconds", "60 seconds to 14 days"}},
		{"retention through QueueProps", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{QueueProps: &awssqs.QueueProps{RetentionPeriod: durablequeueDays(20)}}
		}, []string{"QueueProps.RetentionPeriod = 20 days"}},
		{"retention set twice", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{RetentionPeriod: durablequeueDays(2), QueueProps: &awssqs.QueueProps{RetentionPeriod: durablequeueDays(3)}}
		}, []string{"RetentionPeriod and QueueProps.RetentionPeriod = both set"}},
		{"DLQ retention above 14 days", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{DeadLetterRetentionPeriod: durablequeueDays(30)}
		}, []string{"DeadLetterRetentionPeriod = 30 days", "60 seconds to 14 days"}},
		{"main queue 14 days with the default DLQ: the DLQ cannot keep messages longer", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{RetentionPeriod: durablequeueDays(14)}
		}, []string{"RetentionPeriod = 14 days: the dead-letter queue keeps messages 14 days, the default (SQS's maximum)", "original enqueue time", "keep the main queue's retention below 14 days"}},
		{"main queue 14 days through QueueProps", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{QueueProps: &awssqs.QueueProps{RetentionPeriod: durablequeueDays(14)}}
		}, []string{"QueueProps.RetentionPeriod = 14 days: the dead-letter queue keeps messages 14 days, the default"}},
		{"DLQ shorter than the default main queue", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{DeadLetterRetentionPeriod: durablequeueDays(3)}
		}, []string{"DeadLetterRetentionPeriod = 3 days: not longer than the main queue's retention (7 days, the default)", "make it longer than the main queue's, at most 14 days"}},
		{"DLQ equal to the main queue, both through the CDK props", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				QueueProps:           &awssqs.QueueProps{RetentionPeriod: durablequeueDays(10)},
				DeadLetterQueueProps: &awssqs.QueueProps{RetentionPeriod: durablequeueDays(10)},
			}
		}, []string{"DeadLetterQueueProps.RetentionPeriod = 10 days: not longer than the main queue's retention (10 days from QueueProps.RetentionPeriod)"}},
		{"DLQ through its props shorter than the typed main retention", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				RetentionPeriod:      durablequeueDays(5),
				DeadLetterQueueProps: &awssqs.QueueProps{RetentionPeriod: durablequeueDays(4)},
			}
		}, []string{"DeadLetterQueueProps.RetentionPeriod = 4 days: not longer than the main queue's retention (5 days from RetentionPeriod)"}},
		{"typed DLQ retention equal to the main queue's CDK props", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				QueueProps:                &awssqs.QueueProps{RetentionPeriod: durablequeueDays(2)},
				DeadLetterRetentionPeriod: durablequeueDays(2),
			}
		}, []string{"DeadLetterRetentionPeriod = 2 days: not longer than the main queue's retention (2 days from QueueProps.RetentionPeriod)"}},
		{"maxReceiveCount 0", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{MaxReceiveCount: jsii.Number(0)}
		}, []string{"MaxReceiveCount = 0", "1 to 1000 receives"}},
		{"maxReceiveCount 1001", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{MaxReceiveCount: jsii.Number(1001)}
		}, []string{"MaxReceiveCount = 1001", "1 to 1000 receives"}},
		{"FIFO queue with a standard existing DLQ", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				Fifo:                    jsii.Bool(true),
				ExistingDeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("Std"), jsii.String("arn:aws:sqs:eu-west-1:111111111111:standard-dlq")),
			}
		}, []string{"ExistingDeadLetterQueue = standard-dlq (a standard queue)", "the dead-letter queue of a FIFO queue must be a FIFO queue too"}},
		{"standard queue with a FIFO existing DLQ", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				ExistingDeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("Fifo"), jsii.String("arn:aws:sqs:eu-west-1:111111111111:dlq.fifo")),
			}
		}, []string{"ExistingDeadLetterQueue = dlq.fifo (a FIFO queue)", "must be a standard queue too"}},
		{"FIFO DLQ props on a standard queue", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{DeadLetterQueueProps: &awssqs.QueueProps{Fifo: jsii.Bool(true)}}
		}, []string{"DeadLetterQueueProps.Fifo = true", "follows the main queue"}},
		{"existing DLQ and DLQ props", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				ExistingDeadLetterQueue:   awssqs.Queue_FromQueueArn(stack, jsii.String("Dlq"), jsii.String("arn:aws:sqs:eu-west-1:111111111111:dlq")),
				DeadLetterRetentionPeriod: durablequeueDays(14),
				RestrictRedriveSources:    jsii.Bool(true),
			}
		}, []string{"ExistingDeadLetterQueue and DeadLetterQueueProps/DeadLetterRetentionPeriod = both given", "RestrictRedriveSources = true: applies to a new dead-letter queue only"}},
		{"alarm topic with alarms off", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{CreateAlarms: jsii.Bool(false), AlarmTopic: topic(stack)}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
		{"alarm settings with alarms off", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{CreateAlarms: jsii.Bool(false), MaxMessageAge: durablequeueMinutes(5)}
		}, []string{"DeadLetterThreshold/MaxMessageAge = set", "CreateAlarms is false"}},
		{"alarm thresholds", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{RetentionPeriod: durablequeueDays(1), MaxMessageAge: durablequeueDays(2), DeadLetterThreshold: jsii.Number(0.5)}
		}, []string{"MaxMessageAge = 2 days", "less than the retention period", "DeadLetterThreshold = 0.5"}},
		{"encryption overrides", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{
				Encryption:    durablequeue.SQSManaged,
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("K"), jsii.String("arn:aws:kms:eu-west-1:111111111111:key/1")),
				KeyProps:      &awskms.KeyProps{},
				QueueProps:    &awssqs.QueueProps{Encryption: awssqs.QueueEncryption_UNENCRYPTED},
			}
		}, []string{"EncryptionKey and KeyProps = both given", "EncryptionKey/KeyProps = given with SQSManaged", "QueueProps.Encryption/EncryptionMasterKey = UNENCRYPTED"}},
		{"unknown encryption", func(awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{Encryption: "ROT13"}
		}, []string{"Encryption = ROT13", "durablequeue.KMS or durablequeue.SQSManaged"}},
		{"TLS off and a second DLQ", func(stack awscdk.Stack) *durablequeue.Props {
			return &durablequeue.Props{QueueProps: &awssqs.QueueProps{
				EnforceSSL: jsii.Bool(false),
				DeadLetterQueue: &awssqs.DeadLetterQueue{
					Queue:           awssqs.Queue_FromQueueArn(stack, jsii.String("Q"), jsii.String("arn:aws:sqs:eu-west-1:111111111111:q")),
					MaxReceiveCount: jsii.Number(2),
				},
			}}
		}, []string{"QueueProps.EnforceSSL = false", "QueueProps.DeadLetterQueue = set"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
				durablequeue.New(stack, "Orders", c.props(stack))
			}, append([]string{"durablequeue Bad/Orders: invalid props"}, c.wants...)...)
		})
	}
}

// TestAllProblemsAtOnce: one synthesis reports every problem of the props.
func TestDurablequeueAllProblemsAtOnce(t *testing.T) {
	testkit.MustPanic(t, func() {
		app := testkit.NewApp(t.TempDir(), nil)
		stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
		durablequeue.New(stack, "Orders", &durablequeue.Props{
			RetentionPeriod: durablequeueDays(15),
			MaxReceiveCount: jsii.Number(0),
			CreateAlarms:    jsii.Bool(false),
			AlarmTopic:      awssns.Topic_FromTopicArn(stack, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:111111111111:ops")),
		})
	}, "RetentionPeriod = 15 days", "MaxReceiveCount = 0", "AlarmTopic = Bad/Ops")
}
