package scheduledindex_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/scheduledindex"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// The notes' EC2 cron script, replaced: every 8 hours the CSV exports that
// arrived under "exports/orders/" are cleaned (headers to snake_case,
// values trimmed, empty rows dropped, order_id and amount parsed as
// numbers) and indexed into the "orders" index of an OpenSearch domain,
// where Dashboards searches and charts them.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Reports"), nil)
	search := streamtoopensearch.New(stack, "Search", nil)
	lake := securebucket.New(stack, "Lake", nil)
	orders := scheduledindex.New(stack, "Orders", &scheduledindex.Props{
		Bucket:    lake.Bucket,
		Prefix:    jsii.String("exports/orders/"),
		Search:    search,
		IndexName: jsii.String("orders"),
		Columns: map[string]scheduledindex.ColumnType{
			"order_id":   scheduledindex.Integer,
			"amount":     scheduledindex.Float,
			"ordered_at": scheduledindex.Timestamp,
		},
	})
	fmt.Println(*orders.Schedule.ScheduleExpression())
	fmt.Println(orders.IndexPattern)
	fmt.Println(*orders.Function.Node().Path())
	fmt.Println(*orders.RoleMapping.Node().Path())
	fmt.Println(*orders.DeadLetterQueue.Node().Path())
	// Output:
	// rate(8 hours)
	// orders
	// Reports/Orders/Function
	// Reports/Orders/WriterMapping/Resource
	// Reports/Orders/FailureQueue
}
