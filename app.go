// Command patterns is the CDK app of cdk data patterns: `npx cdk synth` runs
// it (cdk.json: "app": "go run ."). It adds every stack of stacks.Build, the
// cdk-nag AwsSolutions checks and the compliance packs the "compliance"
// context lists (stacks/checks), whose findings fail the synthesis.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/stacks"
	"github.com/cdk-data-patterns/patterns/stacks/checks"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	checks.Add(app)
	stacks.Build(app)
	app.Synth(nil)
}
