package athena

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// ProcessedBytes is the workgroup's metric of bytes scanned by its queries
// (namespace AWS/Athena, dimension WorkGroup), summed over period seconds.
// Athena publishes it only with PublishCloudWatchMetricsEnabled, which the
// construct sets.
func (w *WorkGroup) ProcessedBytes(periodSeconds float64) awscloudwatch.Metric {
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String("AWS/Athena"),
		MetricName:    jsii.String("ProcessedBytes"),
		DimensionsMap: &map[string]*string{"WorkGroup": jsii.String(w.Name)},
		Statistic:     jsii.String("Sum"),
		Period:        alarms.Every(periodSeconds, "Sum").Period,
	})
}

// dataUsageAlarms creates one alarm per workgroup-wide limit: what the
// Athena console calls a per-workgroup data usage control is exactly such
// a CloudWatch alarm with an SNS action.
func dataUsageAlarms(c constructs.Construct, w *WorkGroup, limits []DataUsageLimit) []awscloudwatch.Alarm {
	out := make([]awscloudwatch.Alarm, 0, len(limits))
	for i, l := range limits {
		secs := propcheck.Seconds(l.Period)
		id := "DataUsage" + strconv.Itoa(i)
		if i == 0 {
			id = "DataUsage"
		}
		out = append(out, alarms.New(c, id, alarms.Spec{
			Metric:      w.ProcessedBytes(secs),
			Threshold:   l.Bytes,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("Athena workgroup %s scanned more than %s in %s (data usage control).", w.Name, bytesText(l.Bytes), *l.Period.ToHumanString()),
		}, w.AlarmTopic))
	}
	return out
}

// bytesText writes a byte count in the unit Athena bills.
func bytesText(b float64) string {
	switch {
	case b >= 1e12:
		return strconv.FormatFloat(b/1e12, 'f', -1, 64) + " TB"
	case b >= 1e9:
		return strconv.FormatFloat(b/1e9, 'f', -1, 64) + " GB"
	}
	return strconv.FormatFloat(b/1e6, 'f', -1, 64) + " MB"
}
