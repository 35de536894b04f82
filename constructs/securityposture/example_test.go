package securityposture_test

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securityposture"
)

// Security Hub with the default standards and GuardDuty with S3
// protection; high GuardDuty findings and critical/high hub findings go to
// the construct's encrypted topic (subscribe to posture.AlarmTopic).
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Audit"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111122223333"), Region: jsii.String("eu-west-1")},
	})
	posture := securityposture.New(stack, "Posture", nil)
	fmt.Println(len(posture.Standards))
	// The partition is ${AWS::Partition} (a token until deployment).
	arn := *securityposture.StandardsArn(stack, securityposture.CIS300)
	fmt.Println(arn[strings.Index(arn, ":securityhub:"):])
	// Output:
	// 2
	// :securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0
}
