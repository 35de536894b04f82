package durablequeue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
)

// Encryption is how the queues are encrypted at rest.
type Encryption string

const (
	// KMS encrypts both queues with one customer managed KMS key (the default).
	// Producers and consumers need kms:GenerateDataKey / kms:Decrypt on it,
	// which the queue grants (GrantSendMessages, GrantConsumeMessages) add.
	KMS Encryption = "KMS"
	// SQSManaged is SSE-SQS: encryption with keys owned by SQS, no key policy
	// to manage, no KMS request charges.
	SQSManaged Encryption = "SQS_MANAGED"
)

// Props configures a DurableQueue. A nil *Props, and every nil field, means
// the default written next to the field.
type Props struct {
	// RetentionPeriod is how long the main queue keeps a message (60 seconds
	// to 14 days). For a standard queue with a new dead-letter queue it must
	// be shorter than the dead-letter queue's retention (14 days by default),
	// because a dead letter keeps its original enqueue time there.
	// @default 7 days (604,800 s): a week of consumer outage, and at least a
	// week in the dead-letter queue for every dead letter
	RetentionPeriod awscdk.Duration
	// MaxReceiveCount is how many times a message may be received without
	// being deleted before SQS moves it to the dead-letter queue (1 to 1000).
	// @default 3
	MaxReceiveCount *float64
	// Fifo makes the main queue and the dead-letter queue FIFO queues.
	// @default false
	Fifo *bool

	// Encryption of both queues.
	// @default KMS with a new rotating key
	Encryption Encryption
	// EncryptionKey is an existing KMS key for both queues (KMS only).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// KeyProps configure the new key (not with EncryptionKey or SQSManaged).
	KeyProps *awskms.KeyProps

	// DeadLetterRetentionPeriod is how long the dead-letter queue keeps a
	// message (60 seconds to 14 days), counted for a standard queue from the
	// message's first enqueue in the main queue: it must be longer than the
	// main queue's retention (FIFO queues reset the enqueue time, so any
	// value is accepted there).
	// @default 14 days (1,209,600 s), SQS's maximum
	DeadLetterRetentionPeriod awscdk.Duration
	// ExistingDeadLetterQueue receives the dead letters instead of a new
	// queue. Its redrive-allow policy and encryption are its owner's.
	ExistingDeadLetterQueue awssqs.IQueue
	// DeadLetterQueueProps override defaults of the new dead-letter queue (not
	// with ExistingDeadLetterQueue).
	DeadLetterQueueProps *awssqs.QueueProps
	// RestrictRedriveSources lets only this construct's main queue use the new
	// dead-letter queue (RedriveAllowPolicy byQueue). It gives the main queue
	// a physical name derived from the construct's path, because the policy
	// must name the queue before it exists. false allows any queue of the
	// account (allowAll) and leaves the name to CloudFormation.
	// @default true
	RestrictRedriveSources *bool

	// QueueProps override any default of the main queue. Fields set here win;
	// dead-letter, encryption and TLS settings have their own props above.
	QueueProps *awssqs.QueueProps

	// CreateAlarms creates the two alarms below.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms' ALARM and OK notifications. If it is
	// encrypted, its key must allow cloudwatch.amazonaws.com to use it.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
	// DeadLetterThreshold raises the dead-letter alarm when the DLQ holds at
	// least this many visible messages.
	// @default 1 (one lost message is already an incident)
	DeadLetterThreshold *float64
	// MaxMessageAge raises the backlog alarm when the oldest message of the
	// main queue is older than this (at least 60 seconds, less than the
	// retention period).
	// @default 30 minutes (1,800 s)
	MaxMessageAge awscdk.Duration
}
