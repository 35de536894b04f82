package serving

import (
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "serving"

// Config is the "serving" object of cdk.json's context. Every field is
// optional; the zero value is the documented default.
type Config struct {
	// Account and Region pin the stack to an environment. It reads and
	// writes GlueEtl's lake, so it shares that stack's environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// GlueDev is the Glue development loop over the lake (ETL-09).
	GlueDev GlueDevConfig `json:"glueDev"`
}

// GlueDevConfig configures the interactive sessions.
type GlueDevConfig struct {
	// Enabled adds the sessions' role, security configuration and the
	// developers' policy.
	// @default true
	Enabled *bool `json:"enabled"`
	// DeveloperRoleArns get the developers' policy (roles of this account).
	// @default none (attach the DeveloperPolicy output yourself)
	DeveloperRoleArns []string `json:"developerRoleArns"`
	// Notebooks lets the session role drive its own sessions (Glue Studio
	// notebooks).
	// @default true
	Notebooks *bool `json:"notebooks"`
}

// On reports whether the development loop is added.
func (g GlueDevConfig) On() bool { return g.Enabled == nil || *g.Enabled }

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	for _, arn := range c.GlueDev.DeveloperRoleArns {
		if !roleArnRE.MatchString(arn) {
			pr.Add("glueDev.developerRoleArns", arn, "IAM role ARNs such as arn:aws:iam::111122223333:role/data-engineers")
		}
	}
	pr.Fail()
	return c
}
