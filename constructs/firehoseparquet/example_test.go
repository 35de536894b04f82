package firehoseparquet_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehoseparquet"
)

// Point-of-sale terminals send CSV lines ("store,sku,quantity,price,sold_at");
// they are stored as Snappy-compressed Parquet for Athena. The Glue table
// the construct creates is both the Parquet schema and the CSV field order.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Sales"), nil)
	sales := firehoseparquet.New(stack, "Sales", &firehoseparquet.Props{
		Columns: []firehoseparquet.Column{
			{Name: "store", Type: "string"},
			{Name: "sku", Type: "string"},
			{Name: "quantity", Type: "int"},
			{Name: "price", Type: "decimal(10,2)"},
			{Name: "sold_at", Type: "timestamp", Comment: "UTC"},
		},
	})
	fmt.Println(*sales.CfnDeliveryStream.Node().Path())
	fmt.Println(*sales.Processor.Node().Path())
	fmt.Println(*sales.TableName)
	fmt.Println(*sales.Bucket.Node().Path())
	fmt.Println(*sales.ConversionFailureAlarm.Node().Path())
	fmt.Println(*sales.ProcessorErrorsAlarm.Node().Path())
	// Output:
	// Sales/Sales/DeliveryStream
	// Sales/Sales/Processor/Function
	// records
	// Sales/Sales/Destination/Bucket
	// Sales/Sales/ConversionFailureAlarm
	// Sales/Sales/ProcessorErrorsAlarm
}
