// Package securestorage is the deployable stack of the secure-storage and
// durable-messaging patterns: a DSSE-KMS data bucket with access logs and the
// notes' lifecycle (SEC-01, SEC-16, STO-01, STO-03), a 7-day queue with a
// 14-day dead-letter queue and alarms (ING-05), and an EventBridge rule invoking a Go
// Lambda that moves dead letters back (SEC-02), all alarms on one encrypted
// topic. It is configured by the "securestorage" object of cdk.json.
package securestorage

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dlqredrive"
	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Stack is the secure-storage stack and its parts.
type Stack struct {
	awscdk.Stack
	Data    *securebucket.SecureBucket
	Queue   *durablequeue.DurableQueue
	Redrive *dlqredrive.Redrive
}

// New creates the stack from cfg.
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: secure storage (DSSE-KMS bucket) and durable messaging (SQS + DLQ, EventBridge-invoked redrive Lambda)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Data = securebucket.New(stack, "Data", bucketProps(stack, cfg))
	s.Queue = durablequeue.New(stack, "Queue", nil)
	s.Redrive = dlqredrive.New(stack, "Redrive", &dlqredrive.Props{
		Queue:    s.Queue,
		Schedule: awsevents.Schedule_Expression(jsii.String(cfg.RedriveSchedule)),
		Enabled:  jsii.Bool(cfg.AutoRedrive),
	})
	if cfg.AlarmEmail != "" {
		// One topic for every alarm of the stack: the queue's.
		s.Queue.AlarmTopic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("DataBucket", s.Data.Bucket.BucketName(), "aws s3 cp <file> s3://<this>/ (TLS only; no SSE header: the bucket encrypts with DSSE-KMS)")
	out("QueueUrl", s.Queue.Queue.QueueUrl(), "aws sqs send-message --queue-url <this> --message-body ...; receive without deleting 5 times and it moves to the dead-letter queue")
	out("DeadLetterQueueUrl", s.Queue.DeadLetterQueue.QueueUrl(), "Messages received too often; the redrive (autoRedrive) moves them back to the queue")
	return s
}

func bucketProps(stack awscdk.Stack, cfg Config) *securebucket.Props {
	p := &securebucket.Props{}
	if cfg.Lifecycle == "notes" {
		p.Lifecycle = securebucket.NotesLifecycle()
	}
	if cfg.ObjectLockDays > 0 {
		p.ObjectLock = &securebucket.ObjectLock{
			Mode:      securebucket.Governance,
			Retention: awscdk.Duration_Days(jsii.Number(float64(cfg.ObjectLockDays))),
		}
	}
	if cfg.ReplicaBucketArn != "" {
		p.Replication = &securebucket.Replication{
			Destination: awss3.Bucket_FromBucketAttributes(stack, jsii.String("ReplicaBucket"), &awss3.BucketAttributes{
				BucketArn: jsii.String(cfg.ReplicaBucketArn),
				Region:    jsii.String(cfg.ReplicaRegion),
			}),
			DestinationKey: awskms.Key_FromKeyArn(stack, jsii.String("ReplicaKey"), jsii.String(cfg.ReplicaKeyArn)),
		}
	}
	return p
}
