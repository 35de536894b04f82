package piidiscovery

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
)

// raw is the caller's raw zone, or a new iotredact delivery: devices publish
// on the topic filter, an IoT rule puts each message into Firehose, whose
// Go redactor removes the fields no curated column needs (and, in Mask
// mode, masks e-mail, phone and card numbers it finds) before S3.
func (d *PiiDiscovery) raw(p *Props) {
	if p.RawBucket != nil {
		d.RawBucket, d.RawPrefix = p.RawBucket, p.RawPrefix
		if d.RawPrefix == "" {
			d.RawPrefix = DefaultRawPrefix
		}
		return
	}
	ip := iotredact.Props{}
	if p.Ingest != nil {
		ip = *p.Ingest
	}
	if ip.IotTopicFilter == nil {
		ip.IotTopicFilter = jsii.String(DefaultTopicFilter)
	}
	if len(ip.RedactFields) == 0 {
		ip.RedactFields = DefaultRawRemoveFields
		if ip.Mode == "" {
			ip.Mode = iotredact.Remove
		}
	}
	if ip.Detect == nil {
		// The Firehose detectors would mask identifiers the job must hash.
		ip.Detect = jsii.Bool(p.Mode != Hash)
	}
	if ip.Delivery == nil {
		ip.Delivery = &firehosetos3.Props{AlarmTopic: d.AlarmTopic}
	} else if ip.Delivery.AlarmTopic == nil && (ip.Delivery.CreateAlarms == nil || *ip.Delivery.CreateAlarms) {
		delivery := *ip.Delivery
		delivery.AlarmTopic = d.AlarmTopic
		ip.Delivery = &delivery
	}
	d.Ingest = iotredact.New(d.Construct, "Ingest", &ip)
	d.RawBucket, d.RawPrefix = d.Ingest.Bucket, DefaultRawPrefix
}
