package streamalert

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awspipes"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// StreamAlert is a Kinesis stream whose records an EventBridge Pipe
// publishes to an SNS topic.
type StreamAlert struct {
	constructs.Construct
	// Stream is the stream read (new or ExistingStream).
	Stream awskinesis.IStream
	// Topic receives one message per record that passes the filter.
	Topic awssns.ITopic
	// TopicKey encrypts a new topic; nil with Props.Topic.
	TopicKey awskms.IKey
	// Pipe reads the stream and publishes.
	Pipe awspipes.CfnPipe
	// Role is the pipe's execution role.
	Role awsiam.IRole
	// DeadLetters receives batches that failed after the retries.
	DeadLetters *durablequeue.DurableQueue
	// LogGroup holds the pipe's error logs; Key encrypts it.
	LogGroup awslogs.ILogGroup
	Key      awskms.IKey
}

// New creates the stream (unless given), the topic (unless given), the
// pipe, its role, dead-letter queue and log group.
func New(scope constructs.Construct, id string, props *Props) *StreamAlert {
	p := Props{}
	if props != nil {
		p = *props
	}
	applyDefaults(&p)
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &StreamAlert{Construct: c}
	a.Stream = p.ExistingStream
	if a.Stream == nil {
		a.Stream = newStream(c, p.StreamProps)
	}
	a.Topic = p.Topic
	if a.Topic == nil {
		t := alarms.NewTopic(c, "Topic")
		a.Topic, a.TopicKey = t.Topic, t.Key
	}
	a.Key = keys.NewForLogs(c, "Key", "Encrypts the pipe's logs of "+*c.Node().Path())
	a.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: a.Key,
		Retention:     p.LogRetention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	a.DeadLetters = durablequeue.New(c, "DeadLetters", p.DeadLetterQueueProps)
	a.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		Description: jsii.String("EventBridge Pipe of " + *c.Node().Path() + ": reads the stream, publishes to the topic"),
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("pipes.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(c).Account()}},
		}),
	})
	a.Pipe = newPipe(c, a, &p)
	return a
}

func applyDefaults(p *Props) {
	if p.BatchSize == nil {
		p.BatchSize = jsii.Number(1)
	}
	if p.StartingPosition == nil {
		p.StartingPosition = jsii.String("LATEST")
	}
	if p.MaxRecordAge == nil {
		p.MaxRecordAge = awscdk.Duration_Hours(jsii.Number(1))
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
}

// newStream is an on-demand stream encrypted with the AWS managed key,
// kept for 24 hours and retained unless the sandbox switch is on.
func newStream(c constructs.Construct, props *awskinesis.StreamProps) awskinesis.IStream {
	sp := awskinesis.StreamProps{}
	if props != nil {
		sp = *props
	}
	if sp.StreamMode == "" && sp.ShardCount == nil {
		sp.StreamMode = awskinesis.StreamMode_ON_DEMAND
	}
	if sp.Encryption == "" && sp.EncryptionKey == nil {
		sp.Encryption = awskinesis.StreamEncryption_MANAGED
	}
	if sp.RemovalPolicy == "" {
		sp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	return awskinesis.NewStream(c, jsii.String("Stream"), &sp)
}
