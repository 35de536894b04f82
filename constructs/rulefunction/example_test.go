package rulefunction_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
)

// A nightly report: a Go function, which a pipeline built and uploaded as
// bootstrap.zip (the object version pins the code), runs at 03:00 UTC.
// EventBridge may invoke it through its resource policy; undelivered events
// and failed invocations end in an encrypted failure queue, and three
// alarms watch them.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Reports"), nil)
	artifacts := awss3.Bucket_FromBucketName(stack, jsii.String("Artifacts"), jsii.String("example-build-artifacts"))
	nightly := rulefunction.New(stack, "Nightly", &rulefunction.Props{
		Schedule: awsevents.Schedule_Expression(jsii.String("cron(0 3 * * ? *)")),
		Code: awslambda.Code_FromBucket(artifacts, jsii.String("reports/bootstrap.zip"),
			jsii.String("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")),
	})
	fmt.Println(*nightly.Rule.Node().Path())
	fmt.Println(*nightly.Function.Node().Path())
	fmt.Println(*nightly.Role.Node().Path())
	fmt.Println(*nightly.LogGroup.Node().Path())
	fmt.Println(*nightly.FailureQueue.Node().Path())
	fmt.Println(*nightly.ErrorsAlarm.Node().Path())
	fmt.Println(*nightly.FailedInvocationsAlarm.Node().Path())
	fmt.Println(*nightly.FailureQueueAlarm.Node().Path())
	// Output:
	// Reports/Nightly/Rule
	// Reports/Nightly/Function
	// Reports/Nightly/Role
	// Reports/Nightly/Logs
	// Reports/Nightly/FailureQueue
	// Reports/Nightly/ErrorsAlarm
	// Reports/Nightly/FailedInvocationsAlarm
	// Reports/Nightly/FailureQueueAlarm
}
