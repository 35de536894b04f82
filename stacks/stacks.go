// Package stacks wires every deployable stack of this project into an app.
// app.go and the stack tests both call Build, so the tests check exactly what
// `cdk synth` produces.
package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/cdk-data-patterns/patterns/stacks/firehose"
	"github.com/cdk-data-patterns/patterns/stacks/securestorage"
	"github.com/cdk-data-patterns/patterns/stacks/streaming"
)

// Build adds every stack, configured from the app's context (cdk.json).
func Build(app awscdk.App) {
	securestorage.New(app, "SecureStorage", securestorage.ConfigFrom(app))
	streaming.New(app, "Streaming", streaming.ConfigFrom(app))
	firehose.New(app, "FirehoseDelivery", firehose.ConfigFrom(app))
}
