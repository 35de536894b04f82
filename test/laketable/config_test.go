package laketable_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "LakeTables"

// ordersColumns are GlueEtl's curated orders (stacks/warehouse lakeOrders).
var ordersColumns = []laketable.Column{
	{Name: "order_id", Type: laketable.String, Required: true, Comment: "the order's key"},
	{Name: "customer_id", Type: laketable.String},
	{Name: "order_date", Type: laketable.Date},
	{Name: "status", Type: laketable.String},
	{Name: "amount", Type: laketable.Decimal(12, 2)},
}

var eventColumns = []laketable.Column{
	{Name: "event_id", Type: laketable.BigInt, Required: true},
	{Name: "ts", Type: laketable.Timestamp},
	{Name: "customer_id", Type: laketable.String},
	{Name: "name", Type: laketable.String},
	{Name: "score", Type: laketable.Double},
	{Name: "ok", Type: laketable.Boolean},
	{Name: "payload", Type: laketable.Binary},
	{Name: "n", Type: laketable.Int},
	{Name: "ratio", Type: laketable.Float},
}

var built struct {
	orders, events, orphanOnly       *laketable.Iceberg
	projected, eventsHive, partition *laketable.Projected
	reader, writer                   awsiam.IRole
	lakeKey, plainKey                string
}

var configs = testkit.Register("laketable", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(stackName), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	other := securebucket.New(stack, "Other", nil)
	b := &built

	// Defaults: the curated orders as Iceberg, partitioned by month(order_date).
	b.orders = laketable.NewIceberg(stack, "OrdersIceberg", &laketable.IcebergProps{
		DatabaseName: "lake_curated", TableName: "orders_iceberg",
		Bucket: lake.Bucket, Prefix: "iceberg/orders/",
		Columns:      ordersColumns,
		Partitioning: []laketable.PartitionField{{Column: "order_date", Transform: laketable.Month}},
	})
	// Every option.
	b.events = laketable.NewIceberg(stack, "Events", &laketable.IcebergProps{
		DatabaseName: "lake_curated", TableName: "events",
		Bucket: other.Bucket, Prefix: "iceberg/events/",
		Columns: eventColumns,
		Partitioning: []laketable.PartitionField{
			{Column: "ts", Transform: laketable.Day},
			{Column: "ts", Transform: laketable.Hour},
			{Column: "customer_id", Transform: laketable.Bucket(16)},
			{Column: "name", Transform: laketable.Truncate(4), Name: "name_prefix"},
			{Column: "event_id", Transform: laketable.Identity},
		},
		WriteOrder: []laketable.SortField{{Column: "ts"}, {Column: "score", Descending: true, NullsLast: true}},
		Properties: map[string]string{"write.parquet.compression-codec": "snappy", "write.target-file-size-bytes": "268435456"},
		Maintenance: &laketable.Maintenance{
			Strategy: laketable.Sort, MinInputFiles: jsii.Number(50), DeleteFileThreshold: jsii.Number(5),
			SnapshotRetentionDays: jsii.Number(7), SnapshotsToRetain: jsii.Number(3), CleanExpiredFiles: jsii.Bool(false),
			OrphanFileRetentionDays: jsii.Number(10),
		},
	})
	b.orphanOnly = laketable.NewIceberg(stack, "OrphanOnly", &laketable.IcebergProps{
		DatabaseName: "lake_curated", TableName: "orphan_only",
		Bucket: lake.Bucket, Prefix: "iceberg/orphan_only/",
		Columns:     []laketable.Column{{Name: "id", Type: laketable.String}},
		Maintenance: &laketable.Maintenance{Compaction: jsii.Bool(false), SnapshotRetention: jsii.Bool(false), OrphanFileDeletion: jsii.Bool(true)},
	})
	b.reader = awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil)})
	b.writer = awsiam.NewRole(stack, jsii.String("Writer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil)})
	b.orders.GrantRead(b.reader)
	b.orders.GrantReadWrite(b.writer)

	// STO-09: the curated orders of GlueEtl, projected by year and month.
	b.projected = laketable.NewProjected(stack, "OrdersProjected", &laketable.ProjectedProps{
		DatabaseName: "lake_curated", TableName: "orders_projected",
		Bucket: lake.Bucket, Prefix: "curated/orders/",
		Columns:       ordersColumns,
		PartitionKeys: []laketable.Column{{Name: "year", Type: laketable.String}, {Name: "month", Type: laketable.String}},
		Projection: map[string]laketable.Projection{
			"year":  laketable.IntegerProjection{Min: 2020, Max: 2035},
			"month": laketable.IntegerProjection{Min: 1, Max: 12, Digits: jsii.Number(2), Interval: jsii.Number(1)},
		},
	})
	b.projected.GrantRead(b.reader)
	for _, r := range []awsiam.IRole{b.reader, b.writer} {
		cdknag.NagSuppressions_AddResourceSuppressions(r, &[]*cdknag.NagPackSuppression{{
			Id:     jsii.String("AwsSolutions-IAM5"),
			Reason: jsii.String("Test roles of a query engine: they read and write the objects under the tables' prefixes with the lake key's grant."),
		}}, jsii.Bool(true))
	}
	// Every projection type, a template of one's own, Spark bucketing.
	b.eventsHive = laketable.NewProjected(stack, "EventsHive", &laketable.ProjectedProps{
		DatabaseName: "lake_raw", TableName: "events_hive",
		Bucket: other.Bucket, Prefix: "hive/events/",
		Columns: []laketable.Column{{Name: "event_id", Type: laketable.BigInt}, {Name: "customer_id", Type: laketable.String, Comment: "hashed"}},
		PartitionKeys: []laketable.Column{
			{Name: "dt", Type: laketable.String}, {Name: "region", Type: laketable.String}, {Name: "device", Type: laketable.String},
		},
		Projection: map[string]laketable.Projection{
			"dt":     laketable.DateProjection{Format: "yyyy/MM/dd", Range: "2020/01/01,NOW", Interval: jsii.Number(1), Unit: "DAYS"},
			"region": laketable.EnumProjection{Values: []string{"eu", "us"}},
			"device": laketable.InjectedProjection{},
		},
		LocationTemplate: "s3://example-bucket/hive/events/${region}/${dt}/${device}/",
		BucketColumns:    []string{"customer_id"}, NumberOfBuckets: jsii.Number(16), BucketingFormat: laketable.SparkBucketing,
	})
	// Partitioned, no projection (MSCK REPAIR TABLE / crawler), Hive bucketing.
	b.partition = laketable.NewProjected(stack, "Plain", &laketable.ProjectedProps{
		DatabaseName: "lake_raw", TableName: "plain",
		Bucket: lake.Bucket, Prefix: "plain/",
		Columns:       []laketable.Column{{Name: "id", Type: laketable.String}},
		PartitionKeys: []laketable.Column{{Name: "dt", Type: laketable.Date}},
		BucketColumns: []string{"id"}, NumberOfBuckets: jsii.Number(8),
	})
})
