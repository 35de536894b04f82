package manifestload

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// grant gives the loader's role what it needs: list the two prefixes, read
// and write under the manifest prefix, the bucket's key, and the Data API.
func grant(c constructs.Construct, p *Props, role awsiam.Role) {
	w := p.Warehouse
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{p.Bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{p.Prefix + "*", p.ManifestPrefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject", "s3:PutObject"),
		Resources: &[]*string{p.Bucket.ArnForObjects(jsii.String(p.ManifestPrefix + "*"))},
	}))
	if k := p.Bucket.EncryptionKey(); k != nil {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("kms:Decrypt", "kms:GenerateDataKey"), Resources: &[]*string{k.KeyArn()},
		}))
	}
	w.GrantDataAPIWithSecret(role, p.UserSecret)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The loader writes manifests and markers it names at run time under its manifest prefix only; Data API statement ids have no ARN " +
			"(DescribeStatement and GetStatementResult are limited to its own statements by the statement-owner condition).",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, "Resource::*"},
	})
}
