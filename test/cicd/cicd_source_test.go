package cicd_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodepipeline"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// The variants of the connection source and the approval topic are checked
// on the unsynthesized construct (resolved values), so the package's one
// synthesized app stays small: a codestar-connections ARN, a GitLab
// subgroup repository, another branch, an existing topic, a single stage.
func TestCicdConnectionVariants(t *testing.T) {
	stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Variants"), nil)
	topic := awssns.Topic_FromTopicArn(stack, jsii.String("Topic"), jsii.String("arn:aws:sns:eu-west-1:111111111111:approvals"))
	p := cicd.New(stack, "Legacy", &cicd.Props{
		ConnectionArn:         cicdLegacy,
		Repository:            "data/platform/patterns",
		Branch:                "release/2026",
		ExistingApprovalTopic: topic,
		Stages: []cicd.Stage{
			{Name: "staging", Account: "222222222222", Region: "us-east-1", Stacks: []string{"Stage/*"}, PostDeployCommands: []string{}},
		},
	})
	if p.ApprovalTopic != topic || !p.Stages[0].Approval || p.Stages[0].Test != nil {
		t.Errorf("single stage: approval %v on %v, test %v; want the last stage approved on the existing topic, no test",
			p.Stages[0].Approval, p.ApprovalTopic, p.Stages[0].Test)
	}
	if n := len(*p.Node().FindAll(constructs.ConstructOrder_PREORDER)); n == 0 {
		t.Fatal("no children")
	}
	for _, c := range *p.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if strings.HasSuffix(*c.Node().Path(), "/ApprovalTopic") {
			t.Errorf("a topic was created beside ExistingApprovalTopic: %s", *c.Node().Path())
		}
	}
	role := p.Node().FindChild(jsii.String("SourceRole")).(awsiam.Role)
	policy := testkit.JSON(stack.Resolve(role.Node().FindChild(jsii.String("DefaultPolicy")).(awsiam.Policy).Document()))
	if strings.Contains(policy, "codeconnections:") || !strings.Contains(policy, `"Action":"codestar-connections:UseConnection","Effect":"Allow","Resource":"`+cicdLegacy+`"`) {
		t.Errorf("a codestar-connections ARN takes that prefix only: %s", policy)
	}
	cfn := p.Pipeline.Node().DefaultChild().(awscodepipeline.CfnPipeline)
	stages := testkit.JSON(stack.Resolve(cfn.Stages()))
	if want := `"configuration":{"BranchName":"release/2026","ConnectionArn":"` + cicdLegacy + `","FullRepositoryId":"data/platform/patterns"}`; !strings.Contains(stages, want) {
		t.Errorf("source configuration: want %s in %s", want, stages)
	}
	if !strings.Contains(stages, `"NotificationArn":"arn:aws:sns:eu-west-1:111111111111:approvals"`) {
		t.Errorf("approval does not notify the existing topic: %s", stages)
	}
}
