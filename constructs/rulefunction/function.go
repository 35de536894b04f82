package rulefunction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// newFunction creates the function with its own role and log group. The role
// has no managed policy: only the grants to write its log group and to send
// failed invocations to the failure queue.
func newFunction(c constructs.Construct, rf *RuleFunction, p *Props) {
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Execution role of " + *c.Node().Path() + "/Function"),
	})
	rf.Role = role

	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logs := awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention:     retention,
		EncryptionKey: rf.Key,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	logs.GrantWrite(role)
	rf.LogGroup = logs

	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	fp.Code = p.Code
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
		fp.MemorySize = jsii.Number(128)
	}
	if fp.Timeout == nil {
		fp.Timeout = awscdk.Duration_Minutes(jsii.Number(1))
	}
	if fp.LoggingFormat == "" {
		fp.LoggingFormat = awslambda.LoggingFormat_JSON
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
	fn := awslambda.NewFunction(c, jsii.String("Function"), &fp)
	rf.Function = fn

	nag.Suppress(role.Node().FindChild(jsii.String("DefaultPolicy")).Node().DefaultChild(), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		Reason:    "The wildcard KMS actions come from CDK's send grant on the failure queue (Lambda's on-failure destination) and are limited to the construct's one key.",
	})
}
