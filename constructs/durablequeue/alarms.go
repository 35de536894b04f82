package durablequeue

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

const defaultMaxMessageAgeSeconds = 1800

// createAlarms adds the dead-letter and backlog alarms, both notifying the
// alarm topic (the user's or a new encrypted one).
func createAlarms(c constructs.Construct, dq *DurableQueue, p *Props) {
	dq.AlarmTopic = p.AlarmTopic
	if dq.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		dq.AlarmTopic, dq.AlarmTopicKey = t.Topic, t.Key
	}
	threshold := 1.0
	if p.DeadLetterThreshold != nil {
		threshold = *p.DeadLetterThreshold
	}
	// ApproximateNumberOfMessagesVisible >= 1: the notes' "> 1" would stay
	// silent for the first lost message.
	dq.DeadLetterAlarm = alarms.New(c, "DeadLetterAlarm", alarms.Spec{
		Metric:      dq.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(everyMinute()),
		Threshold:   threshold,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("Dead-letter queue of %s holds at least %g message(s): a consumer failed them repeatedly. Inspect, fix, then redrive (StartMessageMoveTask).", *c.Node().Path(), threshold),
	}, dq.AlarmTopic)

	age := float64(defaultMaxMessageAgeSeconds)
	if p.MaxMessageAge != nil {
		age = *p.MaxMessageAge.ToSeconds(nil)
	}
	dq.OldestMessageAlarm = alarms.New(c, "OldestMessageAlarm", alarms.Spec{
		Metric:      dq.Queue.MetricApproximateAgeOfOldestMessage(everyMinute()),
		Threshold:   age,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("Oldest message of %s is older than %g s: consumers are down or too slow, and messages expire at the end of the retention period.", *c.Node().Path(), age),
	}, dq.AlarmTopic)
}

// everyMinute is the maximum over one-minute periods: SQS publishes these
// metrics every minute, and the maximum catches a single message.
func everyMinute() *awscloudwatch.MetricOptions {
	return &awscloudwatch.MetricOptions{
		Period:    awscdk.Duration_Minutes(jsii.Number(1)),
		Statistic: jsii.String("Maximum"),
	}
}
