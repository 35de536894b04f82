package cdcreplication

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// alarms watch how far each task's changes lag: CDCLatencySource (the
// source's newest change vs. what DMS read) and CDCLatencyTarget (what DMS
// read vs. what the target committed), per task, over 5 minutes.
func (r *Replication) alarms(c constructs.Construct, p *Props) {
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		return
	}
	r.AlarmTopic = p.AlarmTopic
	if r.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		r.AlarmTopic, r.AlarmTopicKey = t.Topic, t.Key
	}
	max := 600.0
	if p.MaxLatency != nil {
		max = *p.MaxLatency
	}
	for _, t := range []struct {
		id     string
		task   awsdms.CfnReplicationTask
		source *awscloudwatch.IAlarm
		target *awscloudwatch.IAlarm
	}{
		{"Warehouse", r.WarehouseTask, &r.WarehouseCDCLatencySourceAlarm, &r.WarehouseCDCLatencyTargetAlarm},
		{"Lake", r.LakeTask, &r.LakeCDCLatencySourceAlarm, &r.LakeCDCLatencyTargetAlarm},
	} {
		if t.task == nil {
			continue
		}
		for _, metric := range []string{"CDCLatencySource", "CDCLatencyTarget"} {
			m := awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
				Namespace:  jsii.String("AWS/DMS"),
				MetricName: jsii.String(metric),
				DimensionsMap: &map[string]*string{
					"ReplicationInstanceIdentifier": r.Instance.ReplicationInstanceIdentifier(),
					"ReplicationTaskIdentifier":     t.task.ResourceIdentifier(),
				},
				Period:    awscdk.Duration_Minutes(jsii.Number(5)),
				Statistic: jsii.String("Maximum"),
			})
			alarm := alarms.New(c, t.id+metric, alarms.Spec{
				Metric:      m,
				Threshold:   max,
				Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
				Description: metric + " of the " + t.id + " task of " + *c.Node().Path() + " is above " + strconv.Itoa(int(max)) + " s: changes are not reaching the target",
			}, r.AlarmTopic)
			if metric == "CDCLatencySource" {
				*t.source = alarm
			} else {
				*t.target = alarm
			}
		}
	}
}
