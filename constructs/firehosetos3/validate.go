package firehosetos3

import (
	"math"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("firehosetos3", scope, id)
	if d := p.BufferInterval; d != nil {
		if s := propcheck.Seconds(d); s < 0 || s > 900 || s != math.Trunc(s) {
			pr.Add("BufferInterval", *d.ToHumanString(), "Firehose buffers 0 to 900 seconds for S3, in whole seconds")
		}
	}
	if b := p.BufferSize; b != nil {
		n := *b.ToBytes(&awscdk.SizeConversionOptions{Rounding: awscdk.SizeRoundingBehavior_NONE})
		if n < 1<<20 || n > 128<<20 || math.Mod(n, 1<<20) != 0 {
			pr.Add("BufferSize", *b.ToHumanString(), "Firehose buffers 1 to 128 MiB for S3, in whole MiB")
		}
	}
	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("ExistingBucket and BucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	checkPrefixes(pr, p)
	if p.LogRetention == awslogs.RetentionDays_INFINITE {
		pr.Add("LogRetention", "INFINITE", "a finite retention (one year by default)")
	}
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		if p.AlarmTopic != nil {
			pr.Add("AlarmTopic", *p.AlarmTopic.Node().Path(), "CreateAlarms is false, so nothing would notify the topic; drop one of them")
		}
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

// checkPrefixes applies Firehose's rules for custom prefixes: a prefix with
// !{...} expressions needs an error prefix, and an error prefix must hold
// !{firehose:error-output-type}; neither may start with a slash.
func checkPrefixes(pr *propcheck.Problems, p *Props) {
	prefix, errPrefix := "", ""
	if p.Prefix != nil {
		prefix = *p.Prefix
	}
	if p.ErrorPrefix != nil {
		errPrefix = *p.ErrorPrefix
	}
	if p.Prefix != nil && (prefix == "" || strings.HasPrefix(prefix, "/") || len(prefix) > 1024) {
		pr.Add("Prefix", prefix, "a non-empty key prefix of at most 1,024 characters, not starting with /")
	}
	if p.ErrorPrefix != nil && (errPrefix == "" || strings.HasPrefix(errPrefix, "/") || len(errPrefix) > 1024) {
		pr.Add("ErrorPrefix", errPrefix, "a non-empty key prefix of at most 1,024 characters, not starting with /")
	}
	if p.ErrorPrefix != nil && !strings.Contains(errPrefix, "!{firehose:error-output-type}") && strings.Contains(errPrefix, "!{") {
		pr.Add("ErrorPrefix", errPrefix, "an error prefix with expressions must include !{firehose:error-output-type}")
	}
	if p.Prefix != nil && strings.Contains(prefix, "!{") && p.ErrorPrefix == nil {
		pr.Add("ErrorPrefix", "unset", "a Prefix with !{...} expressions needs an ErrorPrefix (Firehose rejects it otherwise)")
	}
	if strings.Count(prefix, "!{") != strings.Count(prefix, "}") {
		pr.Add("Prefix", prefix, "every !{ must be closed by }")
	}
}
