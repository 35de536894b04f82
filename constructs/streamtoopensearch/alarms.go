package streamtoopensearch

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
)

// freshnessSeconds: records older than this in Firehose mean deliveries
// fail or are throttled (the buffer interval is at most 900 s).
const freshnessSeconds = 900

// createAlarms: delivery freshness and failures, processor invocation
// failures, and the domain alarms AWS recommends first (cluster red, writes
// blocked, free storage under a quarter of a node's volume).
func createAlarms(c constructs.Construct, s *StreamToOpenSearch, p *Props) {
	s.AlarmTopic = p.AlarmTopic
	if s.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	s.FreshnessAlarm, s.DeliveryFailureAlarm = firehose.DeliveryAlarms(c, s.CfnDeliveryStream, "AmazonOpenSearchService", freshnessSeconds, s.AlarmTopic)
	add := func(id string, spec alarms.Spec) awscloudwatch.IAlarm {
		return alarms.New(c, id, spec, s.AlarmTopic)
	}
	if s.Processor != nil {
		s.ProcessingFailureAlarm = firehose.ProcessingAlarm(c, s.CfnDeliveryStream, "to the backup bucket", s.AlarmTopic)
	}
	d := s.Domain
	s.ClusterRedAlarm = add("ClusterRedAlarm", alarms.Spec{
		Metric:      d.MetricClusterStatusRed(alarms.PerMinute("Maximum")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("A primary shard of the domain of %s is not allocated: some indices cannot be searched or written.", path),
	})
	s.WritesBlockedAlarm = add("WritesBlockedAlarm", alarms.Spec{
		Metric:      d.MetricClusterIndexWritesBlocked(alarms.Every(300, "Maximum")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("The domain of %s blocks writes (storage or memory pressure): deliveries fail and go to the backup bucket.", path),
	})
	quarterMiB := *p.VolumeSize.ToMebibytes(nil) / 4
	s.FreeStorageAlarm = add("FreeStorageAlarm", alarms.Spec{
		Metric:      d.MetricFreeStorageSpace(alarms.PerMinute("Minimum")),
		Threshold:   quarterMiB,
		Comparison:  awscloudwatch.ComparisonOperator_LESS_THAN_OR_EQUAL_TO_THRESHOLD,
		Description: fmt.Sprintf("A data node of the domain of %s has less than a quarter of its volume free: delete old daily indices or add storage.", path),
	})
	if s.LogsLoader != nil {
		s.LogsLoaderErrorsAlarm = add("LogsLoaderErrorsAlarm", alarms.Spec{
			Metric:      s.LogsLoader.MetricErrors(alarms.PerMinute("Sum")),
			Threshold:   0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("The log loader of %s failed invocations: Lambda retries them, then keeps them in the failure queue.", path),
		})
		s.LogsFailedBatchesAlarm = add("LogsFailedBatchesAlarm", alarms.Spec{
			Metric:      s.LogsFailureQueue.MetricApproximateNumberOfMessagesVisible(alarms.PerMinute("Maximum")),
			Threshold:   1,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			Description: fmt.Sprintf("Log batches of %s wait in the failure queue: fix the cause, then redrive them to the loader.", path),
		})
	}
}
