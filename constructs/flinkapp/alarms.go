package flinkapp

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Metric is a metric of the application (namespace AWS/KinesisAnalytics,
// dimension Application), e.g. "downtime", "numberOfFailedCheckpoints",
// "fullRestarts", "lastCheckpointDuration"; the L1 application has no
// metric methods. extra adds dimensions (Flow, Id).
func (a *Application) Metric(name, statistic string, extra map[string]*string) awscloudwatch.Metric {
	dims := map[string]*string{"Application": a.ApplicationName}
	for k, v := range extra {
		dims[k] = v
	}
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace: jsii.String("AWS/KinesisAnalytics"), MetricName: jsii.String(name), DimensionsMap: &dims,
		Statistic: jsii.String(statistic), Period: awscdk.Duration_Minutes(jsii.Number(1)),
	})
}

// alarms: the application is down (downtime > 0 while running), a
// checkpoint failed, or a Kinesis source is behind by more than MaxLag.
func (a *Application) alarms(c constructs.Construct, p *Props) {
	a.AlarmTopic = p.AlarmTopic
	if a.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		a.AlarmTopic, a.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	a.DowntimeAlarm = alarms.New(c, "DowntimeAlarm", alarms.Spec{
		Metric: a.Metric("downtime", "Maximum", nil), Threshold: 0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "The Managed Flink application " + path + " is down (failing or restarting).",
	}, a.AlarmTopic)
	a.CheckpointAlarm = alarms.New(c, "CheckpointAlarm", alarms.Spec{
		Metric: a.Metric("numberOfFailedCheckpoints", "Maximum", nil), Threshold: 0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "Checkpoints of the Managed Flink application " + path + " fail: a restart would lose progress.",
	}, a.AlarmTopic)
	maxLag := 60000.0
	if p.MaxLag != nil {
		maxLag = propcheck.Seconds(p.MaxLag) * 1000
	}
	for i, stream := range p.LagAlarmStreams {
		a.LagAlarms = append(a.LagAlarms, alarms.New(c, "LagAlarm"+strconv.Itoa(i), alarms.Spec{
			Metric:    a.Metric("millisBehindLatest", "Maximum", map[string]*string{"Flow": jsii.String("Input"), "Id": jsii.String(stream)}),
			Threshold: maxLag, EvaluationPeriods: 5,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: "The Managed Flink application " + path + " is more than " + strconv.FormatFloat(maxLag, 'f', -1, 64) + " ms behind the Kinesis stream " + stream + " for 5 minutes.",
		}, a.AlarmTopic))
	}
}
