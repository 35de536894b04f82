package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/guardrails"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	guardrailsStack   = "GuardrailsManagement"
	guardrailsOU      = "ou-ab12-cd34ef56"
	guardrailsAccount = "111122223333"
)

var guardrailsBuilt struct {
	defaults, options *guardrails.Guardrails
}

// The management account's stack: the three policies on the data OU and
// one account (defaults), and a second instance with a break-glass role,
// the deployment role allowed to set up replication, only the residency
// policies, on the root.
var guardrailsConfigs = testkit.Register("guardrails", nil, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(guardrailsStack), nil)
	guardrailsBuilt.defaults = guardrails.New(s, "Sovereignty", &guardrails.Props{
		AllowedRegions: []string{"eu-central-1", "eu-west-1"},
		TargetIds:      []string{guardrailsOU, guardrailsAccount},
	})
	guardrailsBuilt.options = guardrails.New(s, "RootSovereignty", &guardrails.Props{
		AllowedRegions:    []string{"eu-central-1"},
		TargetIds:         []string{"r-a1b2"},
		BreakGlassRoles:   []string{"BreakGlass"},
		ReplicationRoles:  []string{"cdk-*-cfn-exec-role-*"},
		ProtectGuardrails: jsii.Bool(false),
	})
})
