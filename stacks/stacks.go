// Package stacks wires every deployable stack of this project into an app.
// app.go and the stack tests both call Build, so the tests check exactly what
// `cdk synth` produces.
package stacks

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/firehose"
	"github.com/cdk-data-patterns/patterns/stacks/glue"
	"github.com/cdk-data-patterns/patterns/stacks/securestorage"
	"github.com/cdk-data-patterns/patterns/stacks/streaming"
	"github.com/cdk-data-patterns/patterns/stacks/warehouse"
)

// Build adds every stack, configured from the app's context (cdk.json).
// scope is the app (a test may pass a construct under one).
func Build(app constructs.Construct) {
	securestorage.New(app, "SecureStorage", securestorage.ConfigFrom(app))
	stream := streaming.New(app, "Streaming", streaming.ConfigFrom(app))
	firehose.New(app, "FirehoseDelivery", firehose.ConfigFrom(app))
	glue.New(app, "GlueEtl", glueConfig(app, stream), stream.Ingest.Stream)
	wcfg := warehouse.ConfigFrom(app)
	warehouse.New(app, "Warehouse", wcfg)
	if wcfg.Cdc.CrossAccount() {
		warehouse.NewSource(app, "CdcSource", wcfg)
	}
}

// glueConfig is the Glue stack's configuration; without its own streamArn it
// reads the Streaming stack's stream, which needs the same environment.
func glueConfig(app constructs.Construct, stream *streaming.Stack) glue.Config {
	cfg := glue.ConfigFrom(app)
	sc := streaming.ConfigFrom(app)
	if cfg.StreamArn == "" && (cfg.Account != sc.Account || cfg.Region != sc.Region) {
		panic("context glue: account/region differ from streaming's, so the Glue streaming job cannot use the Streaming stack's stream; set glue.streamArn or give both stacks the same environment")
	}
	return cfg
}
