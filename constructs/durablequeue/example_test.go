package durablequeue_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
)

// An order queue whose consumer is sometimes down for a weekend: messages
// are kept 7 days, a message received five times without being deleted
// is parked in the dead-letter queue (kept 14 days from its first enqueue),
// and two alarms notify an encrypted topic before anything expires.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Shop"), nil)
	orders := durablequeue.New(stack, "Orders", &durablequeue.Props{
		MaxReceiveCount: jsii.Number(5),
	})
	fmt.Println(*orders.Queue.Node().Path())
	fmt.Println(*orders.DeadLetterQueue.Node().Path())
	fmt.Println(*orders.Key.Node().Path())
	fmt.Println(*orders.AlarmTopic.Node().Path())
	fmt.Println(*orders.DeadLetterAlarm.Node().Path())
	fmt.Println(*orders.OldestMessageAlarm.Node().Path())
	// Output:
	// Shop/Orders/Queue
	// Shop/Orders/DeadLetterQueue
	// Shop/Orders/Key
	// Shop/Orders/AlarmTopic
	// Shop/Orders/DeadLetterAlarm
	// Shop/Orders/OldestMessageAlarm
}

// An operator role that may move the dead letters back to the main queue
// once the consumer is fixed (aws sqs start-message-move-task).
func ExampleDurableQueue_GrantRedrive() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Shop"), nil)
	orders := durablequeue.New(stack, "Orders", nil)
	operator := awsiam.NewRole(stack, jsii.String("Operator"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewAccountRootPrincipal(),
	})
	orders.GrantRedrive(operator)
	policy := operator.Node().FindChild(jsii.String("DefaultPolicy")).(awsiam.Policy)
	doc := stack.Resolve(policy.Document()).(map[string]any)
	for _, st := range doc["Statement"].([]any) {
		fmt.Println(st.(map[string]any)["Action"])
	}
	// Output:
	// [sqs:ReceiveMessage sqs:ChangeMessageVisibility sqs:GetQueueUrl sqs:DeleteMessage sqs:GetQueueAttributes]
	// kms:Decrypt
	// [sqs:StartMessageMoveTask sqs:ListMessageMoveTasks sqs:CancelMessageMoveTask]
	// [sqs:SendMessage sqs:GetQueueAttributes sqs:GetQueueUrl]
	// [kms:GenerateDataKey kms:Decrypt]
}
