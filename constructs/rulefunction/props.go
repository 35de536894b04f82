package rulefunction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Props configures a RuleFunction. Exactly one of Schedule and EventPattern,
// and exactly one of Code and ExistingFunction, are required.
type Props struct {
	// Schedule runs the function on a schedule, e.g.
	// awsevents.Schedule_Rate(awscdk.Duration_Hours(jsii.Number(1))).
	Schedule awsevents.Schedule
	// EventPattern runs the function for matching events.
	EventPattern *awsevents.EventPattern
	// EventBus the rule listens on (EventPattern only).
	// @default the account's default event bus
	EventBus awsevents.IEventBus
	// Enabled turns the rule on.
	// @default true
	Enabled *bool
	// Description of the rule.
	Description *string

	// Code of a new function. It runs on provided.al2023, arm64, handler
	// "bootstrap" unless FunctionProps say otherwise.
	Code awslambda.Code
	// FunctionProps override any default of the new function (not with
	// ExistingFunction). Code, Role and LogGroup are the construct's.
	FunctionProps *awslambda.FunctionProps
	// ExistingFunction is invoked instead of a new function. Its role, logs
	// and asynchronous-invocation settings stay its owner's.
	ExistingFunction awslambda.IFunction
	// Reaches names what a new function outside a VPC calls, e.g. "only the
	// S3 and KMS APIs (TLS, IAM authentication)": the reason the compliance
	// packs' LambdaInsideVPC finding is suppressed. Empty leaves the finding
	// to the owner.
	Reaches string
	// LogRetention of the new function's log group.
	// @default one year (Control Tower CT.CLOUDWATCH.PR.2 asks for 365 days)
	LogRetention awslogs.RetentionDays

	// EncryptionKey encrypts the failure queue and the function's log group.
	// Its key policy must let logs.<region>.amazonaws.com and
	// events.amazonaws.com use it.
	// @default a new rotating key with those statements
	EncryptionKey awskms.IKey

	// TargetRetryAttempts is how often EventBridge retries delivering an
	// event to the function (throttling, service errors; 0 to 185).
	// @default 10
	TargetRetryAttempts *float64
	// TargetMaxEventAge is how long EventBridge keeps retrying (60 seconds to
	// 24 hours).
	// @default 1 hour
	TargetMaxEventAge awscdk.Duration

	// CreateAlarms creates alarms on function errors, failed rule invocations
	// and messages in the failure queue.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms' ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
