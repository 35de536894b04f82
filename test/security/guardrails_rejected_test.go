package security_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/guardrails"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestGuardrailsRejectedProps(t *testing.T) {
	ok := func(p guardrails.Props) *guardrails.Props {
		if p.AllowedRegions == nil {
			p.AllowedRegions = []string{"eu-central-1"}
		}
		if p.TargetIds == nil {
			p.TargetIds = []string{guardrailsOU}
		}
		return &p
	}
	many := make([]string, 300)
	for i := range many {
		many[i] = fmt.Sprintf("service%03d:DescribeEverything", i)
	}
	cases := []struct {
		name  string
		props *guardrails.Props
		wants []string
	}{
		{"nil props", nil, []string{"guardrails Bad/Guardrails: invalid props", "AllowedRegions = []: at least one Region (required)", "TargetIds = []: at least one target (required)"}},
		{"empty allowed regions", ok(guardrails.Props{AllowedRegions: []string{}}), []string{"AllowedRegions = []: at least one Region (required): a region deny without allowed Regions denies everything but global services"}},
		{"malformed regions", ok(guardrails.Props{AllowedRegions: []string{"EU-West-1", "eu-west", "europe-west1", "eu-west-1", "eu-west-1"}}),
			[]string{`AllowedRegions = "EU-West-1": a Region code such as "eu-central-1"`, `AllowedRegions = "eu-west": a Region code`, `AllowedRegions = "europe-west1": a Region code`, "AllowedRegions = eu-west-1: each Region once"}},
		{"unknown target ids", ok(guardrails.Props{TargetIds: []string{"ou-bad", "12345", "arn:aws:organizations::111122223333:ou/o-x/ou-ab12-cd34ef56", "r-A1"}}),
			[]string{`TargetIds = "ou-bad": an organization root (r-xxxx), an organizational unit (ou-xxxx-xxxxxxxx) or a 12-digit account id`, `TargetIds = "12345"`, `TargetIds = "arn:aws:organizations::111122223333:ou/o-x/ou-ab12-cd34ef56"`, `TargetIds = "r-A1"`}},
		{"no exemption", ok(guardrails.Props{ExemptRoles: []string{}}), []string{"ExemptRoles = []: at least one role (nil for DefaultExemptRoles)"}},
		{"role ARNs instead of names", ok(guardrails.Props{BreakGlassRoles: []string{"arn:aws:iam::111122223333:role/BreakGlass"}, ReplicationRoles: []string{"admin/role"}}),
			[]string{`BreakGlassRoles = "arn:aws:iam::111122223333:role/BreakGlass": an IAM role name`, `ReplicationRoles = "admin/role": an IAM role name`}},
		{"bad global actions", ok(guardrails.Props{GlobalServiceActions: []string{"iam"}}), []string{`GlobalServiceActions = "iam": an action such as "iam:*"`}},
		{"everything off", ok(guardrails.Props{RegionDeny: jsii.Bool(false), DataResidency: jsii.Bool(false), ProtectGuardrails: jsii.Bool(false)}),
			[]string{"RegionDeny, DataResidency and ProtectGuardrails = false: at least one policy"}},
		{"policy above the SCP size limit", ok(guardrails.Props{GlobalServiceActions: many}),
			[]string{"RegionDeny policy = ", " characters: at most 5120 characters, the AWS Organizations limit for a service control policy"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				guardrails.New(stack, "Guardrails", c.props)
			}, c.wants...)
		})
	}
}
