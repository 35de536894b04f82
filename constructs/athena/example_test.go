package athena_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
)

// Analysts query the lake in a workgroup that cancels any query scanning
// more than 10 GB; the curated orders are converted once to Parquet
// partitioned by day, by a state machine that waits for the CTAS; the
// CloudWatch Logs of the account can be queried as the catalog "logs".
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lakehouse"), nil)
	analysts := athena.New(stack, "Analysts", &athena.Props{
		Name:                       jsii.String("analysts"),
		BytesScannedCutoffPerQuery: jsii.Number(10e9),
		PreparedStatements: []athena.PreparedStatement{{
			Name: "orders_of_customer", SQL: "SELECT * FROM orders WHERE customer_id = ?", Parameters: []string{"customer_id"},
		}},
	})
	convert, err := sql.CTAS{
		Table: "lake_curated.orders_parquet", Location: "s3://lake-bucket/converted/orders/",
		Columns:       []string{"order_id", "amount", "cast(order_ts AS date) AS dt"},
		From:          "lake_curated.orders",
		PartitionedBy: []string{"dt"},
	}.Statements()
	if err != nil {
		panic(err)
	}
	run := athena.NewQueryRun(stack, "ConvertOrders", &athena.QueryRunProps{
		WorkGroup: analysts, Database: "lake_curated", Statements: convert,
	})
	logs := athena.NewCloudWatchCatalog(stack, "Logs", &athena.CatalogProps{Name: jsii.String("logs")})
	fmt.Println(analysts.Name, len(analysts.DataUsageAlarms), len(analysts.PreparedStatements))
	fmt.Println(*run.StateMachine.Node().Path(), len(run.NamedQueries))
	fmt.Println(logs.Name, *logs.Connector.Node().Path())
	// Output:
	// analysts 2 1
	// Lakehouse/ConvertOrders/StateMachine 1
	// logs Lakehouse/Logs/Connector
}
