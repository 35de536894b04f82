package statemachine

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// schedule starts sm on p.Schedule through EventBridge Scheduler: a role
// that may only start this state machine, two retries within an hour, and
// a dead-letter queue for starts that still failed (catalogue ORC-10: the
// replacement of AWS Data Pipeline's schedule).
func schedule(c constructs.Construct, sm awsstepfunctions.StateMachine, p Props, key awskms.IKey) awsscheduler.CfnSchedule {
	role := awsiam.NewRole(c, jsii.String("ScheduleRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("Starts the state machine " + *c.Node().Path() + " on its schedule"),
	})
	sm.GrantStartExecution(role)
	dlq := failurequeue.New(c, key)
	dlq.GrantSendMessages(role)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "The KMS action wildcards are CDK's grant of the dead-letter queue's key (GrantSendMessages), on that key only.",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	input := p.ScheduleInput
	if input == nil {
		input = map[string]any{}
	}
	body, _ := json.Marshal(input)
	tz := "UTC"
	if p.ScheduleTimeZone != nil {
		tz = *p.ScheduleTimeZone
	}
	return awsscheduler.NewCfnSchedule(c, jsii.String("Schedule"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Starts " + *c.Node().Path() + " " + *p.Schedule),
		ScheduleExpression:         p.Schedule,
		ScheduleExpressionTimezone: jsii.String(tz),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:              sm.StateMachineArn(),
			RoleArn:          role.RoleArn(),
			Input:            jsii.String(string(body)),
			RetryPolicy:      &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(2), MaximumEventAgeInSeconds: jsii.Number(3600)},
			DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: dlq.QueueArn()},
		},
	})
}

// ScheduleProblem is what is wrong with an EventBridge Scheduler expression
// ("rate(1 day)", a six-field "cron(...)" whose fields are in range), or ""
// when it parses. Stacks use it to check schedules read from context.
func ScheduleProblem(v string) string {
	pr := &propcheck.Problems{}
	pr.Schedule("Schedule", v)
	return strings.TrimPrefix(pr.List(), "Schedule = "+v+": ")
}
