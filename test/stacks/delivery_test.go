package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDelivery: ORC-08 over the app (all-options, cicd.enabled): the
// pipeline in its own account builds and tests the repository, waits for
// an approval, deploys the chosen stacks into the data stacks' environment
// through that environment's CDK bootstrap roles, then runs .ci/e2e.sh as
// the end-to-end test role.
func TestDelivery(t *testing.T) {
	const name = "Delivery"
	st := app("all-options").Stack(t, name)
	_, pl := st.ByPath(t, "AWS::CodePipeline::Pipeline", name+"/Pipeline/Pipeline/Resource")
	pp := testkit.JSON(testkit.Props(pl))
	for _, want := range []string{
		`"ConnectionArn":"arn:aws:codeconnections:eu-west-1:999999999999:connection/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"`,
		`"FullRepositoryId":"example-org/data-platform"`, `"BranchName":"release"`, `"Category":"Approval"`,
	} {
		if !strings.Contains(pp, want) {
			t.Errorf("pipeline lacks %s: %s", want, pp)
		}
	}
	var stages []string
	for _, s := range testkit.Props(pl)["Stages"].([]any) {
		stages = append(stages, s.(map[string]any)["Name"].(string))
	}
	if strings.Join(stages, ",") != "Source,Build,prod" {
		t.Errorf("stages %v, want Source, Build, prod", stages)
	}
	_, deploy := st.ByPath(t, "AWS::CodeBuild::Project", name+"/Pipeline/Deploy-prod/Resource")
	if dp := testkit.JSON(testkit.Props(deploy)); !strings.Contains(dp, `npx cdk deploy --app cdk.out GlueEtl Orchestration --require-approval never`) {
		t.Errorf("deploy project = %s", dp)
	}
	_, role := st.ByPath(t, "AWS::IAM::Policy", name+"/Pipeline/Deploy-prod/Role/DefaultPolicy/Resource")
	if rp := testkit.JSON(role); !strings.Contains(rp, `:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1"`) {
		t.Errorf("deploy role cannot assume the data stacks' bootstrap role: %s", rp)
	}
	_, e2e := st.ByPath(t, "AWS::CodeBuild::Project", name+"/Pipeline/Test-prod/Resource")
	if ep := testkit.JSON(testkit.Props(e2e)); !strings.Contains(ep, `bash .ci/e2e.sh`) || !strings.Contains(ep, `arn:aws:iam::111111111111:role/e2e-tester`) {
		t.Errorf("end-to-end test project = %s", ep)
	}
	if s := configured("cdk.json"); len(s.Stacks) != len(expectedStacks) {
		t.Errorf("cdk.json (cicd.enabled false) has %d stacks, want %v", len(s.Stacks), expectedStacks)
	}
}
