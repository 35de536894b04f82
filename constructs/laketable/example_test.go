package laketable_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The curated orders as an Iceberg table partitioned by month, maintained
// by Glue, and the Parquet orders published under curated/orders/ as a
// projected table.
func ExampleNewIceberg() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lakehouse"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	columns := []laketable.Column{
		{Name: "order_id", Type: laketable.String, Required: true},
		{Name: "customer_id", Type: laketable.String},
		{Name: "order_date", Type: laketable.Date},
		{Name: "status", Type: laketable.String},
		{Name: "amount", Type: laketable.Decimal(12, 2)},
	}
	orders := laketable.NewIceberg(stack, "OrdersIceberg", &laketable.IcebergProps{
		DatabaseName: "lake_curated", TableName: "orders_iceberg",
		Bucket: lake.Bucket, Prefix: "iceberg/orders/",
		Columns:      columns,
		Partitioning: []laketable.PartitionField{{Column: "order_date", Transform: laketable.Month}},
	})
	projected := laketable.NewProjected(stack, "OrdersProjected", &laketable.ProjectedProps{
		DatabaseName: "lake_curated", TableName: "orders_projected",
		Bucket: lake.Bucket, Prefix: "curated/orders/",
		Columns:       columns,
		PartitionKeys: []laketable.Column{{Name: "year", Type: laketable.String}, {Name: "month", Type: laketable.String}},
		Projection: map[string]laketable.Projection{
			"year":  laketable.IntegerProjection{Min: 2020, Max: 2035},
			"month": laketable.IntegerProjection{Min: 1, Max: 12, Digits: jsii.Number(2)},
		},
	})
	fmt.Println(*orders.Table.Node().Path())
	for _, typ := range []string{laketable.CompactionOptimizer, laketable.RetentionOptimizer, laketable.OrphanFileOptimizer} {
		fmt.Println(typ, *orders.Optimizers[typ].Node().Path())
	}
	fmt.Println(*projected.Table.Node().Path())
	// Output:
	// Lakehouse/OrdersIceberg/Table
	// compaction Lakehouse/OrdersIceberg/Compaction
	// retention Lakehouse/OrdersIceberg/SnapshotRetention
	// orphan_file_deletion Lakehouse/OrdersIceberg/OrphanFileDeletion
	// Lakehouse/OrdersProjected/Table
}

// The notes' sensor example (CAT-03): devices report every hour and most
// queries ask for a day of readings, so time comes first.
func ExampleChooseLayout() {
	l, err := laketable.ChooseLayout(laketable.LayoutInput{
		Columns: []laketable.LayoutColumn{{Name: "reading_time", Time: true}, {Name: "device", Cardinality: 500}},
		Queries: []laketable.Query{
			{Filters: []string{"reading_time"}, Weight: 40, TimeRange: 24 * time.Hour},
			{Filters: []string{"reading_time", "device"}, Weight: 60, TimeRange: 24 * time.Hour},
		},
	})
	fmt.Println(l, err)
	fmt.Println(l.Template())
	// Output:
	// year/month/day/device <nil>
	// year=${year}/month=${month}/day=${day}/device=${device}/
}
