// Package guardrails is the Guardrails stack, for the organization's
// management account and off by default: service control policies that
// keep data in the allowed regions (SEC-15).
//
//	AWS Organizations (management account)
//	   ├─ RegionDeny: every action outside the allowed regions, global
//	   │   services and the Control Tower / break-glass roles excepted
//	   ├─ DataResidency: backup copies, KMS and Secrets Manager replicas to
//	   │   other regions; replication set-ups only by the replication roles
//	   └─ ProtectGuardrails: the excepted roles, CloudTrail, AWS Config
//	        ─▶ attached to the root, organizational units or accounts
//
// The data stacks deploy to member accounts; this one never does.
package guardrails

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/guardrails"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Stack is the Guardrails stack.
type Stack struct {
	awscdk.Stack
	Policies *guardrails.Guardrails
}

// New creates the stack from cfg (call it only when cfg.Enabled).
func New(scope constructs.Construct, id string, cfg Config) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: data-sovereignty guardrails (service control policies: region deny, data residency, self-protection) for the management account",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Policies = guardrails.New(stack, "Guardrails", &guardrails.Props{
		AllowedRegions:   cfg.AllowedRegions,
		TargetIds:        cfg.TargetIds,
		BreakGlassRoles:  cfg.BreakGlassRoles,
		ReplicationRoles: cfg.ReplicationRoles,
	})
	for _, kind := range []string{"RegionDeny", "DataResidency", "ProtectGuardrails"} {
		if p, ok := s.Policies.Policies[kind]; ok {
			awscdk.NewCfnOutput(stack, jsii.String(kind+"PolicyId"), &awscdk.CfnOutputProps{
				Value: p.AttrId(), Description: jsii.String("Service control policy " + kind + ": aws organizations list-targets-for-policy --policy-id <this>"),
			})
		}
	}
	return s
}
