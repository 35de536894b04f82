package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securityposture"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSecuritypostureRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props *securityposture.Props
		wants []string
	}{
		{"existing hub and standards", &securityposture.Props{ExistingHubArn: securitypostureHubArn, Standards: []string{securityposture.CIS300}},
			[]string{"securityposture Bad/Posture: invalid props", "Standards = cis-aws-foundations-benchmark/v/3.0.0: not with ExistingHubArn"}},
		{"existing detector and detector options", &securityposture.Props{ExistingDetectorId: securitypostureDetectorId,
			GuardDutyFeatures: []string{securityposture.RdsLoginEvents}, FindingPublishingFrequency: securityposture.SixHours},
			[]string{"GuardDutyFeatures = RDS_LOGIN_EVENTS: not with ExistingDetectorId", "FindingPublishingFrequency = SIX_HOURS: not with ExistingDetectorId"}},
		{"malformed existing ids", &securityposture.Props{ExistingHubArn: "hub/default", ExistingDetectorId: "detector"},
			[]string{"ExistingHubArn = hub/default: the ARN of the account's hub", "ExistingDetectorId = detector: the 32 hexadecimal characters"}},
		{"unknown standard", &securityposture.Props{Standards: []string{"cis-aws-foundations-benchmark/v/1.2.0", securityposture.CIS300, securityposture.CIS300}},
			[]string{"Standards = cis-aws-foundations-benchmark/v/1.2.0: one of aws-foundational-security-best-practices/v/1.0.0", "Standards = cis-aws-foundations-benchmark/v/3.0.0: each standard once"}},
		{"severity threshold out of range", &securityposture.Props{SeverityThreshold: jsii.Number(11)},
			[]string{"SeverityThreshold = 11: a GuardDuty severity from 1.0 to 10.0"}},
		{"severity threshold zero", &securityposture.Props{SeverityThreshold: jsii.Number(0)},
			[]string{"SeverityThreshold = 0: a GuardDuty severity from 1.0 to 10.0"}},
		{"features, frequency, labels", &securityposture.Props{GuardDutyFeatures: []string{"S3_DATA_EVENTS", "EKS_RUNTIME_MONITORING", "DNS_LOGS"},
			FindingPublishingFrequency: "DAILY", HubSeverities: []string{"SEVERE"}},
			[]string{"GuardDutyFeatures = S3_DATA_EVENTS: S3_DATA_EVENTS is always on", "GuardDutyFeatures = EKS_RUNTIME_MONITORING: RUNTIME_MONITORING, which includes EKS",
				"GuardDutyFeatures = DNS_LOGS: one of EKS_AUDIT_LOGS", "FindingPublishingFrequency = DAILY: FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS", "HubSeverities = SEVERE: one of CRITICAL"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				securityposture.New(stack, "Posture", c.props)
			}, c.wants...)
		})
	}
}
