package logstosplunk_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logstosplunk"
)

// The flow logs of an existing VPC go to Splunk's HTTP Event Collector through
// Firehose. The HEC token lives in a new secret (put the real token there
// after deploying); events Splunk does not acknowledge are kept in S3.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Security"), nil)
	splunk := logstosplunk.New(stack, "FlowLogs", &logstosplunk.Props{
		HecEndpoint:   jsii.String("https://splunk.example.com:8088"),
		FlowLogVpcIds: []*string{jsii.String("vpc-0a1b2c3d4e5f67890")},
	})
	fmt.Println(*splunk.LogGroup.Node().Path())
	fmt.Println(*splunk.CfnDeliveryStream.Node().Path())
	fmt.Println(*splunk.HecTokenSecret.Node().Path())
	fmt.Println(*splunk.BackupBucket.Node().Path())
	fmt.Println(*splunk.DeliveryFailureAlarm.Node().Path())
	// Output:
	// Security/FlowLogs/Source
	// Security/FlowLogs/DeliveryStream
	// Security/FlowLogs/HecToken
	// Security/FlowLogs/Backup/Bucket
	// Security/FlowLogs/DeliveryFailureAlarm
}
