package configrules

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// alarms sends evaluations of the rules turning NON_COMPLIANT to the alarm
// topic. Config publishes "Config Rules Compliance Change" events to
// EventBridge by itself (no delivery-channel topic needed, which Config
// cannot encrypt); the rule matches the rules' names (by prefix for a
// conformance pack, whose rule names Config suffixes).
func (r *Rules) alarms(c constructs.Construct, p *Props) {
	r.AlarmTopic = p.AlarmTopic
	if r.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		r.AlarmTopic, r.AlarmTopicKey = t.Topic, t.Key
	}
	names := []any{}
	for _, id := range r.Identifiers {
		if rule, ok := r.ManagedRules[id]; ok {
			names = append(names, rule.ConfigRuleName())
		} else {
			names = append(names, map[string]any{"prefix": RuleName(id)})
		}
	}
	field := func(path string) string { return *awsevents.EventField_FromPath(jsii.String(path)) }
	r.NonCompliantRule = awsevents.NewRule(c, jsii.String("NonCompliant"), &awsevents.RuleProps{
		Description: jsii.String("Resources turning NON_COMPLIANT with the AWS Config rules of " + *c.Node().Path()),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.config"),
			DetailType: jsii.Strings("Config Rules Compliance Change"),
			Detail: &map[string]any{
				"messageType":         []string{"ComplianceChangeNotification"},
				"configRuleName":      names,
				"newEvaluationResult": map[string]any{"complianceType": []string{"NON_COMPLIANT"}},
			},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(r.AlarmTopic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("AWS Config rule " + field("$.detail.configRuleName") + ": " +
				field("$.detail.resourceType") + " " + field("$.detail.resourceId") + " in account " + field("$.detail.awsAccountId") +
				" " + field("$.detail.awsRegion") + " is NON_COMPLIANT")),
		})},
	})
	if r.AlarmTopicKey != nil {
		// Not scoped to the rule ARN (key policy → rule → topic → key would
		// be a cycle); scoped to this account.
		keys.AllowService(r.AlarmTopicKey, "events.amazonaws.com", nil)
	}
}
