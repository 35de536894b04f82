// Package flowlogs records all traffic of a VPC this library creates, the
// same way everywhere (cdk-nag AwsSolutions-VPC7).
package flowlogs

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Add creates the log group "FlowLogs" under c (encrypted with key, kept for
// retention, or one year when unset) and the flow log "FlowLog" of all
// accepted and rejected traffic of vpc into it.
func Add(c constructs.Construct, vpc awsec2.Vpc, key awskms.IKey, retention awslogs.RetentionDays) awslogs.ILogGroup {
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logs := awslogs.NewLogGroup(c, jsii.String("FlowLogs"), &awslogs.LogGroupProps{
		EncryptionKey: key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{
		Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(logs, nil),
		TrafficType: awsec2.FlowLogTrafficType_ALL,
	})
	return logs
}
