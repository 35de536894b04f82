package guardrails_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/guardrails"
)

// Keep the data OU's accounts, their backups and replicas in the EU, with
// a break-glass role that the guardrails let through.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Management"), nil)
	g := guardrails.New(stack, "Sovereignty", &guardrails.Props{
		AllowedRegions:  []string{"eu-central-1", "eu-west-1"},
		TargetIds:       []string{"ou-ab12-cd34ef56"},
		BreakGlassRoles: []string{"BreakGlass"},
	})
	fmt.Println(len(g.Policies), "policies")
	fmt.Println(g.Sizes["RegionDeny"] <= guardrails.MaxPolicyChars)
	// Output:
	// 3 policies
	// true
}
