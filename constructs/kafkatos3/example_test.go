package kafkatos3_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/kafkatos3"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
)

// Sensor readings on an MSK Serverless topic land in S3 as JSON lines
// within seconds: two Fargate tasks share the consumer group, write under
// "sensors/" in a new secure bucket and commit offsets after each object.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("StreamAnalytics"), nil)
	kafka := mskserverless.New(stack, "Kafka", nil)
	sink := kafkatos3.New(stack, "SensorsToS3", &kafkatos3.Props{
		Cluster:      kafka,
		Topic:        jsii.String("sensor-readings"),
		Prefix:       jsii.String("sensors"),
		DesiredCount: jsii.Number(2),
	})
	fmt.Println(*sink.Service.Node().Path())
	fmt.Println(*sink.Bucket.Node().Path())
	fmt.Println(*sink.OffsetLagAlarm.Node().Path())
	// Output:
	// StreamAnalytics/SensorsToS3/Service
	// StreamAnalytics/SensorsToS3/Destination/Bucket
	// StreamAnalytics/SensorsToS3/OffsetLagAlarm
}
