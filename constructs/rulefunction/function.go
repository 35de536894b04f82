package rulefunction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
)

// newFunction creates the function with its own role and log group. The role
// has no managed policy: only the grants to write its log group and to send
// failed invocations to the failure queue.
func newFunction(c constructs.Construct, rf *RuleFunction, p *Props) {
	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	// EventBridge invokes asynchronously: Lambda retries a failed invocation
	// twice, then hands the event to the failure queue.
	if fp.RetryAttempts == nil {
		fp.RetryAttempts = jsii.Number(2)
	}
	if fp.MaxEventAge == nil {
		fp.MaxEventAge = awscdk.Duration_Hours(jsii.Number(1))
	}
	fp.OnFailure = awslambdadestinations.NewSqsDestination(rf.FailureQueue)
	bound := gofunction.AsyncEvents
	if p.Schedule != nil {
		bound = gofunction.Scheduled
	}
	f := gofunction.New(c, gofunction.Spec{Code: p.Code, Props: &fp, Key: rf.Key, LogRetention: p.LogRetention,
		Invocation: gofunction.Invocation{Bound: bound, Reaches: p.Reaches}})
	rf.Function, rf.Role, rf.LogGroup = f.Function, f.Role, f.LogGroup

	failurequeue.SuppressSendGrant(f.Role)
}
