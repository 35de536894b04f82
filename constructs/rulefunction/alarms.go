package rulefunction

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// createAlarms watches the three ways an event can fail: the function errs,
// EventBridge cannot invoke it, or a failure reaches the failure queue.
func createAlarms(c constructs.Construct, rf *RuleFunction, p *Props) {
	rf.AlarmTopic = p.AlarmTopic
	if rf.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		rf.AlarmTopic, rf.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	fiveMinutes := awscdk.Duration_Minutes(jsii.Number(5))

	rf.ErrorsAlarm = alarms.New(c, "ErrorsAlarm", alarms.Spec{
		Metric:      rf.Function.MetricErrors(&awscloudwatch.MetricOptions{Period: fiveMinutes, Statistic: jsii.String("Sum")}),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("The function of %s returned errors; Lambda retries twice, then the event goes to the failure queue.", path),
	}, rf.AlarmTopic)

	failed := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String("AWS/Events"),
		MetricName:    jsii.String("FailedInvocations"),
		DimensionsMap: &map[string]*string{"RuleName": rf.Rule.RuleName()},
		Statistic:     jsii.String("Sum"),
		Period:        fiveMinutes,
	})
	rf.FailedInvocationsAlarm = alarms.New(c, "FailedInvocationsAlarm", alarms.Spec{
		Metric:      failed,
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("The rule of %s failed to invoke its function (permissions, throttling, deleted function).", path),
	}, rf.AlarmTopic)

	rf.FailureQueueAlarm = alarms.New(c, "FailureQueueAlarm", alarms.Spec{
		Metric: rf.FailureQueue.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{
			Period: awscdk.Duration_Minutes(jsii.Number(1)), Statistic: jsii.String("Maximum"),
		}),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("The failure queue of %s holds events that were never processed; they are kept 14 days.", path),
	}, rf.AlarmTopic)
}
