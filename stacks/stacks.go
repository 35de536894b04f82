// Package stacks wires every deployable stack of this project into an app.
// app.go and the stack tests both call Build, so the tests check exactly what
// `cdk synth` produces.
package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/firehose"
	"github.com/cdk-data-patterns/patterns/stacks/glue"
	"github.com/cdk-data-patterns/patterns/stacks/lakehouse"
	"github.com/cdk-data-patterns/patterns/stacks/securestorage"
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
	checkLakeEnvironment(gcfg, wcfg)
	checkLakehouseEnvironment(gcfg, lcfg)

	securestorage.New(app, "SecureStorage", scfg)
	stream := streaming.New(app, "Streaming", stcfg)
	firehose.New(app, "FirehoseDelivery", fcfg)
	lake := glue.New(app, "GlueEtl", gcfg, stream.Ingest.Stream)
	warehouse.New(app, "Warehouse", wcfg, warehouseLake(lake, gcfg))
	lakehouse.New(app, "Lakehouse", lcfg, &lakehouse.Lake{
		Bucket: lake.Lake.Bucket, RawDatabase: gcfg.RawDatabase, CuratedDatabase: gcfg.CuratedDatabase, Table: gcfg.Table,
		RawPrefix: gcfg.RawPrefix, CuratedPrefix: glue.CuratedPrefix(gcfg),
	})
	if wcfg.Cdc.CrossAccount() {
		warehouse.NewSource(app, "CdcSource", wcfg)
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
