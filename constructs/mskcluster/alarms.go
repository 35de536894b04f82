package mskcluster

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// newAlarms creates, per broker, an alarm on disk use (KafkaDataLogsDiskUsed,
// maximum over 5 minutes) and on under-replicated partitions (any, for
// UnderReplicatedMinutes minutes in a row); per cluster, an alarm on offline
// partitions and on the active controller count. All DEFAULT-level metrics
// (free), dimensions "Cluster Name" and "Broker ID".
func newAlarms(c constructs.Construct, cl *Cluster, p *Props) {
	if !isTrue(p.CreateAlarms, true) {
		return
	}
	cl.AlarmTopic = p.AlarmTopic
	if cl.AlarmTopic == nil {
		topic := alarms.NewTopic(c, "AlarmTopic")
		cl.AlarmTopic, cl.AlarmTopicKey = topic.Topic, topic.Key
	}
	disk := orNumber(p.DiskUsedPercent, 85)
	urp := orNumber(p.UnderReplicatedMinutes, 5)
	add := func(id string, spec alarms.Spec) awscloudwatch.IAlarm {
		a := alarms.New(c, id, spec, cl.AlarmTopic)
		cl.Alarms = append(cl.Alarms, a)
		return a
	}
	for b := 1; b <= cl.Brokers; b++ {
		cl.DiskUsedAlarms = append(cl.DiskUsedAlarms, add(fmt.Sprintf("DiskUsedBroker%d", b), alarms.Spec{
			Metric:      cl.Metric("KafkaDataLogsDiskUsed", b, alarms.Every(300, "Maximum")),
			Threshold:   disk,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("Broker %d of the Amazon MSK cluster %s uses more than %g%% of its data volume: storage auto-scaling may be at its maximum or too slow; raise MaxVolumeSize or shorten retention.", b, cl.Name, disk),
		}))
		cl.UnderReplicatedAlarms = append(cl.UnderReplicatedAlarms, add(fmt.Sprintf("UnderReplicatedBroker%d", b), alarms.Spec{
			Metric:            cl.Metric("UnderReplicatedPartitions", b, alarms.PerMinute("Maximum")),
			Threshold:         0,
			Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			EvaluationPeriods: urp,
			Description:       fmt.Sprintf("Broker %d of the Amazon MSK cluster %s has had under-replicated partitions for %g minutes: a broker is down, overloaded or its disk is full.", b, cl.Name, urp),
		}))
	}
	cl.OfflinePartitionsAlarm = add("OfflinePartitions", alarms.Spec{
		Metric:      cl.Metric("OfflinePartitionsCount", 0, alarms.PerMinute("Maximum")),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "The Amazon MSK cluster " + cl.Name + " has offline partitions: no replica can lead them, producers and consumers of those partitions fail.",
	})
	cl.ActiveControllerAlarm = add("ActiveController", alarms.Spec{
		Metric:            cl.Metric("ActiveControllerCount", 0, alarms.PerMinute("Maximum")),
		Threshold:         1,
		Comparison:        awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		EvaluationPeriods: 5,
		Description:       "The Amazon MSK cluster " + cl.Name + " has had no active controller for 5 minutes: metadata changes (topics, leaders) are stuck.",
	})
}
