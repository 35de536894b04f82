package iotredact_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
)

// Sensor telemetry published on "sensors/+/telemetry" reaches S3 without
// personal data: an IoT rule sends each message to Firehose, whose Go
// processor masks the owner's contact and the exact location (and any
// e-mail address, phone or card number its detectors find) before delivery.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Iot"), nil)
	telemetry := iotredact.New(stack, "Telemetry", &iotredact.Props{
		RedactFields:   []string{"owner.email", "owner.phone", "location.lat", "location.lon"},
		IotTopicFilter: jsii.String("sensors/+/telemetry"),
	})
	fmt.Println(*telemetry.TopicRule.Node().Path())
	fmt.Println(*telemetry.Redactor.Node().Path())
	fmt.Println(*telemetry.CfnDeliveryStream.Node().Path())
	fmt.Println(*telemetry.Bucket.Node().Path())
	fmt.Println(*telemetry.ProcessingFailureAlarm.Node().Path())
	// Output:
	// Iot/Telemetry/TopicRule
	// Iot/Telemetry/Redactor/Function
	// Iot/Telemetry/Delivery/DeliveryStream
	// Iot/Telemetry/Delivery/Destination/Bucket
	// Iot/Telemetry/Delivery/ProcessingFailureAlarm
}
