package firehosetos3

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
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
	f.FreshnessAlarm, f.DeliveryFailureAlarm = firehose.DeliveryAlarms(c, f.CfnDeliveryStream, "S3", propcheck.Seconds(p.MaxDataFreshness), f.AlarmTopic)
	if p.Processor != nil {
		f.ProcessingFailureAlarm = firehose.ProcessingAlarm(c, f.CfnDeliveryStream, "under the error prefix", f.AlarmTopic)
	}
}
