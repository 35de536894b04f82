package cicd_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
)

// The data stacks are tested and synthesized on every push to main, deployed
// to the test account and checked end to end, then, after a person approves,
// deployed to production.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Delivery"), nil)
	pipeline := cicd.New(stack, "DataPipeline", &cicd.Props{
		ConnectionArn:  "arn:aws:codeconnections:eu-west-1:111111111111:connection/0f3c1a2b-1111-2222-3333-444455556666",
		Repository:     "cdk-data-patterns/patterns",
		ApprovalEmails: []string{"data-owners@example.com"},
		Stages: []cicd.Stage{
			{Name: "test", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"GlueEtl", "Orchestration"}},
			{Name: "prod", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"GlueEtl", "Orchestration"}},
		},
	})
	for _, s := range pipeline.Stages {
		fmt.Println(s.Name, "approval:", s.Approval, "end-to-end test:", s.Test != nil)
	}
	fmt.Println(*pipeline.ApprovalTopic.Node().Path())
	// Output:
	// test approval: false end-to-end test: true
	// prod approval: true end-to-end test: true
	// Delivery/DataPipeline/ApprovalTopic
}
