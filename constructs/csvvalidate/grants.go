package csvvalidate

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// grant gives the function exactly its S3 calls, from the bucket's grants:
// read (GetObject, and HeadObject for the redelivery check) and delete under
// the incoming prefix, write the report and the copies, and read the two
// destinations (HeadObject needs s3:GetObject; the bucket-level s3:List*
// of the read grant makes a missing key a 404 rather than a 403). The
// bucket key's use comes with the grants.
//
// The grants go to a policy of their own ("BucketAccess/Policy…"), not to
// the role's default policy: the function depends on that one, and with a
// bucket of this stack the bucket depends on the function's invoke
// permission (S3 checks it when the notification is written), so bucket
// ARNs in the default policy would close a dependency cycle.
func grant(c constructs.Construct, v *Validator, role awsiam.IRole) {
	// By name, not by ARN: an ARN token would hide the role's account, and
	// a bucket of another stack pinned to an account would then take the
	// grants into its own policies (cross-account), a dependency cycle
	// between the two stacks. The name gives an ARN of this stack's account.
	target := awsiam.Role_FromRoleName(c, jsii.String("BucketAccess"), role.RoleName(), &awsiam.FromRoleNameOptions{Mutable: jsii.Bool(true)})
	b := v.Bucket
	b.GrantRead(target, jsii.String(v.IncomingPrefix+"*"))
	b.GrantDelete(target, jsii.String(v.IncomingPrefix+"*"))
	for _, prefix := range []string{v.ValidPrefix, v.QuarantinePrefix} {
		b.GrantPut(target, jsii.String(prefix+"*"))
		b.GrantRead(target, jsii.String(prefix+"*"))
	}
	b.GrantPut(target, jsii.String(v.ReportPrefix+"*"))
	policy := grantPolicy(target)
	nag.Suppress(policy.Node().DefaultChild(), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The function reads and deletes the files under the incoming prefix and writes copies and reports under its three output prefixes, with key names known only at run time; " +
			"the action families (s3:GetObject*, s3:PutObject*, s3:DeleteObject*, s3:List*, kms:GenerateDataKey*, kms:ReEncrypt*) are CDK's bucket grants, limited to those prefixes and the bucket's key.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, `/^Action::s3:[A-Za-z]*\*$/`, `/^Action::kms:[A-Za-z]*\*$/`},
	})
	nag.Suppress(policy.Node().DefaultChild(), nag.InPacks("IAMNoInlinePolicy", "CDK's bucket grants wrote this policy (attached to the function's role only), "+
		"each statement scoped to the bucket, its prefixes and its key: CDK's least-privilege idiom, in a policy of its own instead of the role's DefaultPolicy "+
		"(which the function depends on) so that a bucket whose notification depends on the function closes no dependency cycle.", nag.HIPAA, nag.NIST, nag.PCI)...)
}

// grantPolicy is the policy CDK made under the imported role for the
// grants: "Policy", or "Policy<unique id>" with the feature flag
// @aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName (cdk.json sets it).
func grantPolicy(target awsiam.IRole) constructs.IConstruct {
	for _, child := range *target.Node().Children() {
		if strings.HasPrefix(*child.Node().Id(), "Policy") {
			return child
		}
	}
	panic("csvvalidate: the grants made no policy")
}
