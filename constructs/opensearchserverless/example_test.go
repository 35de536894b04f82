package opensearchserverless_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchserverless"
)

// Weblogs from an existing Kinesis stream into a private TIMESERIES
// collection; a dashboard role reads them, granted after New.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("StreamAnalytics"), nil)
	weblogs := awskinesis.NewStream(stack, jsii.String("Weblogs"), &awskinesis.StreamProps{StreamMode: awskinesis.StreamMode_ON_DEMAND})
	logs := opensearchserverless.New(stack, "WeblogSearch", &opensearchserverless.Props{
		ExistingStream: weblogs,
		IndexName:      jsii.String("weblogs"),
	})
	analyst := awsiam.NewRole(stack, jsii.String("Analyst"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	logs.GrantRead(analyst)
	fmt.Println(*logs.CfnCollection.Type(), *logs.CfnCollection.StandbyReplicas())
	fmt.Println(*logs.DeliveryStream.Node().Path())
	// Output:
	// TIMESERIES ENABLED
	// StreamAnalytics/WeblogSearch/DeliveryStream
}
