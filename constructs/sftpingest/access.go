package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// UserObjectActions are what an SFTP user may do under its home: upload
// (multipart included), download, delete (an SFTP rename is a copy and a
// delete). functions/sftpauth's session policy uses the same list.
var UserObjectActions = []string{"s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject"}

// allowPrefixes lets role list the key prefixes (s3:ListBucket on the
// bucket with an s3:prefix condition) and do actions on the objects under
// them (sid names the statements). The statements are written out because
// no CDK grant expresses the prefix condition.
func (in *Ingest) allowPrefixes(role awsiam.IRole, sid string, prefixes []string, actions []string) {
	var listed []any
	objects := make([]*string, 0, len(prefixes))
	for _, p := range prefixes {
		listed = append(listed, p+"/", p+"/*")
		objects = append(objects, in.Bucket.ArnForObjects(jsii.String(p+"/*")))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("List" + sid),
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{in.Bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": listed}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String(sid + "Objects"),
		Actions:   jsii.Strings(actions...),
		Resources: &objects,
	}))
}

// allowBucketKey lets role use the bucket's KMS key through S3 only
// (kms:Decrypt to read and to complete multipart uploads,
// kms:GenerateDataKey to write); written out because no CDK grant
// expresses the kms:ViaService condition.
func (in *Ingest) allowBucketKey(role awsiam.IRole) {
	if in.BucketKey == nil {
		return
	}
	stack := awscdk.Stack_Of(in.Construct)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("BucketKeyThroughS3"),
		Actions:   jsii.Strings("kms:Decrypt", "kms:GenerateDataKey"),
		Resources: &[]*string{in.BucketKey.KeyArn()},
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"kms:ViaService": "s3." + *stack.Region() + "." + *stack.UrlSuffix()},
		},
	}))
}
