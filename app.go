// Command patterns is the CDK app of cdk data patterns: `npx cdk synth` runs
// it (cdk.json: "app": "go run ."). It adds every stack of stacks.Build and the
// cdk-nag AwsSolutions checks, whose findings fail the synthesis.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/stacks"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)
	stacks.Build(app)
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	app.Synth(nil)
}
