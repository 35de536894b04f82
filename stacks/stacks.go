// Package stacks wires every deployable stack of this project into an app.
// app.go and the stack tests both call Build, so the tests check exactly what
// `cdk synth` produces.
package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/audit"
	"github.com/cdk-data-patterns/patterns/stacks/dataprotection"
	"github.com/cdk-data-patterns/patterns/stacks/delivery"
	"github.com/cdk-data-patterns/patterns/stacks/firehose"
	"github.com/cdk-data-patterns/patterns/stacks/glue"
	"github.com/cdk-data-patterns/patterns/stacks/guardrails"
	"github.com/cdk-data-patterns/patterns/stacks/lakehouse"
	"github.com/cdk-data-patterns/patterns/stacks/orchestration"
	"github.com/cdk-data-patterns/patterns/stacks/securestorage"
	"github.com/cdk-data-patterns/patterns/stacks/serving"
	"github.com/cdk-data-patterns/patterns/stacks/sparkcompute"
	"github.com/cdk-data-patterns/patterns/stacks/streamanalytics"
	"github.com/cdk-data-patterns/patterns/stacks/streaming"
	"github.com/cdk-data-patterns/patterns/stacks/warehouse"
)

// Build adds every stack, configured from the app's context (cdk.json).
// scope is the app (a test may pass a construct under one).
// Every stack's context is read and checked before any stack is built, so a
// bad cdk.json value fails at once, without building the stacks before it.
func Build(app constructs.Construct) {
	scfg := securestorage.ConfigFrom(app)
	stcfg := streaming.ConfigFrom(app)
	fcfg := firehose.ConfigFrom(app)
	gcfg := glueConfig(app, stcfg)
	wcfg := warehouse.ConfigFrom(app)
	lcfg := lakehouse.ConfigFrom(app)
	ocfg := orchestration.ConfigFrom(app)
	spcfg := sparkcompute.ConfigFrom(app)
	sacfg := streamanalytics.ConfigFrom(app)
	acfg := audit.ConfigFrom(app)
	dpcfg := dataprotection.ConfigFrom(app)
	grcfg := guardrails.ConfigFrom(app)
	svcfg := serving.ConfigFrom(app)
	target := delivery.Target{Account: gcfg.Account, Region: gcfg.Region}
	dcfg := delivery.ConfigFrom(app, target)
	checkLakeEnvironment(gcfg, wcfg)
	checkLakehouseEnvironment(gcfg, lcfg)
	checkOrchestrationEnvironment(gcfg, ocfg)
	checkSearchEnvironment(fcfg, ocfg)
	checkSparkEnvironment(gcfg, spcfg)
	checkAuditEnvironment(gcfg, scfg, acfg)
	checkProtectionEnvironment(gcfg, scfg, dpcfg)
	checkServingEnvironment(gcfg, svcfg)
	checkServingWarehouse(wcfg, svcfg)

	secure := securestorage.New(app, "SecureStorage", scfg)
	stream := streaming.New(app, "Streaming", stcfg)
	fh := firehose.New(app, "FirehoseDelivery", fcfg)
	lake := glue.New(app, "GlueEtl", gcfg, stream.Ingest.Stream)
	wh := warehouse.New(app, "Warehouse", wcfg, warehouseLake(lake, gcfg))
	lh := lakehouse.New(app, "Lakehouse", lcfg, &lakehouse.Lake{
		Bucket: lake.Lake.Bucket, RawDatabase: gcfg.RawDatabase, CuratedDatabase: gcfg.CuratedDatabase, Table: gcfg.Table,
		RawPrefix: gcfg.RawPrefix, CuratedPrefix: glue.CuratedPrefix(gcfg),
	})
	orchestration.New(app, "Orchestration", ocfg, orchestrationLake(lake, gcfg), orchestrationWarehouse(wh), fh.Search)
	sparkcompute.New(app, "SparkCompute", spcfg, &sparkcompute.Lake{
		Bucket: lake.Lake.Bucket, OrdersPrefix: glue.CuratedPrefix(gcfg), CustomersPrefix: glue.UnifiedCustomersPrefix,
	}, sparkDevices(stream, stcfg, spcfg), sparkWarehouse(wh))
	streamanalytics.New(app, "StreamAnalytics", sacfg)
	audit.New(app, "Audit", acfg, &audit.Lake{Buckets: []awss3.IBucket{lake.Lake.Bucket, secure.Data.Bucket}})
	dataprotection.New(app, "DataProtection", dpcfg, &dataprotection.Lake{
		Bucket: lake.Lake.Bucket, RawPrefix: gcfg.RawPrefix,
		Buckets: []awss3.IBucket{secure.Data.Bucket}, Tables: protectedTables(stream, stcfg, dpcfg),
		LakeSettings: lh.Governance.Settings, Databases: []string{gcfg.RawDatabase, gcfg.CuratedDatabase},
	})
	serving.New(app, "Serving", svcfg, &serving.Lake{
		Bucket: lake.Lake.Bucket, RawPrefix: gcfg.RawPrefix, CuratedPrefix: glue.CuratedPrefix(gcfg),
		Databases: []string{gcfg.RawDatabase, gcfg.CuratedDatabase}, CuratedDatabase: gcfg.CuratedDatabase, Table: gcfg.Table,
	}, servingWarehouse(wh, svcfg))
	if wcfg.Cdc.CrossAccount() {
		warehouse.NewSource(app, "CdcSource", wcfg)
	}
	if dcfg.Enabled {
		delivery.New(app, "Delivery", dcfg, target)
	}
	if grcfg.Enabled {
		guardrails.New(app, "Guardrails", grcfg)
	}
}

// checkLakeEnvironment: the Warehouse stack reads the lake (GlueEtl) by
// cross-stack references, so both stacks need the same environment.
func checkLakeEnvironment(gcfg glue.Config, wcfg warehouse.Config) {
	if gcfg.Account != wcfg.Account || gcfg.Region != wcfg.Region {
		panic("context warehouse: account/region differ from glue's, so the warehouse cannot read the lake's published table (Spectrum) nor join its workflow (the lake load); give both stacks the same environment")
	}
}

// checkLakehouseEnvironment: the Lakehouse stack reads the lake (GlueEtl)
// by cross-stack references, so both stacks need the same environment.
func checkLakehouseEnvironment(gcfg glue.Config, lcfg lakehouse.Config) {
	if gcfg.Account != lcfg.Account || gcfg.Region != lcfg.Region {
		panic("context lakehouse: account/region differ from glue's, so the lakehouse cannot govern and query the lake's bucket and databases; give both stacks the same environment")
	}
}

// checkOrchestrationEnvironment: the Orchestration stack runs the lake's
// (GlueEtl) and the warehouse's jobs by cross-stack references; the
// warehouse shares GlueEtl's environment (checkLakeEnvironment).
func checkOrchestrationEnvironment(gcfg glue.Config, ocfg orchestration.Config) {
	if gcfg.Account != ocfg.Account || gcfg.Region != ocfg.Region {
		panic("context orchestration: account/region differ from glue's, so the orchestration cannot run the lake's crawler and jobs nor the warehouse's load; give the stacks the same environment")
	}
}

// checkSearchEnvironment: the Orchestration stack indexes the raw orders
// into FirehoseDelivery's OpenSearch domain (ORC-11) by cross-stack
// references, when that stack has its domain and the indexing is on.
func checkSearchEnvironment(fcfg firehose.Config, ocfg orchestration.Config) {
	if *fcfg.OpenSearch && ocfg.Search.On() && (fcfg.Account != ocfg.Account || fcfg.Region != ocfg.Region) {
		panic("context orchestration: account/region differ from firehose's, so the orders cannot be indexed into the FirehoseDelivery stack's OpenSearch domain; give both stacks the same environment, or set orchestration.search.enabled to false")
	}
}

// checkSparkEnvironment: the SparkCompute stack's jobs read and write the
// lake (GlueEtl) by cross-stack references.
func checkSparkEnvironment(gcfg glue.Config, scfg sparkcompute.Config) {
	if gcfg.Account != scfg.Account || gcfg.Region != scfg.Region {
		panic("context spark: account/region differ from glue's, so the Spark jobs cannot read and write the lake; give both stacks the same environment")
	}
}

// checkAuditEnvironment: the Audit stack records the data events of
// GlueEtl's lake and SecureStorage's data bucket (cross-stack references),
// unless trail.lakeDataEvents is false.
func checkAuditEnvironment(gcfg glue.Config, scfg securestorage.Config, acfg audit.Config) {
	if acfg.Trail.LakeDataEventsOn() && (gcfg.Account != acfg.Account || gcfg.Region != acfg.Region || scfg.Account != acfg.Account || scfg.Region != acfg.Region) {
		panic("context audit: account/region differ from glue's or securestorage's, so the trail cannot record the data events of the lake's buckets; give the stacks the same environment, or set audit.trail.lakeDataEvents to false")
	}
}

// checkProtectionEnvironment: the DataProtection stack scans, gates and
// backs up GlueEtl's lake and SecureStorage's data bucket by cross-stack
// references.
func checkProtectionEnvironment(gcfg glue.Config, scfg securestorage.Config, dcfg dataprotection.Config) {
	if gcfg.Account != dcfg.Account || gcfg.Region != dcfg.Region || scfg.Account != dcfg.Account || scfg.Region != dcfg.Region {
		panic("context dataProtection: account/region differ from glue's or securestorage's, so Macie cannot scan the lake and AWS Backup cannot protect its buckets; give the stacks the same environment")
	}
}

// checkServingEnvironment: the Serving stack reads and writes GlueEtl's
// lake by cross-stack references.
func checkServingEnvironment(gcfg glue.Config, scfg serving.Config) {
	if gcfg.Account != scfg.Account || gcfg.Region != scfg.Region {
		panic("context serving: account/region differ from glue's, so the stack cannot use the lake; give both stacks the same environment")
	}
}

// checkServingWarehouse: the Serving stack's warehouse dataset signs in as
// the Warehouse stack's BI user, which warehouse.biReader creates.
func checkServingWarehouse(wcfg warehouse.Config, svcfg serving.Config) {
	if svcfg.QuickSight.Warehouse && !wcfg.BiReader {
		panic("context serving: quickSight.warehouse = true needs the warehouse's read-only user bi_reader: set warehouse.biReader to true, or quickSight.warehouse to false")
	}
}

// servingWarehouse is the Warehouse stack's BI user and network for the
// Serving stack's warehouse dataset (ANA-05), nil when that dataset is off.
// The Warehouse shares GlueEtl's environment (checkLakeEnvironment), hence
// Serving's (checkServingEnvironment).
func servingWarehouse(wh *warehouse.Stack, svcfg serving.Config) *serving.Warehouse {
	b := wh.BiReader
	if !svcfg.QuickSight.Warehouse || b == nil {
		return nil
	}
	return &serving.Warehouse{
		Vpc: b.Vpc, SecurityGroup: b.Warehouse, Host: b.Host, Port: b.Port, Database: b.Database,
		Schema: warehouse.Schema, User: warehouse.BiReaderUser, Secret: b.Secret,
	}
}

// protectedTables are the tables the DataProtection stack backs up: the
// Streaming stack's latest-readings table when it has one in the same
// environment.
func protectedTables(stream *streaming.Stack, stcfg streaming.Config, dcfg dataprotection.Config) []awsdynamodb.ITable {
	if stream.Latest == nil || stcfg.Account != dcfg.Account || stcfg.Region != dcfg.Region {
		return nil
	}
	return []awsdynamodb.ITable{stream.Latest.Table}
}

// sparkDevices is the Streaming stack's latest-readings table that the
// SparkCompute stack exports (ETL-21), or nil when that stack has no such
// table or lives in another environment (the export is then left out).
func sparkDevices(stream *streaming.Stack, stcfg streaming.Config, scfg sparkcompute.Config) awsdynamodb.ITable {
	if stream.Latest == nil || stcfg.Account != scfg.Account || stcfg.Region != scfg.Region {
		return nil
	}
	return stream.Latest.Table
}

// sparkWarehouse is what the SparkCompute stack's offload (ETL-22) uses of
// the Warehouse stack, nil when its warehouse is serverless. The Warehouse
// shares GlueEtl's environment (checkLakeEnvironment), hence
// SparkCompute's (checkSparkEnvironment).
func sparkWarehouse(wh *warehouse.Stack) *sparkcompute.Warehouse {
	o := wh.Offload
	if o == nil {
		return nil
	}
	return &sparkcompute.Warehouse{
		Warehouse: o.Warehouse, Bucket: o.Bucket, Prefix: o.Prefix, EndpointSecurityGroup: o.EndpointSecurityGroup,
		User: o.User, Source: o.Source, Target: o.Target,
	}
}

// orchestrationLake is what the Orchestration stack runs of the lake.
func orchestrationLake(lake *glue.Stack, gcfg glue.Config) *orchestration.Lake {
	return &orchestration.Lake{
		Bucket: lake.Lake.Bucket, RawPrefix: gcfg.RawPrefix, Crawler: lake.Raw.Crawler.Ref(),
		Curate: lake.Curate.Job.JobName(), Standardize: lake.Standardize.Job.JobName(), Gate: lake.Quality.Job.Job.JobName(),
		Workflow: lake.Nightly.Workflow.WorkflowName(),
	}
}

// orchestrationWarehouse is what the Orchestration stack runs of the
// warehouse: its lake load, and the daily procedure as the scheduler user.
func orchestrationWarehouse(wh *warehouse.Stack) *orchestration.Warehouse {
	return &orchestration.Warehouse{
		LoadJob:   wh.LakeLoad.Job.JobName(),
		Target:    wh.Warehouse.DataAPITarget(warehouse.SchedulerUser),
		ExecuteOn: wh.Warehouse.DataAPIResource(),
		Grant:     func(g awsiam.IGrantable) { wh.Warehouse.GrantDataAPI(g, warehouse.SchedulerUser) },
		Procedure: "CALL " + warehouse.Schema + ".process_daily_data()",
	}
}

// warehouseLake is what the Warehouse stack reads from the lake (GlueEtl);
// GlueEtl deploys first.
func warehouseLake(lake *glue.Stack, gcfg glue.Config) *warehouse.Lake {
	return &warehouse.Lake{
		Bucket: lake.Lake.Bucket, Prefix: glue.CuratedPrefix(gcfg),
		Database: gcfg.CuratedDatabase, Table: gcfg.Table,
		Workflow: lake.Nightly.Workflow, Gate: lake.Quality.Job.Job,
		Customers: &warehouse.LakeTable{
			Prefix: glue.UnifiedCustomersPrefix, Database: gcfg.CuratedDatabase, Table: glue.UnifiedCustomersTable,
			Workflow: lake.Prep.Unify.Workflow, After: lake.Prep.Unify.Job.Job,
		},
	}
}

// glueConfig is the Glue stack's configuration; without its own streamArn it
// reads the Streaming stack's stream, which needs the same environment.
func glueConfig(app constructs.Construct, sc streaming.Config) glue.Config {
	cfg := glue.ConfigFrom(app)
	if cfg.StreamArn == "" && (cfg.Account != sc.Account || cfg.Region != sc.Region) {
		panic("context glue: account/region differ from streaming's, so the Glue streaming job cannot use the Streaming stack's stream; set glue.streamArn or give both stacks the same environment")
	}
	return cfg
}
