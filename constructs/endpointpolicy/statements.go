package endpointpolicy

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// statements builds the policy of service s's endpoint: the perimeter
// statement (own principals to own, or listed, resources), the AWS-owned
// buckets (S3), the denied actions, then the user's statements.
func statements(scope constructs.Construct, p *Props, s Service) []awsiam.PolicyStatement {
	stack := awscdk.Stack_Of(scope)
	var out []awsiam.PolicyStatement
	if orTrue(p.DefaultStatements) {
		out = append(out, perimeter(stack, p, s))
	}
	if s == S3 && len(p.AwsOwnedBuckets) > 0 {
		out = append(out, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("AllowReadsOfAwsOwnedBuckets"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
			Actions:    jsii.Strings("s3:GetObject"),
			Resources:  awsOwnedArns(stack, p.AwsOwnedBuckets),
		}))
	}
	if deny := p.DenyActions[s]; len(deny) > 0 {
		out = append(out, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("DenyListedActions"),
			Effect:     awsiam.Effect_DENY,
			Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
			Actions:    jsii.Strings(deny...),
			Resources:  jsii.Strings("*"),
		}))
	}
	return append(out, p.Statements[s]...)
}

// perimeter allows the service's actions (Props.Actions, or every action:
// the identity policies decide what each principal may do) to the
// account's or organization's principals on the resource accounts'
// resources, or on the listed buckets, tables and keys.
func perimeter(stack awscdk.Stack, p *Props, s Service) awsiam.PolicyStatement {
	actions := p.Actions[s]
	if actions == nil {
		// Wildcard action: the endpoint policy is a perimeter (which
		// principals, which resources), not a grant; what a principal may do
		// comes from its identity policy, built from grants.
		actions = []string{s.ActionPrefix() + ":*"}
	}
	cond := map[string]any{}
	if p.PrincipalOrgID != "" {
		cond["aws:PrincipalOrgID"] = p.PrincipalOrgID
	} else {
		cond["aws:PrincipalAccount"] = *stack.Account()
	}
	accounts := p.ResourceAccounts
	if len(accounts) == 0 {
		accounts = []string{*stack.Account()}
	}
	if len(accounts) == 1 {
		cond["aws:ResourceAccount"] = accounts[0]
	} else {
		cond["aws:ResourceAccount"] = accounts
	}
	sid, resources := "AllowOwnPrincipalsToOwnResources", []string{"*"}
	switch {
	case s == S3 && len(p.Buckets) > 0:
		sid, resources = "AllowOwnPrincipalsToListedBuckets", nil
		for _, b := range p.Buckets {
			resources = append(resources, *b.BucketArn(), *b.ArnForObjects(jsii.String("*")))
		}
	case s == DynamoDB && len(p.Tables) > 0:
		sid, resources = "AllowOwnPrincipalsToListedTables", nil
		for _, t := range p.Tables {
			arn := *t.TableArn()
			resources = append(resources, arn, arn+"/index/*", arn+"/stream/*")
		}
	case s == KMS && len(p.Keys) > 0:
		sid, resources = "AllowOwnPrincipalsToListedKeys", nil
		for _, k := range p.Keys {
			resources = append(resources, *k.KeyArn())
		}
	}
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String(sid),
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings(actions...),
		Resources:  jsii.Strings(resources...),
		Conditions: &map[string]any{"StringEquals": cond},
	})
}

// awsOwnedBuckets are the bucket names of each AwsOwned group; "{r}" is the
// Region.
var awsOwnedBuckets = map[AwsOwned][]string{
	AmazonLinuxRepos: {"al2023-repos-{r}-de612dc2", "amazonlinux.{r}.amazonaws.com", "amazonlinux-2-repos-{r}"},
	EcrImageLayers:   {"prod-{r}-starport-layer-bucket"},
	SsmAgent: {"aws-ssm-{r}", "amazon-ssm-{r}", "amazon-ssm-packages-{r}", "{r}-birdwatcher-prod",
		"aws-ssm-document-attachments-{r}", "patch-baseline-snapshot-{r}", "aws-windows-downloads-{r}"},
}

// AwsOwnedBucketNames returns the bucket names of an AwsOwned group in a
// Region (for documentation and tests).
func AwsOwnedBucketNames(group AwsOwned, region string) []string {
	var out []string
	for _, n := range awsOwnedBuckets[group] {
		out = append(out, expand(n, region))
	}
	return out
}

func awsOwnedArns(stack awscdk.Stack, groups []AwsOwned) *[]*string {
	var out []string
	for _, g := range groups {
		for _, n := range awsOwnedBuckets[g] {
			out = append(out, "arn:"+*stack.Partition()+":s3:::"+expand(n, *stack.Region())+"/*")
		}
	}
	return jsii.Strings(out...)
}

func expand(name, region string) string { return strings.ReplaceAll(name, "{r}", region) }
