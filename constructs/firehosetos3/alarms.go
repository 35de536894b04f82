package firehosetos3

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// createAlarms adds the freshness and delivery-failure alarms, with the
// DeliveryStreamName dimension, on one topic.
func createAlarms(c constructs.Construct, f *FirehoseToS3, p *Props) {
	f.AlarmTopic = p.AlarmTopic
	if f.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		f.AlarmTopic, f.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	freshness := propcheck.Seconds(p.MaxDataFreshness)
	f.FreshnessAlarm = alarms.New(c, "FreshnessAlarm", alarms.Spec{
		Metric:      f.Metric("DeliveryToS3.DataFreshness", alarms.PerMinute("Maximum")),
		Threshold:   freshness,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("Records of %s wait more than %g s for S3: deliveries fail or are throttled. Firehose retries for 24 h, then writes them under the error prefix.", path, freshness),
	}, f.AlarmTopic)
	f.DeliveryFailureAlarm = alarms.New(c, "DeliveryFailureAlarm", alarms.Spec{
		// DeliveryToS3.Success is 1 for a successful PutObject and 0 for a
		// failed one: an average below 1 means at least one failure.
		Metric:      f.Metric("DeliveryToS3.Success", alarms.PerMinute("Average")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		Description: fmt.Sprintf("Deliveries of %s to S3 failed: check the delivery error log group (bucket policy, KMS key policy, bucket deleted).", path),
	}, f.AlarmTopic)
}
