package shardscaler_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/shardscaler"
)

// A provisioned stream of four shards that doubles when writes are throttled
// or incoming bytes pass 80% of its capacity, and halves after 30 quiet
// minutes, never below 2 or above 32 shards.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Ingest"), nil)
	orders := awskinesis.NewStream(stack, jsii.String("Orders"), &awskinesis.StreamProps{
		StreamMode: awskinesis.StreamMode_PROVISIONED,
		ShardCount: jsii.Number(4),
	})
	scaler := shardscaler.New(stack, "Scaler", &shardscaler.Props{
		Stream:                      orders,
		MinShards:                   jsii.Number(2),
		MaxShards:                   jsii.Number(32),
		ScaleOutAboveBytesPerSecond: jsii.Number(0.8 * 4 * 1024 * 1024),
	})
	fmt.Println(*scaler.ScaleOutAlarm.Node().Path())
	fmt.Println(*scaler.ScaleInAlarm.Node().Path())
	fmt.Println(*scaler.Rule.Node().Path())
	fmt.Println(*scaler.Function.Node().Path())
	// Output:
	// Ingest/Scaler/ScaleOutAlarm
	// Ingest/Scaler/ScaleInAlarm
	// Ingest/Scaler/Scaler/Rule
	// Ingest/Scaler/Scaler/Function
}
