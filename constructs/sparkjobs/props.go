package sparkjobs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Props configures the shipped scripts and the skew alarm (MON-11). nil
// props ship every script and create the alarm with its own topic.
type Props struct {
	// CreateAlarms creates the skew alarm on PartitionSkewRatio.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarm's ALARM and OK notifications. If it is
	// encrypted, its key must allow cloudwatch.amazonaws.com to use it.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
	// MetricNamespace is the CloudWatch namespace the skew job publishes to
	// (its --metric-namespace) and the alarm watches; GrantPutMetricData
	// allows exactly this namespace. Not starting with "AWS/" (reserved).
	// @default DefaultMetricNamespace ("DataPatterns/Spark")
	MetricNamespace string
	// SkewJobName is the JobName dimension of the alarm: the --job-name the
	// runs of jobs/skew_join.py pass.
	// @default DefaultSkewJobName ("skew_join")
	SkewJobName string
	// SkewStage is the Stage dimension the alarm watches: "salted" (after
	// salting: the mitigation is not enough) or "input" (the data arriving
	// is skewed).
	// @default "salted"
	SkewStage string
	// SkewThreshold raises the alarm when the largest partition holds at
	// least this many times the median partition's records (more than 1).
	// @default DefaultSkewThreshold (4)
	SkewThreshold *float64
	// EvaluationPeriods is how many periods in a row must breach (1 to 100).
	// @default 1: the job publishes once per run
	EvaluationPeriods *float64
	// AlarmPeriod is the period of the alarm's Maximum statistic (60 seconds
	// to 1 day, a multiple of 60 seconds).
	// @default 5 minutes
	AlarmPeriod awscdk.Duration
}
