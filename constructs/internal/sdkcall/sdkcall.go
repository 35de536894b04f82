// Package sdkcall makes the AWS API calls a deployment needs (publish a
// DataBrew recipe, start a DMS task) through CDK's AwsCustomResource the way
// this library requires: the singleton function's role is the construct's
// own (no managed policy, exactly the given statements and writing to its
// log group), and its log group is encrypted and kept for a finite time.
package sdkcall

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Props of one custom resource.
type Props struct {
	OnCreate, OnUpdate, OnDelete *customresources.AwsSdkCall
	// Statements are all the function may do.
	Statements []awsiam.PolicyStatement
	// Key encrypts the log group "<id>Logs".
	Key awskms.IKey
	// Retention of that log group.
	// @default one year
	Retention awslogs.RetentionDays
	// Description of the role.
	Description string
}

// New creates the log group "<id>Logs", the role "<id>Role" and the custom
// resource id under c.
func New(c constructs.Construct, id string, p Props) customresources.AwsCustomResource {
	retention := p.Retention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logs := awslogs.NewLogGroup(c, jsii.String(id+"Logs"), &awslogs.LogGroupProps{
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
		EncryptionKey: p.Key,
	})
	role := awsiam.NewRole(c, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String(p.Description),
	})
	logs.GrantWrite(role)
	cr := customresources.NewAwsCustomResource(c, jsii.String(id), &customresources.AwsCustomResourceProps{
		OnCreate:            p.OnCreate,
		OnUpdate:            p.OnUpdate,
		OnDelete:            p.OnDelete,
		Policy:              customresources.AwsCustomResourcePolicy_FromStatements(&p.Statements),
		Role:                role,
		LogGroup:            logs,
		InstallLatestAwsSdk: jsii.Bool(false),
		Timeout:             awscdk.Duration_Minutes(jsii.Number(2)),
	})
	// AwsCustomResource's function is a singleton of the stack.
	singleton := awscdk.Stack_Of(c).Node().FindChild(jsii.String(singletonID))
	gofunction.Answer(singleton.Node().DefaultChild(), provider.FrameworkInvocation)
	return cr
}

// singletonID is the id of AwsCustomResource's function in the stack
// (aws-cdk-lib custom-resources, the singleton's fixed UUID).
const singletonID = "AWS679f53fac002430cb0da5b7982bd2287"
