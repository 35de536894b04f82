package firehose

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Subscribe creates the subscription filter "Subscription" of logs into the
// delivery stream, and the role "SubscriptionRole" that CloudWatch Logs
// assumes to put the records: trusted for this account and region's log
// groups only, allowed firehose:PutRecord(Batch) on this stream only.
func Subscribe(c constructs.Construct, logs awslogs.ILogGroup, stream awskinesisfirehose.CfnDeliveryStream, filterPattern *string) awsiam.IRole {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("SubscriptionRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("logs.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
				Service: jsii.String("logs"), Resource: jsii.String("*"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME,
			})}},
		}),
		Description: jsii.String("CloudWatch Logs subscription of " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("firehose:PutRecord", "firehose:PutRecordBatch"),
		Resources: jsii.Strings(*stream.AttrArn()),
	}))
	if filterPattern == nil {
		filterPattern = jsii.String("")
	}
	sub := awslogs.NewCfnSubscriptionFilter(c, jsii.String("Subscription"), &awslogs.CfnSubscriptionFilterProps{
		LogGroupName:   logs.LogGroupName(),
		FilterPattern:  filterPattern,
		DestinationArn: stream.AttrArn(),
		RoleArn:        role.RoleArn(),
	})
	sub.Node().AddDependency(role)
	return role
}
