package dlqredrive

import (
	"fmt"
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
)

// FunctionDir is the Go main package of the redrive function in this module.
const FunctionDir = "functions/dlqredrive"

// Redrive is a scheduled Lambda function that moves a durable queue's dead
// letters back into it.
type Redrive struct {
	constructs.Construct
	// RuleFunction holds the rule, the function, its role, logs, failure
	// queue and alarms.
	*rulefunction.RuleFunction
}

// New creates the schedule and the function. Invalid props fail synthesis
// with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Redrive {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	q := p.Queue
	env := map[string]*string{
		"DLQ_URL": q.DeadLetterQueue.QueueUrl(),
		"DLQ_ARN": q.DeadLetterQueue.QueueArn(),
	}
	if p.MaxMessagesPerSecond != nil {
		env["MAX_MESSAGES_PER_SECOND"] = jsii.String(fmt.Sprint(*p.MaxMessagesPerSecond))
	}
	if p.MinMessages != nil {
		env["MIN_MESSAGES"] = jsii.String(fmt.Sprint(*p.MinMessages))
	}
	schedule := p.Schedule
	if schedule == nil {
		schedule = awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(1)))
	}
	enabled := p.Enabled
	if enabled == nil {
		enabled = jsii.Bool(false)
	}
	topic := p.AlarmTopic
	if topic == nil && (p.CreateAlarms == nil || *p.CreateAlarms) {
		topic = q.AlarmTopic
	}
	rf := rulefunction.New(c, "Schedule", &rulefunction.Props{
		Schedule:    schedule,
		Enabled:     enabled,
		Description: jsii.String("Moves the dead letters of " + *q.Node().Path() + " back to their queue"),
		Code:        golambda.Code(FunctionDir),
		FunctionProps: &awslambda.FunctionProps{
			Description: jsii.String("StartMessageMoveTask from the dead-letter queue of " + *q.Node().Path()),
			Environment: &env,
			// No reserved concurrency: new accounts have a concurrency limit
			// of 10 and reserving any of it fails the deployment there. Two
			// runs at once are harmless: the second finds the task running.
			Timeout: awscdk.Duration_Seconds(jsii.Number(30)),
		},
		Reaches:      "only the SQS API (TLS, IAM authentication)",
		CreateAlarms: p.CreateAlarms,
		AlarmTopic:   topic,
	})
	q.GrantRedrive(rf.Role)
	return &Redrive{Construct: c, RuleFunction: rf}
}

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("dlqredrive", scope, id)
	if p.Queue == nil {
		pr.Add("Queue", nil, "the durablequeue.DurableQueue whose dead letters to move back is required")
	}
	if n := p.MaxMessagesPerSecond; n != nil && (*n < 1 || *n > 500 || *n != math.Trunc(*n)) {
		pr.Add("MaxMessagesPerSecond", *n, "SQS moves 1 to 500 messages per second (a whole number)")
	}
	if n := p.MinMessages; n != nil && (*n < 1 || *n != math.Trunc(*n)) {
		pr.Add("MinMessages", *n, "a whole number of messages, at least 1")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}
