package securityposture

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// alarms sends GuardDuty findings at or above the threshold and new, active
// Security Hub findings with the chosen labels (not those GuardDuty
// imported, which the first rule already sends) to the topic. Both services
// publish findings to EventBridge by themselves, existing or not.
func (s *Posture) alarms(c constructs.Construct, p *Props) {
	s.AlarmTopic = p.AlarmTopic
	if s.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
	}
	threshold := 7.0
	if p.SeverityThreshold != nil {
		threshold = *p.SeverityThreshold
	}
	labels := p.HubSeverities
	if len(labels) == 0 {
		labels = []string{"CRITICAL", "HIGH"}
	}
	field := func(path string) string { return *awsevents.EventField_FromPath(jsii.String(path)) }
	s.GuardDutyRule = awsevents.NewRule(c, jsii.String("GuardDutyFindings"), &awsevents.RuleProps{
		Description: jsii.String("GuardDuty findings of severity " + strconv.FormatFloat(threshold, 'f', -1, 64) + " or more (" + *c.Node().Path() + ")"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.guardduty"),
			DetailType: jsii.Strings("GuardDuty Finding"),
			Detail:     &map[string]any{"severity": []any{map[string]any{"numeric": []any{">=", threshold}}}},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(s.AlarmTopic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("GuardDuty finding " + field("$.detail.type") + " (severity " +
				field("$.detail.severity") + ") in account " + field("$.detail.accountId") + " " + field("$.detail.region") + ": " +
				field("$.detail.title") + " [" + field("$.detail.id") + "]")),
		})},
	})
	s.HubRule = awsevents.NewRule(c, jsii.String("SecurityHubFindings"), &awsevents.RuleProps{
		Description: jsii.String("New Security Hub findings labelled " + join(labels) + " (" + *c.Node().Path() + ")"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.securityhub"),
			DetailType: jsii.Strings("Security Hub Findings - Imported"),
			Detail: &map[string]any{"findings": map[string]any{
				"Severity":    map[string]any{"Label": labels},
				"Workflow":    map[string]any{"Status": []string{"NEW"}},
				"RecordState": []string{"ACTIVE"},
				"ProductName": []any{map[string]any{"anything-but": "GuardDuty"}},
			}},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(s.AlarmTopic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("Security Hub " + field("$.detail.findings[0].Severity.Label") + " finding from " +
				field("$.detail.findings[0].ProductName") + " in account " + field("$.detail.findings[0].AwsAccountId") + ": " +
				field("$.detail.findings[0].Title") + " [" + field("$.detail.findings[0].Id") + "]")),
		})},
	})
	if s.AlarmTopicKey != nil {
		// Scoped to this account (the rule ARN would make a cycle).
		keys.AllowService(s.AlarmTopicKey, "events.amazonaws.com", nil)
	}
}

func join(l []string) string {
	out := ""
	for i, v := range l {
		if i > 0 {
			out += ", "
		}
		out += v
	}
	return out
}
