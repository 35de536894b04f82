package statemachine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// StateMachine is a standard Step Functions state machine with encrypted
// execution logs, tracing and a failure alarm.
type StateMachine struct {
	constructs.Construct
	StateMachine awsstepfunctions.StateMachine
	// Role is the state machine's execution role; the tasks' integrations
	// add their own statements to it.
	Role     awsiam.Role
	LogGroup awslogs.LogGroup
	// LogKey is the log group's key (created unless Props.LogKey was given).
	LogKey awskms.IKey
	// Schedule starts executions; nil without Props.Schedule.
	Schedule awsscheduler.CfnSchedule
	// FailedAlarm fires on failed, timed-out or aborted executions; nil
	// without alarms.
	FailedAlarm   awscloudwatch.Alarm
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
}

// New checks props and the definition, then creates the state machine.
func New(scope constructs.Construct, id string, props *Props) *StateMachine {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &StateMachine{Construct: c}
	stack := awscdk.Stack_Of(c)

	s.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("states.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("Execution role of the state machine " + *c.Node().Path()),
	})
	s.LogKey = p.LogKey
	ownKey := s.LogKey
	if s.LogKey == nil {
		ownKey = keys.NewForLogs(c, "LogKey", "Encrypts the execution logs and the schedule's dead-letter queue of "+*c.Node().Path())
		s.LogKey = ownKey
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	s.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: s.LogKey, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})

	sp := awsstepfunctions.StateMachineProps{}
	if p.StateMachineProps != nil {
		sp = *p.StateMachineProps
	}
	sp.DefinitionBody = awsstepfunctions.DefinitionBody_FromChainable(p.Definition)
	sp.Role = s.Role
	sp.TracingEnabled = jsii.Bool(true)
	sp.Logs = &awsstepfunctions.LogOptions{
		Destination: s.LogGroup, Level: awsstepfunctions.LogLevel_ALL, IncludeExecutionData: jsii.Bool(p.IncludeExecutionData != nil && *p.IncludeExecutionData),
	}
	if sp.Timeout == nil {
		sp.Timeout = p.Timeout
	}
	if sp.Timeout == nil {
		sp.Timeout = awscdk.Duration_Hours(jsii.Number(2))
	}
	if sp.Comment == nil {
		sp.Comment = jsii.String("cdk-data-patterns " + *c.Node().Path())
	}
	s.StateMachine = awsstepfunctions.NewStateMachine(c, jsii.String("StateMachine"), &sp)
	checkDefinition(scope, id, p.Definition)
	nag.Suppress(nag.DefaultPolicy(s.Role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "X-Ray and CloudWatch Logs delivery (added by the CDK for tracing and logging) take no resource; the other wildcards are the task integrations' own: " +
			"a .sync job or step run's ARN is not known before it starts, and the EventBridge managed rule of a .sync integration is named by Step Functions.",
		AppliesTo: []string{"Resource::*", "/^Resource::.*\\*$/", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", "/^Action::s3:.*\\*$/"},
	})

	if p.Schedule != nil {
		if p.LogKey != nil {
			ownKey = keys.New(c, "QueueKey", "Encrypts the schedule's dead-letter queue of "+*c.Node().Path(), nil)
		}
		s.Schedule = schedule(c, s.StateMachine, p, ownKey)
	}
	if p.CreateAlarms == nil || *p.CreateAlarms {
		s.AlarmTopic = p.AlarmTopic
		if s.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
		}
		s.FailedAlarm = FailedAlarm(c, "Failed", s.StateMachine, s.AlarmTopic)
	}
	return s
}

// FailedAlarm alarms topic when an execution of sm fails, times out or is
// aborted (the sum over five minutes is above zero).
func FailedAlarm(scope constructs.Construct, id string, sm awsstepfunctions.IStateMachine, topic awssns.ITopic) awscloudwatch.Alarm {
	every := alarms.Every(300, "Sum")
	return alarms.New(scope, id, alarms.Spec{
		Metric: awscloudwatch.NewMathExpression(&awscloudwatch.MathExpressionProps{
			Expression: jsii.String("failed + timedout + aborted"),
			UsingMetrics: &map[string]awscloudwatch.IMetric{
				"failed":   sm.MetricFailed(every),
				"timedout": sm.MetricTimedOut(every),
				"aborted":  sm.MetricAborted(every),
			},
			Period: awscdk.Duration_Minutes(jsii.Number(5)),
		}),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "An execution of the state machine " + *scope.Node().Path() + " failed, timed out or was aborted.",
	}, topic)
}
