package iotredact

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiot"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// topicRule sends every message of the topic filter to the delivery stream;
// failures of the action are logged.
func topicRule(c constructs.Construct, r *IotRedact, filter string) awsiot.CfnTopicRule {
	role := awsiam.NewRole(c, jsii.String("TopicRuleRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("iot.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(c).Account()}},
		}),
		Description: jsii.String("IoT rule of " + *c.Node().Path()),
	})
	r.GrantPutRecords(role)
	errors := awslogs.NewLogGroup(c, jsii.String("RuleErrors"), &awslogs.LogGroupProps{
		EncryptionKey: r.Key,
		Retention:     awslogs.RetentionDays_ONE_YEAR,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	errors.GrantWrite(role)
	rule := awsiot.NewCfnTopicRule(c, jsii.String("TopicRule"), &awsiot.CfnTopicRuleProps{
		TopicRulePayload: &awsiot.CfnTopicRule_TopicRulePayloadProperty{
			Sql:              jsii.String(fmt.Sprintf("SELECT * FROM '%s'", filter)),
			AwsIotSqlVersion: jsii.String("2016-03-23"),
			RuleDisabled:     jsii.Bool(false),
			Description:      jsii.String("Sends " + filter + " to " + *c.Node().Path()),
			Actions: &[]any{&awsiot.CfnTopicRule_ActionProperty{
				Firehose: &awsiot.CfnTopicRule_FirehoseActionProperty{
					DeliveryStreamName: r.CfnDeliveryStream.Ref(),
					RoleArn:            role.RoleArn(),
					BatchMode:          jsii.Bool(false),
				},
			}},
			ErrorAction: &awsiot.CfnTopicRule_ActionProperty{
				CloudwatchLogs: &awsiot.CfnTopicRule_CloudwatchLogsActionProperty{LogGroupName: errors.LogGroupName(), RoleArn: role.RoleArn()},
			},
		},
	})
	rule.Node().AddDependency(role)
	return rule
}
