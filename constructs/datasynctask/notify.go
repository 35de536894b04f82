package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// notifications sends this task's executions that end in ERROR to the
// alarm topic: DataSync emits "DataSync Task Execution State Change"
// events whose resource is the execution ARN (<task ARN>/execution/<id>).
func (t *Task) notifications(p *Props) {
	t.AlarmTopic = p.AlarmTopic
	if t.AlarmTopic == nil {
		nt := alarms.NewTopic(t.Construct, "AlarmTopic")
		t.AlarmTopic, t.AlarmTopicKey = nt.Topic, nt.Key
	}
	rule := awsevents.NewRule(t.Construct, jsii.String("FailureRule"), &awsevents.RuleProps{
		Description: jsii.String("DataSync executions of " + *t.Node().Path() + " that end in ERROR"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.datasync"),
			DetailType: jsii.Strings("DataSync Task Execution State Change"),
			Resources:  awsevents.Match_Prefix(jsii.String(*t.CfnTask.AttrTaskArn() + "/execution/")),
			Detail:     &map[string]any{"State": []string{"ERROR"}},
		},
	})
	rule.AddTarget(awseventstargets.NewSnsTopic(t.AlarmTopic, nil))
	if t.AlarmTopicKey != nil {
		// Not scoped to the rule ARN: the key policy would then depend on the
		// rule, which depends on the topic, which depends on the key.
		keys.AllowService(t.AlarmTopicKey, "events.amazonaws.com", nil)
	}
	t.FailureRule = rule
}
