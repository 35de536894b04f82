package logstosplunk

import (
	"fmt"
	"math"
	"net/url"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("logstosplunk", scope, id)
	if p.HecEndpoint == nil {
		pr.Add("HecEndpoint", nil, "the Splunk HEC URL (https://host:8088) is required")
	} else if e := *p.HecEndpoint; !*awscdk.Token_IsUnresolved(e) {
		if u, err := url.Parse(e); err != nil || u.Scheme != "https" || u.Host == "" {
			pr.Add("HecEndpoint", e, "an https:// URL of the HTTP Event Collector (Firehose posts only over TLS)")
		}
	}
	if p.HecToken != nil {
		pr.Add("HecToken", "<a plaintext token>", "never put the HEC token in a template (anyone who can read the stack reads it); store {\"hec_token\": ...} in Secrets Manager and pass HecTokenSecret")
	}
	switch p.EndpointType {
	case "", Event, Raw:
	default:
		pr.Add("EndpointType", p.EndpointType, "logstosplunk.Event or logstosplunk.Raw")
	}
	switch p.BackupMode {
	case "", FailedEventsOnly, AllEvents:
	default:
		pr.Add("BackupMode", p.BackupMode, "logstosplunk.FailedEventsOnly or logstosplunk.AllEvents")
	}
	if d := p.AcknowledgmentTimeout; d != nil {
		if s := propcheck.Seconds(d); s < 180 || s > 600 || s != math.Trunc(s) {
			pr.Add("AcknowledgmentTimeout", *d.ToHumanString(), "Firehose waits 180 to 600 seconds for Splunk's acknowledgment")
		}
	}
	firehose.CheckRetry(pr, "RetryDuration", p.RetryDuration)
	firehose.CheckInterval(pr, "BufferInterval", p.BufferInterval, 0, 60, "Splunk")
	firehose.CheckSize(pr, "BufferSize", p.BufferSize, 1, 5, "Splunk")
	if p.ExistingBackupBucket != nil && p.BackupBucketProps != nil {
		pr.Add("ExistingBackupBucket and BackupBucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	pr.FiniteRetention(p.LogRetention)
	if f := p.FilterPattern; f != nil && len(*f) > 1024 {
		pr.Add("FilterPattern", fmt.Sprintf("%d characters", len(*f)), "at most 1,024 characters")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}
