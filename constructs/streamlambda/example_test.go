package streamlambda_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamlambda"
)

// Device readings from a Kinesis stream keep a DynamoDB table of each
// device's latest reading, with the shipped handler (functions/devicelatest).
// Batches of 500 records are retried at most three times, bisected on error,
// and what still fails is recorded in an encrypted failure queue.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Devices"), nil)
	readings := awskinesis.NewStream(stack, jsii.String("Readings"), &awskinesis.StreamProps{
		StreamMode: awskinesis.StreamMode_ON_DEMAND,
	})
	latest := streamlambda.New(stack, "Latest", &streamlambda.Props{
		Stream:        readings,
		BatchSize:     jsii.Number(500),
		RetryAttempts: jsii.Number(3),
	})
	fmt.Println(*latest.Function.Node().Path())
	fmt.Println(*latest.Table.Node().Path())
	fmt.Println(*latest.FailureQueue.Queue.Node().Path())
	fmt.Println(*latest.AlarmTopic.Node().Path())
	fmt.Println(*latest.IteratorAgeAlarm.Node().Path())
	fmt.Println(*latest.ErrorsAlarm.Node().Path())
	// Output:
	// Devices/Latest/Function
	// Devices/Latest/Table
	// Devices/Latest/FailureQueue/Queue
	// Devices/Latest/FailureQueue/AlarmTopic
	// Devices/Latest/IteratorAgeAlarm
	// Devices/Latest/ErrorsAlarm
}
