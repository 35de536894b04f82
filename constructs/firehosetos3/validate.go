package firehosetos3

import (
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("firehosetos3", scope, id)
	firehose.CheckInterval(pr, "BufferInterval", p.BufferInterval, 0, 900, "S3")
	firehose.CheckSize(pr, "BufferSize", p.BufferSize, 1, 128, "S3")
	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("ExistingBucket and BucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	firehose.CheckPrefixes(pr, p.Prefix, p.ErrorPrefix)
	if p.Processor == nil && (p.ProcessorBufferSize != nil || p.ProcessorRetries != nil) {
		pr.Add("ProcessorBufferSize/ProcessorRetries", "set without a Processor", "give the Processor, or drop its settings")
	}
	if b := p.ProcessorBufferSize; b != nil {
		if mib := *b.ToBytes(&awscdk.SizeConversionOptions{Rounding: awscdk.SizeRoundingBehavior_NONE}) / (1 << 20); mib < 0.2 || mib > 3 {
			pr.Add("ProcessorBufferSize", *b.ToHumanString(), "Firehose sends a Lambda processor 0.2 to 3 MiB at once")
		}
	}
	if n := p.ProcessorRetries; n != nil && (*n < 0 || *n > 300 || *n != math.Trunc(*n)) {
		pr.Add("ProcessorRetries", *n, "0 to 300 retries (a whole number)")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		if p.MaxDataFreshness != nil {
			pr.Add("MaxDataFreshness", *p.MaxDataFreshness.ToHumanString(), "CreateAlarms is false; drop the alarm setting or turn alarms on")
		}
	} else if f := p.MaxDataFreshness; f != nil {
		if s := propcheck.Seconds(f); s < 60 || s > 86400 {
			pr.Add("MaxDataFreshness", *f.ToHumanString(), "1 minute to 24 hours")
		}
	}
	return pr
}
