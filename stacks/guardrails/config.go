package guardrails

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "guardrails"

// Config is the "guardrails" object of cdk.json's context. The stack is
// off by default: it changes what every account of the targets may do.
type Config struct {
	// Enabled adds the Guardrails stack.
	// @default false
	Enabled bool `json:"enabled"`
	// Account and Region of the organization's management account (or an
	// AWS Organizations delegated administrator for policies): the only
	// place service control policies can be created. Required when
	// enabled.
	Account string `json:"account"`
	Region  string `json:"region"`
	// AllowedRegions are the regions data may live in. Required when
	// enabled.
	AllowedRegions []string `json:"allowedRegions"`
	// TargetIds are the root ("r-…"), organizational units ("ou-…") or
	// accounts the policies are attached to; none creates them detached.
	TargetIds []string `json:"targetIds"`
	// BreakGlassRoles and ReplicationRoles are role names excepted from
	// the region deny, and allowed to set up replication (constructs/guardrails).
	BreakGlassRoles  []string `json:"breakGlassRoles"`
	ReplicationRoles []string `json:"replicationRoles"`
}

// ConfigFrom reads and checks the context of scope. The policies' inputs
// are checked by constructs/guardrails (its messages name the prop).
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	if c.Enabled && c.Account == "" {
		pr.Add("account", "", "the organization's management account (12 digits): service control policies are created there")
	}
	if c.Enabled && len(c.AllowedRegions) == 0 {
		pr.Add("allowedRegions", "[]", "the regions data may live in, such as [\"eu-west-1\", \"eu-central-1\"]")
	}
	pr.Fail()
	return c
}
