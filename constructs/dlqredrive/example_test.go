package dlqredrive_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dlqredrive"
	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
)

// Payments fail only while a downstream service is unavailable, so their
// dead letters are moved back into the queue every 30 minutes, at most 50
// messages per second. The redrive function's alarms notify the queue's
// alarm topic.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Payments"), nil)
	payments := durablequeue.New(stack, "Queue", nil)
	redrive := dlqredrive.New(stack, "Redrive", &dlqredrive.Props{
		Queue:                payments,
		Schedule:             awsevents.Schedule_Rate(awscdk.Duration_Minutes(jsii.Number(30))),
		Enabled:              jsii.Bool(true),
		MaxMessagesPerSecond: jsii.Number(50),
	})
	fmt.Println(*redrive.Rule.Node().Path())
	fmt.Println(*redrive.Function.Node().Path())
	fmt.Println(*redrive.FailureQueue.Node().Path())
	fmt.Println(*redrive.AlarmTopic.Node().Path())
	// Output:
	// Payments/Redrive/Schedule/Rule
	// Payments/Redrive/Schedule/Function
	// Payments/Redrive/Schedule/FailureQueue
	// Payments/Queue/AlarmTopic
}
