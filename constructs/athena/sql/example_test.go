package sql_test

import (
	"fmt"

	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
)

// Orders in the curated zone become Snappy Parquet partitioned by day.
func ExampleCTAS() {
	stmts, err := sql.CTAS{
		Table:         "lake_curated.orders_parquet",
		Location:      "s3://lake/converted/orders/",
		Columns:       []string{"order_id", "amount", "cast(order_ts AS date) AS dt"},
		From:          "lake_curated.orders",
		PartitionedBy: []string{"dt"},
	}.Statements()
	if err != nil {
		panic(err)
	}
	fmt.Println(stmts[0])
	// Output:
	// CREATE TABLE lake_curated.orders_parquet
	// WITH (
	//   format = 'PARQUET',
	//   write_compression = 'SNAPPY',
	//   external_location = 's3://lake/converted/orders/',
	//   partitioned_by = ARRAY['dt']
	// ) AS
	// SELECT order_id,
	//        amount,
	//        cast(order_ts AS date) AS dt
	// FROM lake_curated.orders
}
