package serving

import (
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
