// Package gofunction creates the Lambda functions of this library the same
// way: a Go binary (provided.al2023, arm64, handler "bootstrap"), its own
// execution role without managed policies, and its own log group encrypted
// with the construct's key and kept a finite time. Constructs add grants to
// the role and their own invocation settings to the props, and say in
// Spec.Invocation how the function is called and what it reaches: that
// answers the compliance packs' Lambda rules (an asynchronously invoked
// function without a failure path gets a dead-letter queue; the others'
// findings are suppressed with the reasons given there).
package gofunction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Spec is what a construct decides about its function.
type Spec struct {
	Code awslambda.Code
	// Props override any default below; Code, Role and LogGroup are the
	// construct's.
	Props *awslambda.FunctionProps
	// Key encrypts the log group (its policy must allow CloudWatch Logs).
	Key awskms.IKey
	// LogRetention of the log group; "" is one year (Control Tower
	// CT.CLOUDWATCH.PR.2 asks for at least 365 days).
	LogRetention awslogs.RetentionDays
	// Memory (MB) and Timeout defaults when Props leave them unset: 128 MB,
	// 1 minute.
	Memory  float64
	Timeout awscdk.Duration
	// Invocation is how the function is called and what it reaches, which
	// answers the compliance packs' Lambda rules.
	Invocation Invocation
}

// Function is what New created.
type Function struct {
	Function awslambda.Function
	Role     awsiam.Role
	LogGroup awslogs.LogGroup
	// DeadLetterQueue is the queue New created for failed asynchronous
	// invocations; nil for a synchronous function or when the props gave
	// a failure path.
	DeadLetterQueue awssqs.IQueue
}

// New creates the role "Role", the log group "Logs" and the function
// "Function" under c.
func New(c constructs.Construct, s Spec) Function {
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Execution role of " + *c.Node().Path() + "/Function"),
	})
	retention := s.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logs := awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention:     retention,
		EncryptionKey: s.Key,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	logs.GrantWrite(role)

	fp := awslambda.FunctionProps{}
	if s.Props != nil {
		fp = *s.Props
	}
	fp.Code = s.Code
	fp.Role = role
	fp.LogGroup = logs
	if fp.Runtime == nil {
		fp.Runtime = awslambda.Runtime_PROVIDED_AL2023()
	}
	if fp.Architecture == nil {
		fp.Architecture = awslambda.Architecture_ARM_64()
	}
	if fp.Handler == nil {
		fp.Handler = jsii.String("bootstrap")
	}
	if fp.MemorySize == nil {
		memory := s.Memory
		if memory == 0 {
			memory = 128
		}
		fp.MemorySize = jsii.Number(memory)
	}
	if fp.Timeout == nil {
		fp.Timeout = s.Timeout
	}
	if fp.Timeout == nil {
		fp.Timeout = awscdk.Duration_Minutes(jsii.Number(1))
	}
	if fp.LoggingFormat == "" {
		fp.LoggingFormat = awslambda.LoggingFormat_JSON
	}
	dlq := invocationDefaults(c, s, &fp)
	fn := awslambda.NewFunction(c, jsii.String("Function"), &fp)
	answerPacks(fn, s, &fp)
	if dlq != nil {
		failurequeue.SuppressSendGrant(role)
	}
	return Function{Function: fn, Role: role, LogGroup: logs, DeadLetterQueue: dlq}
}
