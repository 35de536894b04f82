package securityposture

import (
	"regexp"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	hubArnRE     = regexp.MustCompile(`^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:\d{12}:hub/default$`)
	detectorIDRE = regexp.MustCompile(`^[a-f0-9]{32}$`)
	frequencies  = []string{FifteenMinutes, OneHour, SixHours}
	hubLabels    = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("securityposture", scope, id)
	if h := p.ExistingHubArn; h != "" {
		if !hubArnRE.MatchString(h) && !strings.HasPrefix(h, "${Token[") {
			pr.Add("ExistingHubArn", h, `the ARN of the account's hub, "arn:<partition>:securityhub:<region>:<account>:hub/default"`)
		}
		if p.Standards != nil {
			pr.Add("Standards", strings.Join(p.Standards, ", "), "not with ExistingHubArn: the existing hub's standards are managed where the hub is (enabling one twice fails the deployment); drop Standards, or ExistingHubArn to create the hub here")
		}
	}
	seen := map[string]bool{}
	for _, s := range p.Standards {
		if !contains(KnownStandards, s) {
			pr.Add("Standards", s, "one of "+strings.Join(KnownStandards, ", ")+" (the part of the standard's ARN after \"standards/\"; CIS v1.2.0's old ruleset ARN is not offered)")
		}
		if seen[s] {
			pr.Add("Standards", s, "each standard once")
		}
		seen[s] = true
	}
	if d := p.ExistingDetectorId; d != "" {
		if !detectorIDRE.MatchString(d) && !strings.HasPrefix(d, "${Token[") {
			pr.Add("ExistingDetectorId", d, "the 32 hexadecimal characters of the detector id (aws guardduty list-detectors)")
		}
		if len(p.GuardDutyFeatures) > 0 {
			pr.Add("GuardDutyFeatures", strings.Join(p.GuardDutyFeatures, ", "), "not with ExistingDetectorId: the existing detector's features are managed where it was created")
		}
		if p.FindingPublishingFrequency != "" {
			pr.Add("FindingPublishingFrequency", p.FindingPublishingFrequency, "not with ExistingDetectorId: a setting of the existing detector")
		}
	}
	for _, f := range p.GuardDutyFeatures {
		switch {
		case f == S3DataEvents:
			pr.Add("GuardDutyFeatures", f, "S3_DATA_EVENTS is always on; list only the optional features")
		case f == "EKS_RUNTIME_MONITORING":
			pr.Add("GuardDutyFeatures", f, "RUNTIME_MONITORING, which includes EKS and replaces EKS_RUNTIME_MONITORING (GuardDuty refuses both together)")
		case !contains(OptionalFeatures, f):
			pr.Add("GuardDutyFeatures", f, "one of "+strings.Join(OptionalFeatures, ", "))
		}
	}
	if f := p.FindingPublishingFrequency; f != "" && !contains(frequencies, f) {
		pr.Add("FindingPublishingFrequency", f, "FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS")
	}
	if t := p.SeverityThreshold; t != nil && (*t < 1 || *t > 10) {
		pr.Add("SeverityThreshold", *t, "a GuardDuty severity from 1.0 to 10.0 (low 1.0–3.9, medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0)")
	}
	for _, l := range p.HubSeverities {
		if !contains(hubLabels, l) {
			pr.Add("HubSeverities", l, "one of "+strings.Join(hubLabels, ", "))
		}
	}
	return pr
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
