package durablequeue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// DurableQueue is a queue that keeps messages for 7 days, parks poison
// messages in a dead-letter queue that keeps them 14 days, and raises alarms
// before anything is lost.
type DurableQueue struct {
	constructs.Construct
	// Queue is the main queue producers send to and consumers read from.
	Queue awssqs.IQueue
	// DeadLetterQueue receives messages received MaxReceiveCount times.
	DeadLetterQueue awssqs.IQueue
	// Key encrypts both queues; nil with SQSManaged encryption.
	Key awskms.IKey
	// AlarmTopic is notified by the alarms; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// DeadLetterAlarm fires when the dead-letter queue holds messages.
	DeadLetterAlarm awscloudwatch.IAlarm
	// OldestMessageAlarm fires when the main queue's oldest message is older
	// than MaxMessageAge (consumers down or too slow).
	OldestMessageAlarm awscloudwatch.IAlarm
}

const (
	// defaultRetentionDays of the main queue: half of SQS's maximum, so that
	// the dead-letter queue (defaultDeadLetterRetentionDays) can keep a
	// message longer than the main queue did (see doc.go).
	defaultRetentionDays = 7
	// defaultDeadLetterRetentionDays of the dead-letter queue: SQS's maximum.
	defaultDeadLetterRetentionDays = 14
	defaultMaxReceiveCount         = 3
)

// New creates the queues and alarms. props may be nil. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *DurableQueue {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	if p.Encryption == "" {
		p.Encryption = KMS
	}

	c := constructs.NewConstruct(scope, jsii.String(id))
	dq := &DurableQueue{Construct: c}
	if p.Encryption == KMS {
		dq.Key = p.EncryptionKey
		if dq.Key == nil {
			dq.Key = keys.New(c, "Key", "Encrypts the messages of "+*c.Node().Path(), p.KeyProps)
		}
	}

	qp := mainQueueProps(&p)
	fifo := qp.Fifo != nil && *qp.Fifo
	restrict := p.RestrictRedriveSources == nil || *p.RestrictRedriveSources
	if restrict && p.ExistingDeadLetterQueue == nil && qp.QueueName == nil {
		qp.QueueName = physicalName(c, fifo)
	}

	dq.DeadLetterQueue = p.ExistingDeadLetterQueue
	if dq.DeadLetterQueue == nil {
		dq.DeadLetterQueue = newDeadLetterQueue(c, &p, dq.Key, fifo, restrict, qp.QueueName)
	}
	qp.DeadLetterQueue = &awssqs.DeadLetterQueue{
		Queue:           dq.DeadLetterQueue,
		MaxReceiveCount: p.MaxReceiveCount,
	}
	if qp.DeadLetterQueue.MaxReceiveCount == nil {
		qp.DeadLetterQueue.MaxReceiveCount = jsii.Number(defaultMaxReceiveCount)
	}
	encrypt(&qp, p.Encryption, dq.Key)
	if qp.RemovalPolicy == "" {
		qp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	dq.Queue = awssqs.NewQueue(c, jsii.String("Queue"), &qp)

	if p.CreateAlarms == nil || *p.CreateAlarms {
		createAlarms(c, dq, &p)
	}
	return dq
}

// mainQueueProps fills the main queue's defaults under the user's QueueProps.
func mainQueueProps(p *Props) awssqs.QueueProps {
	qp := awssqs.QueueProps{}
	if p.QueueProps != nil {
		qp = *p.QueueProps
	}
	if qp.RetentionPeriod == nil {
		qp.RetentionPeriod = p.RetentionPeriod
	}
	if qp.RetentionPeriod == nil {
		qp.RetentionPeriod = awscdk.Duration_Days(jsii.Number(defaultRetentionDays))
	}
	if qp.Fifo == nil {
		qp.Fifo = p.Fifo
	}
	qp.EnforceSSL = jsii.Bool(true)
	return qp
}

// newDeadLetterQueue creates the DLQ: same encryption and FIFO-ness as the
// main queue, 14 days (longer than the main queue's 7), redrive allowed from
// the main queue only (or from any queue of the account when restrict is
// false).
func newDeadLetterQueue(c constructs.Construct, p *Props, key awskms.IKey, fifo, restrict bool, mainName *string) awssqs.IQueue {
	dp := awssqs.QueueProps{}
	if p.DeadLetterQueueProps != nil {
		dp = *p.DeadLetterQueueProps
	}
	if dp.RetentionPeriod == nil {
		dp.RetentionPeriod = p.DeadLetterRetentionPeriod
	}
	if dp.RetentionPeriod == nil {
		dp.RetentionPeriod = awscdk.Duration_Days(jsii.Number(defaultDeadLetterRetentionDays))
	}
	if fifo {
		dp.Fifo = jsii.Bool(true)
	}
	dp.EnforceSSL = jsii.Bool(true)
	encrypt(&dp, p.Encryption, key)
	if dp.RemovalPolicy == "" {
		dp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	if dp.RedriveAllowPolicy == nil {
		dp.RedriveAllowPolicy = redriveAllowPolicy(c, restrict, mainName)
	}
	return awssqs.NewQueue(c, jsii.String("DeadLetterQueue"), &dp)
}

// encrypt sets KMS (with a data key reuse of 5 minutes, the SQS default) or
// SSE-SQS on queue props.
func encrypt(qp *awssqs.QueueProps, enc Encryption, key awskms.IKey) {
	if enc == SQSManaged {
		qp.Encryption = awssqs.QueueEncryption_SQS_MANAGED
		return
	}
	qp.Encryption = awssqs.QueueEncryption_KMS
	qp.EncryptionMasterKey = key
}
