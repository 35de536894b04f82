package statemachine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
)

// Props configures a StateMachine.
type Props struct {
	// Definition is the workflow: a state or chain built with the
	// awsstepfunctions / awsstepfunctionstasks L2 API, or with this
	// package's parts (NewCrawlerRun, NewParallelJobs, NewSparkSteps,
	// NewFileTypeRouter, NewQualityGate, NewDataApiStatement). Required.
	// Every Retry must have MaxAttempts and every Choice an Otherwise;
	// synthesis fails otherwise.
	Definition awsstepfunctions.IChainable
	// Timeout of one execution; the execution fails with States.Timeout
	// after it (and the alarm fires).
	// @default 2 hours
	Timeout awscdk.Duration
	// IncludeExecutionData writes the states' input and output to the log
	// group. Off by default: the data a pipeline moves (object keys,
	// records, query text) stays out of the logs.
	// @default false
	IncludeExecutionData *bool
	// LogRetention of the execution log group.
	// @default one year
	LogRetention awslogs.RetentionDays
	// LogKey encrypts the execution log group; its policy must let
	// CloudWatch Logs of this region use it.
	// @default a new rotating key
	LogKey awskms.IKey
	// CreateAlarms notifies AlarmTopic when an execution fails, times out or
	// is aborted.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarm.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
	// Schedule starts an execution through EventBridge Scheduler: "rate(1
	// day)", "cron(0 20 ? * MON-FRI *)" (ORC-10's after-hours batch).
	// @default none
	Schedule *string
	// ScheduleTimeZone of a cron Schedule (IANA name).
	// @default UTC
	ScheduleTimeZone *string
	// ScheduleInput is the execution input a scheduled start passes.
	// @default {}
	ScheduleInput map[string]any
	// StateMachineProps override any default (type, name, comment ...);
	// DefinitionBody, Role, Logs and TracingEnabled are the construct's.
	StateMachineProps *awsstepfunctions.StateMachineProps
}
