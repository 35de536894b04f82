package warehouse

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// ScheduleProps configure a scheduled SQL statement (catalogue DWH-01).
type ScheduleProps struct {
	// Cron is an EventBridge Scheduler cron expression with six fields,
	// evaluated in UTC: "cron(0 2 * * ? *)".
	Cron string
	// SQL is the statement, e.g. "CALL process_daily_data();".
	SQL string
	// DbUser runs it on a provisioned cluster (a database user created by
	// the warehouse's SQL); serverless runs it as the schedule's role.
	// @default "etl_scheduler"
	DbUser string
}

// Schedule runs a SQL statement on a schedule without a Lambda: an
// EventBridge Scheduler schedule whose universal target calls the Redshift
// Data API's ExecuteStatement, with a role that may only do that. This is
// the mechanism behind Query Editor v2's scheduled queries, which
// CloudFormation cannot declare. The target's ARN is in the stack's
// partition.
func (w *Warehouse) Schedule(id string, p ScheduleProps) awsscheduler.CfnSchedule {
	pr := propcheck.For("warehouse.Schedule", w.Construct, id)
	pr.Cron("Cron", p.Cron)
	if p.SQL == "" {
		pr.Add("SQL", `""`, "the statement to run, e.g. CALL process_daily_data();")
	}
	pr.Fail()
	user := p.DbUser
	if user == "" {
		user = "etl_scheduler"
	}
	role := awsiam.NewRole(w.Construct, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("Runs the scheduled statement " + id + " of " + *w.Node().Path()),
	})
	w.GrantDataAPI(role, user)
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			Reason:    "Data API statement ids have no ARN: DescribeStatement and GetStatementResult are limited to the role's own statements by the statement-owner condition.",
			AppliesTo: []string{"Resource::*"},
		})
	}
	input := w.DataAPITarget(user)
	input["Sql"] = p.SQL
	input["StatementName"] = id
	body, _ := json.Marshal(input)
	return awsscheduler.NewCfnSchedule(w.Construct, jsii.String(id), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Runs " + p.SQL + " on " + *w.Node().Path()),
		ScheduleExpression:         jsii.String(p.Cron),
		ScheduleExpressionTimezone: jsii.String("UTC"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:         jsii.String("arn:" + *awscdk.Stack_Of(w.Construct).Partition() + ":scheduler:::aws-sdk:redshiftdata:executeStatement"),
			RoleArn:     role.RoleArn(),
			Input:       jsii.String(string(body)),
			RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(2), MaximumEventAgeInSeconds: jsii.Number(3600)},
		},
	})
}
