package firehosetos3_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
)

// Application events that producers send with PutRecordBatch (Direct PUT)
// are written to S3 as gzipped JSON lines in hourly partitions, at the
// latest one minute after they arrive. Delivery errors are logged and
// alarmed.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Events"), nil)
	events := firehosetos3.New(stack, "AppEvents", &firehosetos3.Props{
		BufferInterval: awscdk.Duration_Seconds(jsii.Number(60)),
		Gzip:           jsii.Bool(true),
	})
	fmt.Println(*events.CfnDeliveryStream.Node().Path())
	fmt.Println(*events.CfnDeliveryStream.DeliveryStreamType())
	fmt.Println(*events.Role.Node().Path())
	fmt.Println(*events.Bucket.Node().Path())
	fmt.Println(*events.LogGroup.Node().Path())
	fmt.Println(*events.FreshnessAlarm.Node().Path())
	fmt.Println(*events.DeliveryFailureAlarm.Node().Path())
	// Output:
	// Events/AppEvents/DeliveryStream
	// DirectPut
	// Events/AppEvents/Role
	// Events/AppEvents/Destination/Bucket
	// Events/AppEvents/Logs
	// Events/AppEvents/FreshnessAlarm
	// Events/AppEvents/DeliveryFailureAlarm
}

// The same delivery reading an existing Kinesis data stream instead of
// accepting Direct PUT: the stream encrypts the data at rest.
func ExampleNew_sourceStream() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Events"), nil)
	stream := awskinesis.NewStream(stack, jsii.String("Telemetry"), nil)
	archive := firehosetos3.New(stack, "Archive", &firehosetos3.Props{SourceStream: stream})
	fmt.Println(*archive.CfnDeliveryStream.Node().Path())
	fmt.Println(*archive.CfnDeliveryStream.DeliveryStreamType())
	fmt.Println(*archive.Bucket.Node().Path())
	// Output:
	// Events/Archive/DeliveryStream
	// KinesisStreamAsSource
	// Events/Archive/Destination/Bucket
}

// A producer role allowed to send records: Firehose encrypts them itself,
// so the producer needs no KMS permission.
func ExampleFirehoseToS3_GrantPutRecords() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Events"), nil)
	events := firehosetos3.New(stack, "AppEvents", nil)
	producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
	})
	events.GrantPutRecords(producer)
	policy := producer.Node().FindChild(jsii.String("DefaultPolicy")).(awsiam.Policy)
	doc := stack.Resolve(policy.Document()).(map[string]any)
	for _, st := range doc["Statement"].([]any) {
		fmt.Println(st.(map[string]any)["Action"])
	}
	// Output:
	// [firehose:PutRecord firehose:PutRecordBatch]
}
