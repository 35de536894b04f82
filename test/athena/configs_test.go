package athena_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/athena/sql"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	defaultsStack = "AthenaDefaults"
	optionsStack  = "AthenaOptions"
	managedStack  = "AthenaManaged"
)

// built are the constructs of the configurations, by role.
var built struct {
	defaults, options, managed *athena.WorkGroup
	spark, sparkOpts           *athena.SparkWorkGroup
	catalog, catalogOpts       *athena.CloudWatchCatalog
	run, runOpts               *athena.QueryRun
	reader                     awsiam.Role
	topic                      awssns.Topic
	lake                       *securebucket.SecureBucket
}

// ordersCTAS is the ETL-17 conversion of the lake's curated orders.
var ordersCTAS = sql.CTAS{
	Table:         "lake_curated.orders_parquet",
	Location:      "s3://example-lake/converted/orders/",
	Columns:       []string{"order_id", "customer_id", "amount", "cast(order_ts AS date) AS dt"},
	From:          "lake_curated.orders",
	PartitionedBy: []string{"dt"},
}

var defaults = testkit.Register("defaults", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(defaultsStack), nil)
	built.defaults = athena.New(stack, "Analysts", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(athena.MinBytesScannedCutoff)})
	built.spark = athena.NewSpark(stack, "Notebooks", nil)
	built.catalog = athena.NewCloudWatchCatalog(stack, "Logs", nil)
	stmts, err := ordersCTAS.Statements()
	if err != nil {
		panic(err)
	}
	built.run = athena.NewQueryRun(stack, "Convert", &athena.QueryRunProps{
		WorkGroup: built.defaults, Database: "lake_curated", Statements: stmts,
	})
})

var options = testkit.Register("options", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(optionsStack), nil)
	built.lake = securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	built.topic = awssns.NewTopic(stack, jsii.String("Ops"), &awssns.TopicProps{MasterKey: built.lake.Key, EnforceSSL: jsii.Bool(true)})
	built.options = athena.New(stack, "Team", &athena.Props{
		Name:                       jsii.String("team-a"),
		Description:                jsii.String("Team A"),
		BytesScannedCutoffPerQuery: jsii.Number(5e9),
		DataUsageLimits:            []athena.DataUsageLimit{{Bytes: 50e9, Period: awscdk.Duration_Minutes(jsii.Number(15))}},
		AlarmTopic:                 built.topic,
		ResultsBucket:              built.lake.Bucket,
		ResultsPrefix:              jsii.String("athena/team-a/"),
		Encryption:                 athena.CSEKMS,
		EncryptionKey:              built.lake.Key,
		ExpectedBucketOwner:        jsii.String("111111111111"),
		NamedQueries: []athena.NamedQuery{{
			Name: "orders per day", Database: "lake_curated", Description: "Daily order counts.",
			SQL: "SELECT dt, count(*) FROM orders GROUP BY dt",
		}},
		PreparedStatements: []athena.PreparedStatement{{
			Name: "orders_of_customer", SQL: "SELECT * FROM orders WHERE customer_id = ? AND dt >= ?",
			Parameters: []string{"customer_id", "since"}, Description: "Orders of one customer.",
		}},
	})
	built.options.AddNamedQuery(athena.NamedQuery{Name: "big spenders", Database: "lake_curated", SQL: "SELECT customer_id FROM orders WHERE amount > 1000"})
	built.options.AddPreparedStatement(athena.PreparedStatement{Name: "order_by_id", SQL: "SELECT * FROM orders WHERE order_id = ?"})
	built.reader = awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	built.options.GrantQuery(built.reader)
	athena.New(stack, "Quiet", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9), CreateAlarms: jsii.Bool(false), ResultsExpiration: awscdk.Duration_Days(jsii.Number(7))})
	built.sparkOpts = athena.NewSpark(stack, "Spark", &athena.SparkProps{
		Name: jsii.String("spark-team-a"), Description: jsii.String("Team A notebooks"),
		ResultsBucket: built.lake.Bucket, ResultsPrefix: jsii.String("spark/"), EncryptionKey: built.lake.Key,
		MaxConcurrentDpus: jsii.Number(40),
	})
	built.lake.Bucket.GrantRead(built.sparkOpts.ExecutionRole, jsii.String("curated/*"))
	built.catalogOpts = athena.NewCloudWatchCatalog(stack, "AppLogs", &athena.CatalogProps{
		Name: jsii.String("app_logs"), ConnectorVersion: jsii.String("2023.46.2"),
		LogGroupNamePrefixes: []string{"/aws/lambda/orders", "/app/"},
		SpillBucket:          built.lake.Bucket, SpillPrefix: jsii.String("spill/athena"), EncryptionKey: built.lake.Key,
		MemorySize: jsii.Number(1024), Timeout: awscdk.Duration_Minutes(jsii.Number(5)),
		LogRetention: "",
	})
	built.catalogOpts.GrantQuery(built.reader)
	cdknag.NagSuppressions_AddResourceSuppressionsByPath(stack, jsii.String("/"+*stack.Node().Path()+"/Reader/DefaultPolicy/Resource"), &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-IAM5"), Reason: jsii.String("A test role given WorkGroup.GrantQuery: objects under the results prefix and CDK's bucket and key grant actions."),
	}}, nil)
	batches, err := sql.InDateBatches("cast(order_ts AS date)", []string{"2026-01-01", "2026-01-02", "2026-01-03"}, 2)
	if err != nil {
		panic(err)
	}
	ctas := ordersCTAS
	ctas.Batches = batches
	ctas.Location = "s3://" + *built.lake.Bucket.BucketName() + "/converted/orders/" // a token until synthesis
	stmts, err := ctas.Statements()
	if err != nil {
		panic(err)
	}
	built.runOpts = athena.NewQueryRun(stack, "Backfill", &athena.QueryRunProps{
		WorkGroup: built.options, Database: "lake_curated", ReadDatabases: []string{"lake_raw"},
		Statements: stmts, Name: "orders backfill",
		Read:     []athena.Location{{Bucket: built.lake.Bucket, Prefix: "curated/orders/"}},
		Write:    []athena.Location{{Bucket: built.lake.Bucket, Prefix: "converted/orders/"}},
		Schedule: jsii.String("cron(0 3 * * ? *)"),
		Timeout:  awscdk.Duration_Hours(jsii.Number(6)),
	})
})

// managed keeps its results in Athena-owned storage: the workgroup has no
// ResultConfiguration, which the Control Tower controls CT.ATHENA.PR.1 and
// PR.2 look for (the results are still encrypted with the key, through
// ManagedQueryResultsConfiguration, which the controls predate).
var managed = testkit.Register("managed", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(managedStack), nil)
	built.managed = athena.New(stack, "Managed", &athena.Props{
		BytesScannedCutoffPerQuery: jsii.Number(1e9), ManagedQueryResults: jsii.Bool(true),
		DataUsageLimits: []athena.DataUsageLimit{}, // none
	})
})

var _ = testkit.ExpectGuard("managed",
	"CT.ATHENA.PR.1 "+managedStack+"/Managed/WorkGroup",
	"CT.ATHENA.PR.2 "+managedStack+"/Managed/WorkGroup")

// sandbox: with the switch on, the data stores are deleted with the stack
// (and the retention check accepts it); the constructs take no override
// props, so there is no DESTROY override to refuse without it.
var sandboxed = testkit.Register("sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String("AthenaSandbox"), nil)
	w := athena.New(stack, "Analysts", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9)})
	athena.NewCloudWatchCatalog(stack, "Logs", nil)
	athena.NewSpark(stack, "Notebooks", nil)
	athena.NewQueryRun(stack, "Unload", &athena.QueryRunProps{WorkGroup: w, Database: "lake_curated", Statements: []string{"SELECT 1"}})
})
