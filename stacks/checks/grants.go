package checks

import (
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// InlinePolicyRules are the compliance packs' rule against inline IAM
// policies (an AWS::IAM::Policy, or a role's Policies): every pack has it.
var InlinePolicyRules = PackRules("IAMNoInlinePolicy")

// PackRules are the ids of rule (e.g. "SecretsManagerRotationEnabled") in
// every pack, sorted, for a suppression that answers it in all of them (a
// pack without the rule ignores its id).
func PackRules(rule string) []string {
	var out []string
	for _, p := range Packs {
		out = append(out, p.RulePrefix+rule)
	}
	sort.Strings(out)
	return out
}

// Reasons of the suppressions GrantPolicies makes, one per design.
const (
	GrantPolicyReason = "CDK grants write a role's permissions into its DefaultPolicy (an AWS::IAM::Policy attached to that role only): " +
		"each statement comes from a grant method of the resource it names and is scoped to that resource's ARNs, which is the " +
		"least-privilege idiom of CDK; a customer-managed policy would add versions to manage and no reuse, since no other role needs these statements."
	CustomResourcePolicyReason = "AwsCustomResource writes the policy of its one SDK call (the action it calls on the resources it names, or what " +
		"the construct passes) into an AWS::IAM::Policy attached only to its own function's role; the policy lives and dies with that call."
)

// GrantPolicies is the aspect that suppresses InlinePolicyRules, one resource
// at a time, on the two kinds of policy CDK generates from the resources
// they serve: a role's DefaultPolicy, which CDK grants fill, and an
// AwsCustomResource's CustomResourcePolicy. Any other inline policy (a
// policy a construct writes itself) keeps its finding. Add runs it before
// the packs.
func GrantPolicies() awscdk.IAspect { return &grantPolicies{} }

// grantPolicies is a pointer type with a field: jsii passes a Go value to
// JavaScript by reference only when it is a pointer to a struct.
type grantPolicies struct{ _ int }

func (*grantPolicies) Visit(node constructs.IConstruct) {
	res, ok := node.(awscdk.CfnResource)
	if !ok || *res.CfnResourceType() != "AWS::IAM::Policy" {
		return
	}
	policy := node.Node().Scope()
	if policy == nil {
		return
	}
	owner := policy.Node().Scope()
	var reason string
	switch id := *policy.Node().Id(); {
	case id == "DefaultPolicy" && isRole(owner):
		reason = GrantPolicyReason
	case id == "CustomResourcePolicy" && isAwsCustomResource(owner):
		reason = CustomResourcePolicyReason
	default:
		return
	}
	Suppress(node, reason, InlinePolicyRules...)
}

// Suppress suppresses rules (ids such as PackRules gives) on resource
// alone (its default child when it has one), all with reason: for the
// stacks and the tests, which cannot use constructs/internal/nag.
func Suppress(resource constructs.IConstruct, reason string, rules ...string) {
	if child := resource.Node().DefaultChild(); child != nil {
		resource = child
	}
	list := make([]*cdknag.NagPackSuppression, len(rules))
	for i, rule := range rules {
		list[i] = &cdknag.NagPackSuppression{Id: jsii.String(rule), Reason: jsii.String(reason)}
	}
	cdknag.NagSuppressions_AddResourceSuppressions(resource, &list, jsii.Bool(false))
}

func isRole(c constructs.IConstruct) bool {
	_, ok := c.(awsiam.IRole)
	return ok
}

func isAwsCustomResource(c constructs.IConstruct) bool {
	_, ok := c.(customresources.AwsCustomResource)
	return ok
}
