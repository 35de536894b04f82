package gofunction

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// Invocation is how a function is called and what it reaches. The HIPAA,
// NIST and PCI packs ask every function for a dead-letter queue
// (LambdaDLQ), reserved concurrency (LambdaConcurrency) and a VPC
// (LambdaInsideVPC). A function of this library has them or says here why
// not, and the words become the suppression's reason. A rule left
// unanswered stays a finding, which the tests with the packs report.
type Invocation struct {
	// Caller names the service that invokes the function synchronously and
	// what becomes of a failure, e.g. "Amazon Data Firehose invokes it
	// synchronously for each batch, retries, then writes the records under
	// the error prefix". A dead-letter queue receives only failed
	// asynchronous invocations.
	//
	// Empty means the function is invoked asynchronously: it then gets a
	// dead-letter queue (failurequeue, under the function's scope) unless
	// its props give one or an on-failure destination.
	Caller string
	// Bound says what limits the function's concurrency, needed unless the
	// props reserve concurrency, e.g. "one invocation per shard".
	Bound string
	// Reaches names what the function calls, needed unless the props put it
	// in a VPC, e.g. "only the KMS and DynamoDB APIs (TLS, IAM
	// authentication)" or "no network service (it transforms the batch it
	// is given)".
	Reaches string
}

// Callers that recur, for Invocation.Caller.
const (
	// FirehoseTransform is a Firehose record transformation function.
	FirehoseTransform = "Amazon Data Firehose invokes it synchronously for each batch (a dead-letter queue receives only failed asynchronous invocations), " +
		"retries the batch, then writes its records under the delivery stream's error prefix"
	// CustomResourceHandler is the onEvent function of a CDK provider
	// framework (constructs/internal/provider).
	CustomResourceHandler = "the CDK provider framework invokes it synchronously for a CloudFormation stack operation (a dead-letter queue receives only failed asynchronous invocations) " +
		"and reports a failure to CloudFormation, which fails and rolls back the operation where it is seen and retried"
	// APIHandler is the integration of a REST API.
	APIHandler = "API Gateway invokes it synchronously for each request (a dead-letter queue receives only failed asynchronous invocations) " +
		"and returns the error to the caller, who decides whether to retry"
	// StackOperation bounds a function that runs only for stack operations.
	StackOperation = "it runs once per custom resource and stack operation"
	// Scheduled bounds a function a schedule starts.
	Scheduled = "its schedule starts one invocation per period"
	// AsyncEvents bounds an asynchronously invoked function.
	AsyncEvents = "each event starts one asynchronous invocation, and Lambda keeps what exceeds the free concurrency in its queue " +
		"and retries it up to the maximum event age, so a burst is delayed, not lost"
)

// FirehoseInvocation is a Firehose record transformation function that
// calls nothing: it transforms the batch it is given and returns it.
var FirehoseInvocation = Invocation{
	Caller: FirehoseTransform,
	Bound: "Firehose invokes it only for the batches one delivery stream buffers and retries a throttled batch, " +
		"so a shortage delays delivery without losing records",
	Reaches: "no network service (it transforms the batch Firehose passes it and returns it)",
}

// Reasons shared by the packs' Lambda rules.
const (
	concurrencyReason = "Concurrency is not reserved because %s; reserving takes executions from the account's pool for good " +
		"(and fails deployment where fewer than 100 would stay unreserved), so it is left to the props (ReservedConcurrentExecutions)."
	vpcReason = "The function is not in a VPC because it calls %s and nothing inside a VPC, so a VPC would add network interfaces " +
		"(and a NAT gateway or interface endpoints for AWS APIs) without isolating anything."
	callerReason    = "No dead-letter queue: %s."
	onFailureReason = "Failed asynchronous invocations go to the function's on-failure destination (an encrypted SQS queue), which keeps the event with its error; " +
		"the rule reads only the older dead-letter configuration."
)

// invocationDefaults gives an asynchronously invoked function without a
// failure path a dead-letter queue in fp; it returns the queue it created.
func invocationDefaults(c constructs.Construct, s Spec, fp *awslambda.FunctionProps) awssqs.IQueue {
	if s.Invocation.Caller != "" || hasDeadLetterQueue(fp) || fp.OnFailure != nil {
		return nil
	}
	q := failurequeue.New(c, s.Key)
	fp.DeadLetterQueue = q
	return q
}

func hasDeadLetterQueue(fp *awslambda.FunctionProps) bool {
	return fp.DeadLetterQueue != nil || (fp.DeadLetterQueueEnabled != nil && *fp.DeadLetterQueueEnabled)
}

// answerPacks suppresses the packs' Lambda rules the function does not meet,
// with the reasons its Invocation gives.
func answerPacks(fn awslambda.Function, s Spec, fp *awslambda.FunctionProps) {
	inv := s.Invocation
	switch {
	case hasDeadLetterQueue(fp):
		inv.Caller = ""
	case inv.Caller == "": // asynchronous, with an on-failure destination
		nag.Suppress(fn.Node().DefaultChild(), nag.InPacks("LambdaDLQ", onFailureReason, nag.HIPAA, nag.NIST)...)
	}
	if fp.ReservedConcurrentExecutions != nil {
		inv.Bound = ""
	}
	if fp.Vpc != nil {
		inv.Reaches = ""
	}
	Answer(fn.Node().DefaultChild(), inv)
}

// Answer suppresses on a function resource (an AWS::Lambda::Function) the
// packs' Lambda rules that inv answers: LambdaDLQ when it names a Caller,
// LambdaConcurrency when it names a Bound, LambdaInsideVPC when it names
// what the function Reaches. CDK's own functions (provider framework,
// AwsCustomResource, BucketDeployment) are answered through it too.
func Answer(function constructs.IConstruct, inv Invocation) {
	var sup []nag.Suppression
	if inv.Caller != "" {
		sup = append(sup, nag.InPacks("LambdaDLQ", fmt.Sprintf(callerReason, inv.Caller), nag.HIPAA, nag.NIST)...)
	}
	if inv.Bound != "" {
		sup = append(sup, nag.InPacks("LambdaConcurrency", fmt.Sprintf(concurrencyReason, inv.Bound), nag.HIPAA, nag.NIST)...)
	}
	if inv.Reaches != "" {
		sup = append(sup, nag.InPacks("LambdaInsideVPC", fmt.Sprintf(vpcReason, inv.Reaches), nag.HIPAA, nag.NIST, nag.PCI)...)
	}
	if len(sup) > 0 {
		nag.Suppress(function, sup...)
	}
}
