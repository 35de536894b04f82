// Package delivery is the Delivery stack: CI/CD for this app's data stacks
// (catalogue ORC-08), added when cdk.json's cicd.enabled is true.
//
//	push to Branch ─CodeConnections─▶ Source ─▶ Build: npm test; npm run synth (cdk.out)
//	  ─▶ prod: manual approval (SNS) ─▶ cdk deploy --app cdk.out <stacks> ─▶ .ci/e2e.sh
//
// The pipeline deploys the cloud assembly its build tested, into the
// environment the data stacks are pinned to in cdk.json (glue.account and
// glue.region): one assembly holds one environment per stack, so a second
// environment (a test account before production) needs a second set of
// stacks in the app; docs/patterns/cicd.md says how. The stack is deployed
// once by hand (`npx cdk deploy Delivery`) and does not deploy itself.
package delivery

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// StageName is the pipeline's deployment stage: a production stage, so
// the construct puts a manual approval before it.
const StageName = "prod"

// Stack is the Delivery stack.
type Stack struct {
	awscdk.Stack
	Pipeline *cicd.Pipeline
}

// New creates the stack from cfg; target is the data stacks' environment.
func New(scope constructs.Construct, id string, cfg Config, target Target) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: delivery (CodePipeline: test, synthesize, approve, deploy the data stacks, end-to-end test)",
		cfg.Account, cfg.Region))
	stage := cicd.Stage{Name: StageName, Account: target.Account, Region: target.Region, Stacks: cfg.Stacks}
	if cfg.PostDeployRoleArn != "" {
		stage.PostDeployRoleArn = cfg.PostDeployRoleArn
	} else {
		stage.PostDeployCommands = []string{}
	}
	p := cicd.New(stack, "Pipeline", &cicd.Props{
		ConnectionArn:  cfg.ConnectionArn,
		Repository:     cfg.Repository,
		Branch:         cfg.Branch,
		ApprovalEmails: cfg.ApprovalEmails,
		Stages:         []cicd.Stage{stage},
	})
	awscdk.NewCfnOutput(stack, jsii.String("PipelineName"), &awscdk.CfnOutputProps{
		Value:       p.Pipeline.PipelineName(),
		Description: jsii.String("Runs on each push to " + cfg.Branch + "; approve the prod deployment in the console or with aws codepipeline put-approval-result"),
	})
	return &Stack{Stack: stack, Pipeline: p}
}
