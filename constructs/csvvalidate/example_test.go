package csvvalidate_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Order files land in s3://<new bucket>/incoming/; each is checked against
// the orders schema and moved to valid/ or quarantine/, with a report under
// reports/.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Landing"), nil)
	v := csvvalidate.New(stack, "Orders", &csvvalidate.Props{
		Schema: &csvvalidate.Schema{Columns: []csvvalidate.Column{
			{Name: "order_id", Type: csvvalidate.Int},
			{Name: "customer_id", Type: csvvalidate.Int},
			{Name: "amount", Type: csvvalidate.Decimal},
			{Name: "order_date", Type: csvvalidate.Date},
			{Name: "note", Type: csvvalidate.String, Nullable: true},
		}},
		ReservedConcurrency: jsii.Number(10),
	})
	fmt.Println(v.IncomingPrefix, v.ValidPrefix, v.QuarantinePrefix, v.ReportPrefix)
	fmt.Println(*v.Function.Node().Path())
	// Output:
	// incoming/ valid/ quarantine/ reports/
	// Landing/Orders/Function
}

// The lake bucket belongs to another stack: an EventBridge rule in this
// stack invokes the validator, and nothing is written on the bucket (which
// sends its events to EventBridge, as every securebucket does). A valid file
// lands under raw/orders/, where the lake's pipeline picks it up.
func ExampleNew_eventBridge() {
	app := awscdk.NewApp(nil)
	lake := securebucket.New(awscdk.NewStack(app, jsii.String("Lake"), nil), "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	stack := awscdk.NewStack(app, jsii.String("Orchestration"), nil)
	v := csvvalidate.New(stack, "Orders", &csvvalidate.Props{
		Bucket:           lake.Bucket,
		Trigger:          csvvalidate.EventBridge,
		IncomingPrefix:   "landing/orders/",
		ValidPrefix:      "raw/orders/",
		QuarantinePrefix: "quarantine/orders/",
		ReportPrefix:     "reports/orders/",
		Schema: &csvvalidate.Schema{Columns: []csvvalidate.Column{
			{Name: "order_id", Type: csvvalidate.Int},
			{Name: "amount", Type: csvvalidate.Decimal},
		}},
	})
	fmt.Println(v.Trigger, *v.Rule.Node().Path())
	// Output:
	// EventBridge Orchestration/Orders/ArrivalRule
}
