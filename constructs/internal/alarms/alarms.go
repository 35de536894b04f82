// Package alarms gives every construct of this library the same alarm
// mechanics: an encrypted SNS topic to notify (created, or the user's), and
// alarms whose metric carries its dimensions and which notify that topic on
// ALARM and on OK.
package alarms

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Topic is the encrypted topic created for alarm notifications, with its key.
type Topic struct {
	Topic awssns.Topic
	Key   awskms.Key
}

// NewTopic creates an SNS topic encrypted with its own rotating key that
// CloudWatch alarms of this account may use, and that accepts only TLS
// publishers. Subscribe people or systems to it after deployment, or pass your
// own topic to the construct instead.
func NewTopic(scope constructs.Construct, id string) Topic {
	key := keys.New(scope, id+"Key", "Encrypts the alarm notifications topic "+*scope.Node().Path()+"/"+id, nil)
	keys.AllowService(key, "cloudwatch.amazonaws.com", nil)
	topic := awssns.NewTopic(scope, jsii.String(id), &awssns.TopicProps{
		MasterKey:  key,
		EnforceSSL: jsii.Bool(true),
	})
	return Topic{Topic: topic, Key: key}
}

// Spec describes one alarm. The metric must come from the resource's own
// metric method (queue.MetricX(), fn.MetricErrors(), ...) so that it carries
// the resource's dimensions.
type Spec struct {
	Metric            awscloudwatch.IMetric
	Threshold         float64
	Comparison        awscloudwatch.ComparisonOperator
	EvaluationPeriods float64 // default 1
	Description       string
	// TreatMissingData defaults to NOT_BREACHING (an idle resource is
	// healthy); BREACHING suits metrics whose absence is the failure, such
	// as a running task count.
	TreatMissingData awscloudwatch.TreatMissingData
}

// New creates the alarm and points its ALARM and OK actions at topic. Missing
// data is not breaching unless the spec says otherwise.
func New(scope constructs.Construct, id string, spec Spec, topic awssns.ITopic) awscloudwatch.Alarm {
	periods := spec.EvaluationPeriods
	if periods == 0 {
		periods = 1
	}
	missing := spec.TreatMissingData
	if missing == "" {
		missing = awscloudwatch.TreatMissingData_NOT_BREACHING
	}
	alarm := awscloudwatch.NewAlarm(scope, jsii.String(id), &awscloudwatch.AlarmProps{
		Metric:             spec.Metric,
		Threshold:          jsii.Number(spec.Threshold),
		ComparisonOperator: spec.Comparison,
		EvaluationPeriods:  jsii.Number(periods),
		AlarmDescription:   jsii.String(spec.Description),
		TreatMissingData:   missing,
		ActionsEnabled:     jsii.Bool(true),
	})
	action := awscloudwatchactions.NewSnsAction(topic)
	alarm.AddAlarmAction(action)
	alarm.AddOkAction(action)
	return alarm
}

// Every is the metric options of a statistic over periods of the given
// number of seconds, for the resources' own metric methods.
func Every(seconds float64, statistic string) *awscloudwatch.MetricOptions {
	return &awscloudwatch.MetricOptions{
		Period:    awscdk.Duration_Seconds(jsii.Number(seconds)),
		Statistic: jsii.String(statistic),
	}
}

// PerMinute is Every(60, statistic): most AWS metrics of this library's
// resources are published every minute.
func PerMinute(statistic string) *awscloudwatch.MetricOptions { return Every(60, statistic) }
