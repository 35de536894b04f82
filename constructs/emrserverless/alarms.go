package emrserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// alarms sends every failed job run of the application to the alarm topic:
// an EventBridge rule on "EMR Serverless Job Run State Change" events in
// state FAILED. (EMR Serverless publishes job counts as CloudWatch metrics
// too, but a rule names the run and costs nothing while idle.)
func (a *Application) alarms(c constructs.Construct, p *Props) {
	a.AlarmTopic = p.AlarmTopic
	if a.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		a.AlarmTopic, a.AlarmTopicKey = t.Topic, t.Key
	}
	field := func(path string) string { return *awsevents.EventField_FromPath(jsii.String(path)) }
	a.FailedRule = awsevents.NewRule(c, jsii.String("JobRunFailed"), &awsevents.RuleProps{
		Description: jsii.String("Failed job runs of the EMR Serverless application " + *c.Node().Path()),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.emr-serverless"),
			DetailType: jsii.Strings("EMR Serverless Job Run State Change"),
			Detail:     &map[string]any{"applicationId": []*string{a.ApplicationId}, "state": []string{"FAILED"}},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(a.AlarmTopic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("EMR Serverless job run " + field("$.detail.jobRunId") +
				" (" + field("$.detail.jobRunName") + ") of application " + field("$.detail.applicationId") + " FAILED: " + field("$.detail.stateDetails"))),
		})},
	})
	if a.AlarmTopicKey != nil {
		// Not scoped to the rule ARN: key policy → rule → topic → key would
		// be a cycle; the statement is scoped to this account.
		keys.AllowService(a.AlarmTopicKey, "events.amazonaws.com", nil)
	}
}
