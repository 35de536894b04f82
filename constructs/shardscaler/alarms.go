package shardscaler

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// scaleOutAlarm goes into ALARM when writes were throttled in 2 of 3
// minutes, or (with ScaleOutAboveBytesPerSecond) when the incoming bytes per
// second exceed the threshold in 2 of 3 minutes. Its state change is the
// scaling event; New also points it at the alarm topic, so people see it.
func scaleOutAlarm(c constructs.Construct, p *Props) awscloudwatch.Alarm {
	throttled := p.Stream.MetricWriteProvisionedThroughputExceeded(alarms.Every(60, "Sum"))
	var metric awscloudwatch.IMetric = throttled
	desc := "Writes to %s were throttled in 2 of 3 minutes: the shard scaler adds shards."
	if v := p.ScaleOutAboveBytesPerSecond; v != nil {
		metric = awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
			Expression: jsii.String("IF(throttled > 0 OR bytes / PERIOD(bytes) > " + strconv.FormatFloat(*v, 'f', -1, 64) + ", 1, 0)"),
			UsingMetrics: &map[string]awscloudwatch.IMetric{
				"throttled": throttled,
				"bytes":     p.Stream.MetricIncomingBytes(alarms.Every(60, "Sum")),
			},
			Label:  jsii.String("ScaleOutSignal"),
			Period: awscdk.Duration_Minutes(jsii.Number(1)),
		})
		desc = fmt.Sprintf("Writes to %%s were throttled, or exceeded %g bytes/s, in 2 of 3 minutes: the shard scaler adds shards.", *v)
	}
	return awscloudwatch.NewAlarm(c, jsii.String("ScaleOutAlarm"), &awscloudwatch.AlarmProps{
		Metric:             metric,
		Threshold:          jsii.Number(0),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		EvaluationPeriods:  jsii.Number(3),
		DatapointsToAlarm:  jsii.Number(2),
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		AlarmDescription:   jsii.String(fmt.Sprintf(desc, *p.Stream.Node().Path())),
	})
}

// scaleInAlarm goes into ALARM when the incoming bytes per second stayed
// below the threshold for 30 minutes (six 5-minute periods); no traffic at
// all counts as below.
func scaleInAlarm(c constructs.Construct, p *Props) awscloudwatch.Alarm {
	below := float64(defaultScaleInBelow)
	if p.ScaleInBelowBytesPerSecond != nil {
		below = *p.ScaleInBelowBytesPerSecond
	}
	rate := awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
		Expression:   jsii.String("FILL(bytes, 0) / PERIOD(bytes)"),
		UsingMetrics: &map[string]awscloudwatch.IMetric{"bytes": p.Stream.MetricIncomingBytes(alarms.Every(300, "Sum"))},
		Label:        jsii.String("IncomingBytesPerSecond"),
		Period:       awscdk.Duration_Minutes(jsii.Number(5)),
	})
	return awscloudwatch.NewAlarm(c, jsii.String("ScaleInAlarm"), &awscloudwatch.AlarmProps{
		Metric:             rate,
		Threshold:          jsii.Number(below),
		ComparisonOperator: awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		EvaluationPeriods:  jsii.Number(6),
		TreatMissingData:   awscloudwatch.TreatMissingData_BREACHING,
		AlarmDescription:   jsii.String(fmt.Sprintf("%s received under %g bytes/s for 30 minutes: the shard scaler removes shards.", *p.Stream.Node().Path(), below)),
	})
}
