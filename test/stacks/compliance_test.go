package stacks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/stacks/checks"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestGrantPolicies: with the compliance packs on, the inline-policy rule is
// suppressed, with the design named, on what CDK generates (a role's
// DefaultPolicy filled by grants, an AwsCustomResource's policy), and
// still reported on a policy a construct writes itself.
func TestGrantPolicies(t *testing.T) {
	app := testkit.NewApp(t.TempDir(), map[string]any{checks.ContextKey: []any{"hipaa", "nist", "pci"}})
	stack := awscdk.NewStack(app, jsii.String("Policies"), nil)
	role := awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	bucket := awss3.NewBucket(stack, jsii.String("Data"), nil)
	bucket.GrantRead(role, nil)
	written := awsiam.NewPolicy(stack, jsii.String("Written"), &awsiam.PolicyProps{Statements: &[]awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:ListBucket"), Resources: jsii.Strings(*bucket.BucketArn())}),
	}})
	written.AttachToRole(role)
	customresources.NewAwsCustomResource(stack, jsii.String("Call"), &customresources.AwsCustomResourceProps{
		OnCreate: &customresources.AwsSdkCall{Service: jsii.String("S3"), Action: jsii.String("getBucketTagging"),
			Parameters: map[string]any{"Bucket": bucket.BucketName()}, PhysicalResourceId: customresources.PhysicalResourceId_Of(jsii.String("tags"))},
		Policy: customresources.AwsCustomResourcePolicy_FromSdkCalls(&customresources.SdkCallsPolicyOptions{Resources: &[]*string{bucket.BucketArn()}}),
	})

	// Findings are errors, which fail the synthesis; they are in its
	// validation report.
	dir := *app.Outdir()
	_ = testkit.Catch(func() { app.Synth(nil) })
	found := map[string][]string{}
	for _, m := range testkit.ReadReport(dir) {
		if rule, _, _ := strings.Cut(m.Text, ":"); strings.HasSuffix(rule, "-IAMNoInlinePolicy") {
			found[m.Path] = append(found[m.Path], rule)
		}
	}
	for path, rules := range found {
		if path != "Policies/Written/Resource" {
			t.Errorf("%s: %v, want the rule suppressed on what CDK generates", path, rules)
		}
	}
	if got := found["Policies/Written/Resource"]; len(got) != len(checks.InlinePolicyRules) {
		t.Errorf("the written policy: %v, want every pack's %v", got, checks.InlinePolicyRules)
	}
	template, err := os.ReadFile(filepath.Join(dir, "Policies.template.json"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(template), checks.GrantPolicyReason); n != len(checks.InlinePolicyRules) {
		t.Errorf("the grant reason appears %d times in the template, want one per pack on the DefaultPolicy", n)
	}
}
