package dlqredrive

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
)

// Props configures a Redrive. Queue is required.
type Props struct {
	// Queue whose dead-letter queue is drained back into it. Required.
	Queue *durablequeue.DurableQueue
	// Schedule of the redrive.
	// @default every hour
	Schedule awsevents.Schedule
	// Enabled turns the schedule on. Leave it off while dead letters may be
	// poison messages: each redrive would send them through the consumer
	// MaxReceiveCount more times and back, forever. Turn it on when failures
	// are transient (a downstream outage that heals by itself).
	// @default false
	Enabled *bool
	// MaxMessagesPerSecond limits the move rate (1 to 500).
	// @default SQS's own rate (up to 500 messages per second)
	MaxMessagesPerSecond *float64
	// MinMessages starts a move only when the dead-letter queue holds at
	// least this many visible messages.
	// @default 1
	MinMessages *float64
	// CreateAlarms creates the rule function's alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms' notifications.
	// @default the queue's alarm topic, or a new one
	AlarmTopic awssns.ITopic
}
