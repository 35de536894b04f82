// Package provider creates CDK's custom resource provider framework the way
// this library requires: the framework function's role is the construct's
// own (it may only invoke the onEvent function) and its log group is
// encrypted and kept a finite time.
package provider

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// New creates "ProviderRole", "ProviderLogs" and "Provider" under scope for
// onEvent; retention "" is one year.
func New(scope constructs.Construct, onEvent awslambda.IFunction, key awskms.IKey, retention awslogs.RetentionDays) (customresources.Provider, awsiam.Role) {
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	role := awsiam.NewRole(scope, jsii.String("ProviderRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Custom resource provider framework of " + *scope.Node().Path()),
	})
	logs := awslogs.NewLogGroup(scope, jsii.String("ProviderLogs"), &awslogs.LogGroupProps{
		EncryptionKey: key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(scope),
	})
	logs.GrantWrite(role)
	p := customresources.NewProvider(scope, jsii.String("Provider"), &customresources.ProviderProps{
		OnEventHandler:       onEvent,
		FrameworkOnEventRole: role,
		LogGroup:             logs,
	})
	gofunction.Answer(p.Node().FindChild(jsii.String("framework-onEvent")).Node().DefaultChild(), FrameworkInvocation)
	return p, role
}

// SuppressInvokeVersions records why the framework's role names the
// function's versions with a wildcard.
func SuppressInvokeVersions(role awsiam.IRole) {
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			Reason:    "The CDK provider framework invokes every version of its onEvent function (function ARN with :*), and nothing else.",
			AppliesTo: []string{`/^Resource::<.*\.Arn>:\*$/`},
		})
	}
}

// FrameworkInvocation answers the compliance packs' Lambda rules for CDK's
// custom resource functions, which CloudFormation invokes: the provider
// framework, AwsCustomResource's singleton, BucketDeployment's handler.
var FrameworkInvocation = gofunction.Invocation{
	Caller: "CloudFormation invokes it for a stack operation and waits for its answer at a pre-signed S3 URL; " +
		"a failure fails and rolls back the operation, where it is seen and retried, and a queued event would answer nobody",
	Bound:   gofunction.StackOperation,
	Reaches: "only AWS APIs (Lambda to call its handler, the service of its SDK call, S3 for its assets) and CloudFormation's pre-signed S3 response URL, over TLS",
}
