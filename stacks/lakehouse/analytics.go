package lakehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// Analytics is the stack's Athena part.
type Analytics struct {
	// WorkGroup is the analysts' workgroup (ANA-01) with the saved queries.
	WorkGroup *athena.WorkGroup
	// MergeOrders upserts the curated orders into the Iceberg table daily;
	// ConvertReviews turns the TSV reviews into partitioned Parquet once
	// (ETL-17).
	MergeOrders, ConvertReviews *athena.QueryRun
	// Spark is the notebook workgroup (ANA-03); Logs the federated catalog
	// over CloudWatch Logs (MON-05). Nil when turned off.
	Spark *athena.SparkWorkGroup
	Logs  *athena.CloudWatchCatalog
}

// ReviewsParquetPrefix holds the Parquet copy of the reviews.
const ReviewsParquetPrefix = "curated/reviews/"

// analytics: the workgroup everybody queries through, its saved queries and
// prepared statement, the daily Iceberg MERGE, the one-time CTAS of the
// reviews, the Spark workgroup and the CloudWatch Logs catalog.
func (s *Stack) analytics(cfg Config, lake *Lake) {
	a := &Analytics{}
	s.Analytics = a
	names := namedQueryNames()
	queries := NamedQueries()
	saved := make([]athena.NamedQuery, len(names))
	for i, n := range names {
		saved[i] = athena.NamedQuery{Name: n, Database: cfg.Database, SQL: queries[n]}
	}
	a.WorkGroup = athena.New(s.Stack, "WorkGroup", &athena.Props{
		Description:                jsii.String("Analysts' queries of the lakehouse: enforced settings, engine v3, KMS results"),
		BytesScannedCutoffPerQuery: jsii.Number(float64(cfg.ScanCutoffMB) * 1e6),
		DataUsageLimits: []athena.DataUsageLimit{
			{Bytes: float64(cfg.DailyScanAlarmGB) * 1e9, Period: awscdk.Duration_Days(jsii.Number(1))},
		},
		NamedQueries: saved,
		PreparedStatements: []athena.PreparedStatement{{
			Name:        "orders_by_status",
			SQL:         "SELECT order_id, order_date, amount FROM " + cfg.Database + "." + ProjectedTable + " WHERE status = ? AND year = ?",
			Parameters:  []string{"status", "year"},
			Description: "EXECUTE orders_by_status USING 'shipped', '2026'",
		}},
	})
	if cfg.AlarmEmail != "" {
		a.WorkGroup.AlarmTopic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	for _, role := range []awsiam.IRole{s.Analyst, s.Fulfilment, s.RawReader} {
		a.WorkGroup.GrantQuery(role)
	}
	s.mergeOrders(cfg, lake)
	s.convertReviews(cfg, lake)
	if on(cfg.Spark) {
		a.Spark = athena.NewSpark(s.Stack, "Notebooks", nil)
		s.grantLakehouse(cfg, "Notebooks", a.Spark.ExecutionRole, []lakeformation.Permission{lakeformation.Select, lakeformation.Describe})
	}
	if on(cfg.FederatedLogs) {
		a.Logs = athena.NewCloudWatchCatalog(s.Stack, "LogsCatalog", &athena.CatalogProps{Name: jsii.String("cloudwatch_logs")})
		a.Logs.GrantQuery(s.Analyst)
	}
}

// mergeOrders: the daily MERGE of GlueEtl's published orders into the
// Iceberg table (07:00 UTC, after the lake's nightly run), as a Step
// Functions query run whose role reads lake_curated.orders through IAM and
// writes the Iceberg table through Lake Formation.
func (s *Stack) mergeOrders(cfg Config, lake *Lake) {
	a := s.Analytics
	a.MergeOrders = athena.NewQueryRun(s.Stack, "MergeOrders", &athena.QueryRunProps{
		WorkGroup: a.WorkGroup, Database: cfg.Database, ReadDatabases: []string{lake.CuratedDatabase},
		Statements: []string{MergeOrdersSQL(cfg.Database, lake.CuratedDatabase, lake.Table)},
		Read:       []athena.Location{{Bucket: lake.Bucket, Prefix: lake.CuratedPrefix}},
		Write:      []athena.Location{{Bucket: lake.Bucket, Prefix: IcebergPrefix}},
		Schedule:   jsii.String("cron(0 7 * * ? *)"),
	})
	role := a.MergeOrders.Role
	g := s.Governance
	t := lakeformation.NewGrant(s.Stack, "MergeOrdersTable", &lakeformation.GrantProps{
		Principal: *role.RoleArn(), Resource: lakeformation.Table{Database: cfg.Database, Name: IcebergTable},
		Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Insert, lakeformation.Delete, lakeformation.Alter, lakeformation.Describe},
		DependsOn:   dependables(s.Iceberg.Table), Settings: g.Settings,
	})
	l := lakeformation.NewGrant(s.Stack, "MergeOrdersLocation", &lakeformation.GrantProps{
		Principal: *role.RoleArn(), Resource: lakeformation.DataLocation{Location: g.Iceberg},
		Permissions: []lakeformation.Permission{lakeformation.DataLocationAccess}, Settings: g.Settings,
	})
	a.MergeOrders.StateMachine.Node().AddDependency(t.Resource, l.Resource)
	lakeformation.GrantDataAccess(role)
}

// convertReviews: a one-time CTAS (ETL-17) of the crawled TSV reviews into
// Parquet partitioned by year under ReviewsParquetPrefix, a table of the
// lakehouse database (the analysts' tags apply by inheritance). Start it
// once the crawler has made the reviews table; a CTAS fails when its table
// exists, so it has no schedule.
func (s *Stack) convertReviews(cfg Config, lake *Lake) {
	a := s.Analytics
	g := s.Governance
	statements, err := sql.CTAS{
		Table:         cfg.Database + ".reviews_parquet",
		Location:      "s3://" + *lake.Bucket.BucketName() + "/" + ReviewsParquetPrefix,
		Columns:       []string{"review_id", "product_id", "customer_id", "star_rating", "review_body", "substr(CAST(review_date AS varchar), 1, 4) AS review_year"},
		From:          cfg.Database + "." + ReviewsTable,
		PartitionedBy: []string{"review_year"},
	}.Statements()
	if err != nil {
		panic(err)
	}
	target := lakeformation.NewLocation(s.Stack, "ReviewsParquetLocation", &lakeformation.LocationProps{
		Bucket: lake.Bucket, Prefix: ReviewsParquetPrefix, Settings: g.Settings,
	})
	a.ConvertReviews = athena.NewQueryRun(s.Stack, "ConvertReviews", &athena.QueryRunProps{
		WorkGroup: a.WorkGroup, Database: cfg.Database, Statements: statements,
		Read:  []athena.Location{{Bucket: lake.Bucket, Prefix: ReviewsPrefix}},
		Write: []athena.Location{{Bucket: lake.Bucket, Prefix: ReviewsParquetPrefix}},
	})
	role := *a.ConvertReviews.Role.RoleArn()
	for _, grant := range []struct {
		id    string
		r     lakeformation.Resource
		perms []lakeformation.Permission
	}{
		{"ConvertReviewsCreate", lakeformation.Database{Name: cfg.Database}, []lakeformation.Permission{lakeformation.CreateTable, lakeformation.Describe}},
		// The crawler names the reviews table at its first run, so the
		// grant covers the database's tables (read only).
		{"ConvertReviewsRead", lakeformation.AllTables{Database: cfg.Database}, []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}},
		{"ConvertReviewsSource", lakeformation.DataLocation{Location: g.Reviews}, []lakeformation.Permission{lakeformation.DataLocationAccess}},
		{"ConvertReviewsTarget", lakeformation.DataLocation{Location: target}, []lakeformation.Permission{lakeformation.DataLocationAccess}},
	} {
		gr := lakeformation.NewGrant(s.Stack, grant.id, &lakeformation.GrantProps{
			Principal: role, Resource: grant.r, Permissions: grant.perms, DependsOn: dependables(s.Database), Settings: g.Settings,
		})
		a.ConvertReviews.StateMachine.Node().AddDependency(gr.Resource)
	}
	lakeformation.GrantDataAccess(a.ConvertReviews.Role)
}

// grantLakehouse gives role what the analysts read (the tables tagged
// domain=sales, sensitivity=public) and the IAM half of it.
func (s *Stack) grantLakehouse(cfg Config, id string, role awsiam.IRole, perms []lakeformation.Permission) {
	g := s.Governance
	lakeformation.NewGrant(s.Stack, id+"Tables", &lakeformation.GrantProps{
		Principal: *role.RoleArn(),
		Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagTables, Conditions: []lakeformation.TagCondition{
			{Tag: g.Domain, Values: []string{"sales"}}, {Tag: g.Sensitivity, Values: []string{"public"}}}},
		Permissions: perms, DependsOn: dependables(s.Database), Settings: g.Settings,
	})
	lakeformation.GrantQuery(s.Stack, role, cfg.Database)
}
