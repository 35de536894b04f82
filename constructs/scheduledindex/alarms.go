package scheduledindex

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

func createAlarms(c constructs.Construct, x *ScheduledIndex, p *Props) {
	x.AlarmTopic = p.AlarmTopic
	if x.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		x.AlarmTopic, x.AlarmTopicKey = t.Topic, t.Key
	}
	x.ErrorsAlarm = alarms.New(c, "ErrorsAlarm", alarms.Spec{
		Metric:      x.Function.MetricErrors(alarms.Every(300, "Sum")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: "A run of the CSV indexer " + *c.Node().Path() + " failed (S3 or the domain unreachable, documents throttled after every retry, or refused): see its log group",
	}, x.AlarmTopic)
	x.DeadLettersAlarm = alarms.New(c, "DeadLettersAlarm", alarms.Spec{
		Metric:      x.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(alarms.PerMinute("Maximum")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: "A scheduled run of " + *c.Node().Path() + " was not delivered or failed after Lambda's retries: its event waits in the dead-letter queue",
	}, x.AlarmTopic)
}
