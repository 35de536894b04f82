package statemachine

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// NoticeTopic is an encrypted topic for pipeline notices.
type NoticeTopic struct {
	Topic awssns.Topic
	Key   awskms.Key
}

// NewNoticeTopic creates an SNS topic for a pipeline's notices: encrypted
// with its own rotating key that CloudWatch alarms and EventBridge rules of
// this account may use, TLS only. State machines publish to it with a grant
// (NoticeProps.TopicKey).
func NewNoticeTopic(scope constructs.Construct, id string) NoticeTopic {
	t := alarms.NewTopic(scope, id)
	keys.AllowService(t.Key, "events.amazonaws.com", nil)
	return NoticeTopic{Topic: t.Topic, Key: t.Key}
}

// JobStateProps configures OnGlueJobState.
type JobStateProps struct {
	// JobNames whose runs are watched. At least one.
	JobNames []*string
	// States that notify: SUCCEEDED, FAILED, TIMEOUT, STOPPED.
	// @default SUCCEEDED
	States []string
	// Topic receives a message per run; its key must let EventBridge use
	// it (NewNoticeTopic's does). Required.
	Topic awssns.ITopic
}

var jobStates = map[string]bool{"SUCCEEDED": true, "FAILED": true, "TIMEOUT": true, "STOPPED": true}

// OnGlueJobState sends a message to Topic when a run of the jobs ends in
// one of States (catalogue ORC-02's last step: "rule on job success → SNS
// e-mail"): an EventBridge rule on Glue's "Glue Job State Change" events,
// no Lambda. E-mail subscriptions need the recipient's confirmation.
func OnGlueJobState(scope constructs.Construct, id string, p JobStateProps) awsevents.Rule {
	pr := propcheck.For("statemachine.OnGlueJobState", scope, id)
	if len(p.JobNames) == 0 {
		pr.Add("JobNames", "none", "at least one Glue job name")
	}
	states := p.States
	if len(states) == 0 {
		states = []string{"SUCCEEDED"}
	}
	for i, s := range states {
		if !jobStates[s] {
			pr.Add("States["+strconv.Itoa(i)+"]", s, "SUCCEEDED, FAILED, TIMEOUT or STOPPED")
		}
	}
	if p.Topic == nil {
		pr.Add("Topic", "nil", "the topic that receives the messages")
	}
	pr.Fail()
	return awsevents.NewRule(scope, jsii.String(id), &awsevents.RuleProps{
		Description: jsii.String("Glue job runs ending " + strings.Join(states, " or ") + " notify " + *scope.Node().Path()),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.glue"),
			DetailType: jsii.Strings("Glue Job State Change"),
			Detail:     &map[string]any{"jobName": p.JobNames, "state": states},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(p.Topic, &awseventstargets.SnsTopicProps{
			Message: awsevents.RuleTargetInput_FromText(jsii.String("Glue job " + *awsevents.EventField_FromPath(jsii.String("$.detail.jobName")) +
				" run " + *awsevents.EventField_FromPath(jsii.String("$.detail.jobRunId")) + " ended " + *awsevents.EventField_FromPath(jsii.String("$.detail.state")) +
				": " + *awsevents.EventField_FromPath(jsii.String("$.detail.message")))),
		})},
	})
}
