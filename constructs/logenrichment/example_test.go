package logenrichment_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logenrichment"
)

// The JSON logs of a checkout service name a "user_id"; each event is
// stored in S3 together with that user's item from a DynamoDB table of
// customers, for research. The lookups are batched and cached for a minute.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Research"), nil)
	logs := awslogs.LogGroup_FromLogGroupName(stack, jsii.String("Checkout"), jsii.String("/app/checkout"))
	customers := awsdynamodb.Table_FromTableName(stack, jsii.String("Customers"), jsii.String("customers"))
	enriched := logenrichment.New(stack, "Enriched", &logenrichment.Props{
		LogGroup: logs,
		Table:    customers,
		TableKey: jsii.String("customer_id"),
		KeyField: jsii.String("user_id"),
	})
	fmt.Println(*enriched.Enricher.Node().Path())
	fmt.Println(*enriched.SubscriptionRole.Node().Path())
	fmt.Println(*enriched.CfnDeliveryStream.Node().Path())
	fmt.Println(*enriched.Bucket.Node().Path())
	// Output:
	// Research/Enriched/Enricher/Function
	// Research/Enriched/SubscriptionRole
	// Research/Enriched/Delivery/DeliveryStream
	// Research/Enriched/Delivery/Destination/Bucket
}
