package lakehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

// Table names in the lakehouse database.
const (
	IcebergTable   = "orders_iceberg"
	ProjectedTable = "orders_projected"
	ReviewsTable   = "reviews"
)

// ordersColumns are GlueEtl's curated orders (Parquet written by the gate).
var ordersColumns = []laketable.Column{
	{Name: "order_id", Type: laketable.String, Required: true},
	{Name: "customer_id", Type: laketable.String},
	{Name: "order_date", Type: laketable.Date},
	{Name: "status", Type: laketable.String},
	{Name: "amount", Type: laketable.Decimal(12, 2)},
}

// piiColumn is the orders' column tagged sensitivity=pii.
const piiColumn = "customer_id"

// tables: the Iceberg copy of the orders (STO-08) and the projected table
// over GlueEtl's published Parquet (STO-09), tagged; the data cells filter
// of shipped orders without customer ids (CAT-08).
func (s *Stack) tables(cfg Config, lake *Lake) {
	g := s.Governance
	s.Iceberg = laketable.NewIceberg(s.Stack, "OrdersIceberg", &laketable.IcebergProps{
		DatabaseName: cfg.Database, TableName: IcebergTable,
		Bucket: lake.Bucket, Prefix: IcebergPrefix,
		Columns:      ordersColumns,
		Partitioning: []laketable.PartitionField{{Column: "order_date", Transform: laketable.Month}},
	})
	// GlueEtl writes year and month as strings ("2026", "12").
	s.Projected = laketable.NewProjected(s.Stack, "OrdersProjected", &laketable.ProjectedProps{
		DatabaseName: cfg.Database, TableName: ProjectedTable,
		Bucket: lake.Bucket, Prefix: lake.CuratedPrefix,
		Columns:       ordersColumns,
		PartitionKeys: []laketable.Column{{Name: "year", Type: laketable.String}, {Name: "month", Type: laketable.String}},
		Projection: map[string]laketable.Projection{
			"year":  laketable.IntegerProjection{Min: 2020, Max: 2035},
			"month": laketable.IntegerProjection{Min: 1, Max: 12, Digits: jsii.Number(2)},
		},
	})
	s.Iceberg.Table.Node().AddDependency(s.Database)
	s.Projected.Table.Node().AddDependency(s.Database)

	// Every table of the database is domain=sales, sensitivity=public by
	// inheritance; the customer id columns are pii.
	lakeformation.NewTagAssociation(s.Stack, "DatabaseTags", &lakeformation.TagAssociationProps{
		Resource: lakeformation.Database{Name: cfg.Database},
		Tags: []lakeformation.TagCondition{{Tag: g.Domain, Values: []string{"sales"}},
			{Tag: g.Sensitivity, Values: []string{"public"}}},
		DependsOn: dependables(s.Database),
		Settings:  g.Settings,
	})
	for _, t := range []struct {
		id, name string
		table    awsglue.CfnTable
	}{{"IcebergPii", IcebergTable, s.Iceberg.Table}, {"ProjectedPii", ProjectedTable, s.Projected.Table}} {
		lakeformation.NewTagAssociation(s.Stack, t.id, &lakeformation.TagAssociationProps{
			Resource:  lakeformation.Columns{Database: cfg.Database, Table: t.name, Include: []string{piiColumn}},
			Tags:      []lakeformation.TagCondition{{Tag: g.Sensitivity, Values: []string{"pii"}}},
			DependsOn: dependables(t.table),
			Settings:  g.Settings,
		})
	}
	g.Shipped = lakeformation.NewDataCellsFilter(s.Stack, "ShippedOrders", &lakeformation.FilterProps{
		Database: cfg.Database, Table: ProjectedTable,
		RowFilter: "status = 'shipped'", ExcludedColumns: []string{piiColumn},
		DependsOn: dependables(s.Projected.Table),
		Settings:  g.Settings,
	})
}

func dependables(c ...constructs.IDependable) []constructs.IDependable { return c }
