package datasynctask

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatasync"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// logs creates the encrypted log group and the CloudWatch Logs resource
// policy that lets DataSync write it for this account's tasks (DataSync
// writes with its service principal, not with a role).
func (t *Task) logs(p *Props) {
	group := awslogs.NewLogGroup(t.Construct, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: t.Key,
		Retention:     p.LogRetention,
		RemovalPolicy: sandbox.RemovalPolicy(t.Construct),
	})
	t.LogGroup = group
	stack := awscdk.Stack_Of(t.Construct)
	t.LogPolicy = awslogs.NewResourcePolicy(t.Construct, jsii.String("LogsPolicy"), &awslogs.ResourcePolicyProps{
		PolicyStatements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("datasync.amazonaws.com"), nil)},
			Actions:    jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
			Resources:  jsii.Strings(*group.LogGroupArn()),
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
					Service: jsii.String("datasync"), Resource: jsii.String("task"), ResourceName: jsii.String("*"),
				})},
			},
		})},
	})
}

// task creates the task: verification, bandwidth limit, changed files
// only, deleted files preserved, transfer logging, filters, schedule and
// the optional report.
func (t *Task) task(p *Props) {
	bytes := p.BytesPerSecond
	if isTrue(p.UnlimitedBandwidth) {
		bytes = -1
	}
	opts := &awsdatasync.CfnTask_OptionsProperty{
		VerifyMode:           jsii.String(p.VerifyMode),
		TransferMode:         jsii.String("CHANGED"),
		BytesPerSecond:       jsii.Number(bytes),
		LogLevel:             jsii.String("TRANSFER"),
		PreserveDeletedFiles: jsii.String("PRESERVE"),
		OverwriteMode:        jsii.String("ALWAYS"),
		TaskQueueing:         jsii.String("ENABLED"),
	}
	if isTrue(p.TransferAll) {
		opts.TransferMode = jsii.String("ALL")
	}
	if isTrue(p.BasicLogging) {
		opts.LogLevel = jsii.String("BASIC")
	}
	if isTrue(p.RemoveDeletedFiles) {
		opts.PreserveDeletedFiles = jsii.String("REMOVE")
	}
	tp := &awsdatasync.CfnTaskProps{
		SourceLocationArn:      t.SourceLocationArn,
		DestinationLocationArn: t.DestinationLocationArn,
		CloudWatchLogGroupArn:  t.LogGroup.LogGroupArn(),
		Options:                opts,
	}
	if f := p.Filters; f != nil {
		if len(f.Includes) > 0 {
			tp.Includes = &[]any{filter(f.Includes)}
		}
		if len(f.Excludes) > 0 {
			tp.Excludes = &[]any{filter(f.Excludes)}
		}
	}
	if p.Schedule != "" {
		tp.Schedule = &awsdatasync.CfnTask_TaskScheduleProperty{
			ScheduleExpression: jsii.String(p.Schedule),
			Status:             jsii.String("ENABLED"),
		}
	}
	if p.ReportPrefix != "" {
		tp.TaskReportConfig = &awsdatasync.CfnTask_TaskReportConfigProperty{
			Destination: &awsdatasync.CfnTask_DestinationProperty{S3: &awsdatasync.CfnTask_S3Property{
				BucketAccessRoleArn: t.BucketRole.RoleArn(),
				S3BucketArn:         t.Bucket.BucketArn(),
				Subdirectory:        jsii.String(p.ReportPrefix),
			}},
			OutputType:  jsii.String("STANDARD"),
			ReportLevel: jsii.String("ERRORS_ONLY"),
		}
	}
	task := awsdatasync.NewCfnTask(t.Construct, jsii.String("Task"), tp)
	// DataSync checks that it may write the log group when the task is
	// created.
	task.Node().AddDependency(t.LogPolicy)
	t.CfnTask = task
}

// filter is one SIMPLE_PATTERN rule: DataSync takes the patterns of a
// filter as one string separated by '|'.
func filter(patterns []string) *awsdatasync.CfnTask_FilterRuleProperty {
	return &awsdatasync.CfnTask_FilterRuleProperty{
		FilterType: jsii.String("SIMPLE_PATTERN"),
		Value:      jsii.String(strings.Join(patterns, "|")),
	}
}
