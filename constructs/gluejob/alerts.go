package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// FailureStates are the Glue Job State Change states that alert.
var FailureStates = []string{"FAILED", "TIMEOUT"}

// alerts sends a message to the topic when a run of job ends in one of
// FailureStates (catalogue ETL-07). It returns the topic, the topic's key
// when it created the topic, and the rule.
func alerts(c constructs.Construct, p *Props, job awsglue.IJob) (awssns.ITopic, awskms.IKey, awsevents.IRule) {
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		return nil, nil, nil
	}
	topic := p.AlarmTopic
	var key awskms.IKey
	rule := awsevents.NewRule(c, jsii.String("FailureRule"), &awsevents.RuleProps{
		Description: jsii.String("A run of the Glue job " + *c.Node().Path() + " FAILED or TIMED OUT"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.glue"),
			DetailType: jsii.Strings("Glue Job State Change"),
			Detail: &map[string]any{
				"jobName": []*string{job.JobName()},
				"state":   FailureStates,
			},
		},
	})
	if topic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		// Without a source ARN: the rule depends on the topic, which depends
		// on the key, so the key policy cannot name the rule.
		keys.AllowService(t.Key, "events.amazonaws.com", nil)
		topic, key = t.Topic, t.Key
	}
	field := func(path string) *string { return awsevents.EventField_FromPath(jsii.String(path)) }
	rule.AddTarget(awseventstargets.NewSnsTopic(topic, &awseventstargets.SnsTopicProps{
		Message: awsevents.RuleTargetInput_FromText(jsii.String(
			"Glue job " + *field("$.detail.jobName") + " run " + *field("$.detail.jobRunId") +
				" ended " + *field("$.detail.state") + ": " + *field("$.detail.message"))),
	}))
	return topic, key, rule
}
