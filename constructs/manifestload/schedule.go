package manifestload

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// schedule invokes the loader on p.Schedule through a role that may only
// invoke it; no retries (the next run lists again).
func schedule(c constructs.Construct, p *Props, fn awslambda.IFunction) awsscheduler.CfnSchedule {
	role := awsiam.NewRole(c, jsii.String("ScheduleRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("Invokes the loader " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
	}))
	return awsscheduler.NewCfnSchedule(c, jsii.String("Schedule"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Loads new files into " + p.Table),
		ScheduleExpression:         jsii.String(p.Schedule),
		ScheduleExpressionTimezone: jsii.String("UTC"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:         fn.FunctionArn(),
			RoleArn:     role.RoleArn(),
			Input:       jsii.String(`{"source":"aws.scheduler","detail-type":"Scheduled Event"}`),
			RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(0)},
		},
	})
}
