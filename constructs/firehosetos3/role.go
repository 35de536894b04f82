package firehosetos3

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// newRole is the role Firehose assumes, with exactly the permissions of the
// Firehose developer guide for an S3 destination (no s3:DeleteObject, no
// s3:List* beyond the bucket and its uploads): trusted by
// firehose.amazonaws.com for this account only (sts:ExternalId, the
// confused-deputy guard the guide recommends).
func newRole(c constructs.Construct, f *FirehoseToS3, p *Props) awsiam.Role {
	account := awscdk.Stack_Of(c).Account()
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("firehose.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"sts:ExternalId": account}},
		}),
		Description: jsii.String("Firehose delivery role of " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
		Resources: jsii.Strings(*f.Bucket.BucketArn()),
	}))
	objects := []*string{f.Bucket.ArnForObjects(jsii.String(staticPart(*p.Prefix) + "*"))}
	if e := staticPart(*p.ErrorPrefix); e != staticPart(*p.Prefix) {
		objects = append(objects, f.Bucket.ArnForObjects(jsii.String(e+"*")))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"),
		Resources: &objects,
	}))
	if key := f.Bucket.EncryptionKey(); key != nil {
		// Multipart uploads to a KMS-encrypted bucket need Decrypt as well.
		key.Grant(role, jsii.String("kms:GenerateDataKey"), jsii.String("kms:Decrypt"))
	}
	f.LogGroup.GrantWrite(role)
	if p.SourceStream != nil {
		p.SourceStream.GrantRead(role)
	}
	return role
}

// staticPart is the prefix up to its first !{...} expression: the part of
// every object key the role can be scoped to.
func staticPart(prefix string) string {
	if i := strings.Index(prefix, "!{"); i >= 0 {
		return prefix[:i]
	}
	return prefix
}
