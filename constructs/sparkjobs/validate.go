package sparkjobs

import (
	"math"
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p (defaults filled) before anything is
// created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("sparkjobs", scope, id)
	if n := p.MetricNamespace; len(n) > 255 || strings.HasPrefix(n, "AWS/") || strings.HasPrefix(n, ":") ||
		strings.IndexFunc(n, func(r rune) bool { return r < 0x20 || r > 0x7e }) >= 0 {
		pr.Add("MetricNamespace", n, "1 to 255 printable ASCII characters, not starting with AWS/ (reserved for AWS services) or :")
	}
	if n := p.SkewJobName; len(n) > 255 || strings.IndexFunc(n, func(r rune) bool { return r < 0x20 || r > 0x7e }) >= 0 {
		pr.Add("SkewJobName", n, "1 to 255 printable ASCII characters (a CloudWatch dimension value, the job's --job-name)")
	}
	if p.SkewStage != "salted" && p.SkewStage != "input" {
		pr.Add("SkewStage", p.SkewStage, "salted (the default: skew left after salting) or input (skew of the data arriving)")
	}
	if t := *p.SkewThreshold; !(t > 1) || math.IsInf(t, 0) {
		pr.Add("SkewThreshold", ftoa(t), "more than 1 (the ratio is at least 1: the largest partition over the median)")
	}
	if n := *p.EvaluationPeriods; n < 1 || n > 100 || n != math.Trunc(n) {
		pr.Add("EvaluationPeriods", ftoa(n), "a whole number from 1 to 100")
	}
	if s := propcheck.Seconds(p.AlarmPeriod); s < 60 || s > 86400 || math.Mod(s, 60) != 0 {
		pr.Add("AlarmPeriod", *p.AlarmPeriod.ToHumanString(), "60 seconds to 1 day, a multiple of 60 seconds (the job publishes standard-resolution metrics)")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms && p.SkewThreshold != nil && *p.SkewThreshold != DefaultSkewThreshold {
		pr.Add("SkewThreshold", ftoa(*p.SkewThreshold), "only with alarms (CreateAlarms is false)")
	}
	return pr
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func join(s []string) string { return strings.Join(s, ", ") }
