package streamtos3

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// createAlarms adds seven alarms on one topic (the user's or a new encrypted
// one). Their metrics carry the StreamName dimension (and ConsumerName for
// fan-out, ClusterName and ServiceName for the task count, TableName for the
// lease table's throttling).
func createAlarms(c constructs.Construct, s *StreamToS3, p *Props) {
	s.AlarmTopic = p.AlarmTopic
	if s.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	age := propcheck.Seconds(p.MaxIteratorAge) * 1000
	s.IteratorAgeAlarm = alarms.New(c, "IteratorAgeAlarm", alarms.Spec{
		Metric:      iteratorAge(s),
		Threshold:   age,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("The consumer of %s is more than %g ms behind the stream: it is down, throttled, or S3 writes fail. Records expire after the stream's retention.", path, age),
	}, s.AlarmTopic)
	s.ReadThrottleAlarm = alarms.New(c, "ReadThrottleAlarm", alarms.Spec{
		Metric:            s.Stream.MetricReadProvisionedThroughputExceeded(alarms.PerMinute("Sum")),
		Threshold:         0,
		Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		EvaluationPeriods: 5,
		Description:       fmt.Sprintf("Reads of %s were throttled in each of 5 minutes: too many readers share the shards' 2 MB/s and 5 GetRecords/s. Use enhanced fan-out, add shards, or remove readers.", path),
	}, s.AlarmTopic)
	s.WriteThrottleAlarm = alarms.New(c, "WriteThrottleAlarm", alarms.Spec{
		Metric:      s.Stream.MetricWriteProvisionedThroughputExceeded(alarms.PerMinute("Sum")),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("Writes to %s were throttled: producers must retry or they lose records. Add shards (provisioned) or spread partition keys (a hot key saturates one shard).", path),
	}, s.AlarmTopic)
	latency := propcheck.Seconds(p.MaxGetRecordsLatency) * 1000
	s.GetRecordsLatencyAlarm = alarms.New(c, "GetRecordsLatencyAlarm", alarms.Spec{
		Metric:            s.Stream.MetricGetRecordsLatency(alarms.PerMinute("Average")),
		Threshold:         latency,
		Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		EvaluationPeriods: 5,
		Description:       fmt.Sprintf("GetRecords calls on %s took more than %g ms on average for 5 minutes: readers fall behind. Look for throttling (ReadProvisionedThroughputExceeded), large records or a consumer far from the stream's region; enhanced fan-out does not poll.", path, latency),
	}, s.AlarmTopic)
	for _, t := range []struct {
		id, metric, what string
		field            *awscloudwatch.IAlarm
	}{
		{"LeaseReadThrottleAlarm", "ReadThrottleEvents", "reads (lease takes, shard syncs)", &s.LeaseReadThrottleAlarm},
		{"LeaseWriteThrottleAlarm", "WriteThrottleEvents", "writes (lease renewals, checkpoints)", &s.LeaseWriteThrottleAlarm},
	} {
		*t.field = alarms.New(c, t.id, alarms.Spec{
			Metric:            s.LeaseTable.Metric(jsii.String(t.metric), alarms.PerMinute("Sum")),
			Threshold:         0,
			Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			EvaluationPeriods: 3,
			Description:       fmt.Sprintf("DynamoDB throttled the KCL lease table's %s of %s in each of 3 minutes: workers lose leases and re-read records, checkpoints lag (iterators may expire). Raise the table's capacity (or keep it on-demand) before adding shards.", t.what, path),
		}, s.AlarmTopic)
	}
	desired := *p.DesiredCount
	s.TaskCountAlarm = alarms.New(c, "TaskCountAlarm", alarms.Spec{
		Metric: awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
			Namespace:  jsii.String("ECS/ContainerInsights"),
			MetricName: jsii.String("RunningTaskCount"),
			DimensionsMap: &map[string]*string{
				"ClusterName": s.Cluster.ClusterName(),
				"ServiceName": s.Service.ServiceName(),
			},
			Period:    awscdk.Duration_Minutes(jsii.Number(1)),
			Statistic: jsii.String("Minimum"),
		}),
		Threshold:         desired,
		Comparison:        awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		EvaluationPeriods: 3,
		// No data means no task reports (or Container Insights is off).
		TreatMissingData: awscloudwatch.TreatMissingData_BREACHING,
		Description:      fmt.Sprintf("Fewer than %g consumer tasks of %s ran for 3 minutes: tasks crash or cannot start (image pull, permissions, subnets). Check the service's events and the consumer's logs.", desired, path),
	}, s.AlarmTopic)
}

// iteratorAge is how far the consumer is behind the tip of the stream:
// GetRecords.IteratorAgeMilliseconds for polling, or the fan-out consumer's
// SubscribeToShardEvent.MillisBehindLatest.
func iteratorAge(s *StreamToS3) awscloudwatch.IMetric {
	if s.FanOutConsumer == nil {
		return s.Stream.MetricGetRecordsIteratorAgeMilliseconds(alarms.PerMinute("Maximum"))
	}
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:  jsii.String("AWS/Kinesis"),
		MetricName: jsii.String("SubscribeToShardEvent.MillisBehindLatest"),
		DimensionsMap: &map[string]*string{
			"StreamName":   s.Stream.StreamName(),
			"ConsumerName": s.FanOutConsumer.StreamConsumerName(),
		},
		Period:    awscdk.Duration_Minutes(jsii.Number(1)),
		Statistic: jsii.String("Maximum"),
	})
}
