package serving

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/cdk-data-patterns/patterns/constructs/quicksight"
	"github.com/cdk-data-patterns/patterns/constructs/saasflow"
)

// appFlow adds ING-22: the Salesforce object pulled every hour, only the
// records changed since the last run, into its own bucket as Parquet
// under saas/salesforce/<object>/ by day.
func (s *Stack) appFlow(cfg AppFlowConfig) {
	s.AppFlow = saasflow.New(s.Stack, "AppFlow", &saasflow.Props{
		ConnectorProfileName: cfg.ConnectorProfileName,
		Object:               cfg.Object,
	})
}

// quickSight adds ANA-04: a SPICE dataset of the curated orders, imported
// through the data API's Athena workgroup (its scan cutoff applies) and
// refreshed daily at 04:00 UTC.
func (s *Stack) quickSight(cfg QuickSightConfig, lake *Lake) {
	s.QuickSight = quicksight.New(s.Stack, "QuickSight", &quicksight.Props{
		Athena:     &quicksight.Athena{WorkGroup: s.ApiWorkGroup.Name},
		OwnerArn:   cfg.OwnerArn,
		ReaderArns: cfg.ReaderArns,
		Table: &quicksight.Table{
			Sql: "SELECT order_id, customer_id, order_date, status, amount FROM " + lake.CuratedDatabase + "." + lake.Table,
			Columns: []quicksight.Column{
				{Name: "order_id", Type: "STRING"}, {Name: "customer_id", Type: "STRING"},
				{Name: "order_date", Type: "DATETIME"}, {Name: "status", Type: "STRING"}, {Name: "amount", Type: "DECIMAL"},
			},
		},
	})
}

// Warehouse is what the warehouse dataset uses of the Warehouse stack: its
// network and endpoint, and the read-only user's secret.
type Warehouse struct {
	Vpc awsec2.IVpc
	// SecurityGroup of the warehouse: it admits the VPC connection.
	SecurityGroup awsec2.IConnectable
	Host          *string
	Port          float64
	Database      string
	// Schema holds the tables; User's secret is Secret.
	Schema, User string
	Secret       awssecretsmanager.ISecret
}

// warehouseDataset adds ANA-05: a SPICE dataset of the orders by day,
// region and customer segment, read from the warehouse through a
// QuickSight VPC connection in its VPC as its BI user (role analyst:
// no personal columns), refreshed daily at 04:00 UTC.
func (s *Stack) warehouseDataset(cfg QuickSightConfig, wh *Warehouse) {
	sc := wh.Schema
	s.WarehouseDataset = quicksight.New(s.Stack, "WarehouseDataset", &quicksight.Props{
		Redshift: &quicksight.Redshift{
			Vpc: wh.Vpc, Warehouse: wh.SecurityGroup, Host: *wh.Host, Port: wh.Port, Database: wh.Database, Secret: wh.Secret,
		},
		OwnerArn:   cfg.OwnerArn,
		ReaderArns: cfg.ReaderArns,
		Table: &quicksight.Table{
			Sql: "SELECT o.order_date, r.region_name, c.segment, o.status, COUNT(*) AS orders, SUM(o.amount) AS amount FROM " +
				sc + ".orders o JOIN " + sc + ".regions r ON r.region_id = o.region_id JOIN " + sc + ".customers c ON c.customer_id = o.customer_id " +
				"GROUP BY o.order_date, r.region_name, c.segment, o.status",
			Columns: []quicksight.Column{
				{Name: "order_date", Type: "DATETIME"}, {Name: "region_name", Type: "STRING"}, {Name: "segment", Type: "STRING"},
				{Name: "status", Type: "STRING"}, {Name: "orders", Type: "INTEGER"}, {Name: "amount", Type: "DECIMAL"},
			},
		},
	})
}
