package streamtos3_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
)

// Clickstream events land in S3 as gzipped JSON lines within seconds: an
// on-demand stream kept for three days, read by two KCL workers on Fargate
// that checkpoint in a DynamoDB lease table and write under "clicks/" in a
// new secure bucket.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Clickstream"), nil)
	clicks := streamtos3.New(stack, "Clicks", &streamtos3.Props{
		RetentionPeriod: awscdk.Duration_Hours(jsii.Number(72)),
		Prefix:          jsii.String("clicks"),
		Gzip:            jsii.Bool(true),
	})
	fmt.Println(*clicks.Stream.Node().Path())
	fmt.Println(*clicks.LeaseTable.Node().Path())
	fmt.Println(*clicks.Bucket.Node().Path())
	fmt.Println(*clicks.Vpc.Node().Path())
	fmt.Println(*clicks.Service.Node().Path())
	fmt.Println(*clicks.TaskRole.Node().Path())
	fmt.Println(*clicks.IteratorAgeAlarm.Node().Path())
	fmt.Println(*clicks.TaskCountAlarm.Node().Path())
	// Output:
	// Clickstream/Clicks/Stream
	// Clickstream/Clicks/LeaseTable
	// Clickstream/Clicks/Destination/Bucket
	// Clickstream/Clicks/Vpc
	// Clickstream/Clicks/Service
	// Clickstream/Clicks/TaskRole
	// Clickstream/Clicks/IteratorAgeAlarm
	// Clickstream/Clicks/TaskCountAlarm
}
