package delivery

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "cicd"

// DefaultStacks are the data stacks the pipeline deploys; `cdk deploy`
// deploys their dependencies too (Streaming, which GlueEtl reads).
var DefaultStacks = []string{"SecureStorage", "FirehoseDelivery", "GlueEtl", "Warehouse", "Lakehouse", "Orchestration"}

// Config is the "cicd" object of cdk.json's context (catalogue ORC-08).
type Config struct {
	// Enabled adds the Delivery stack. It needs a CodeConnections
	// connection, and the data stacks pinned to their account and region
	// (glue.account, glue.region): the pipeline deploys the cloud assembly
	// its build synthesized, so the stacks' environment is the target.
	// @default false
	Enabled bool `json:"enabled"`
	// Account and Region of the pipeline (a tooling account, or the data
	// stacks' own); empty: environment-agnostic.
	Account string `json:"account"`
	Region  string `json:"region"`
	// ConnectionArn is the CodeConnections connection to the repository,
	// created and authorised once in the console (required when Enabled).
	ConnectionArn string `json:"connectionArn"`
	// Repository is "owner/name" of this app's repository.
	Repository string `json:"repository"`
	// Branch the pipeline follows.
	// @default "main"
	Branch string `json:"branch"`
	// ApprovalEmails are told of each approval the production deployment
	// waits for.
	ApprovalEmails []string `json:"approvalEmails"`
	// Stacks are the stacks the pipeline deploys.
	// @default DefaultStacks
	Stacks []string `json:"stacks"`
	// PostDeployRoleArn is the role of the target account the end-to-end
	// test (.ci/e2e.sh) assumes; empty runs no end-to-end test.
	PostDeployRoleArn string `json:"postDeployRoleArn"`
}

// Target is the environment the data stacks are pinned to.
type Target struct{ Account, Region string }

// ConfigFrom reads and checks the context of scope; target is the data
// stacks' environment.
func ConfigFrom(scope constructs.Construct, target Target) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.Branch == "" {
		c.Branch = cicd.DefaultBranch
	}
	if len(c.Stacks) == 0 {
		c.Stacks = DefaultStacks
	}
	if !c.Enabled {
		return c
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	if c.ConnectionArn == "" {
		pr.Add("connectionArn", "", "the ARN of a CodeConnections connection to the repository (arn:aws:codeconnections:<region>:<account>:connection/<id>) when enabled")
	}
	if target.Account == "" || target.Region == "" {
		pr.Add("enabled", true, "false while the data stacks have no account and region (glue.account, glue.region): the pipeline deploys to the environment the stacks are synthesized for")
	}
	pr.Fail()
	return c
}
