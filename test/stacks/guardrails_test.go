package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestGuardrails: off as committed (TestEveryStack lists no Guardrails
// stack); with guardrails.enabled, the management account gets the three
// service control policies attached to the given unit, the allowed regions
// in the region deny and the break-glass and replication roles excepted.
func TestGuardrails(t *testing.T) {
	st := configured("all-options").Stack(t, "Guardrails")
	policies := st.Resources("AWS::Organizations::Policy")
	if len(policies) != 3 {
		t.Fatalf("%d policies, want 3", len(policies))
	}
	all := testkit.JSON(policies)
	for _, want := range []string{`"Type":"SERVICE_CONTROL_POLICY"`, `"TargetIds":["ou-ab12-34cd56ef"]`, `"eu-west-1"`, `"eu-central-1"`,
		"BreakGlass", "DataReplication", "aws:RequestedRegion"} {
		if !strings.Contains(all, want) {
			t.Errorf("policies lack %s: %s", want, all)
		}
	}
	if env := st.Template["Outputs"]; !strings.Contains(testkit.JSON(env), "RegionDenyPolicyId") {
		t.Errorf("outputs = %s", testkit.JSON(env))
	}
}
