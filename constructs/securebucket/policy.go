package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
)

// sseHeader is the value of x-amz-server-side-encryption for each encryption.
var sseHeader = map[Encryption]string{DSSEKMS: "aws:kms:dsse", SSEKMS: "aws:kms", SSES3: "AES256"}

// denyOtherEncryption adds to the bucket policy: deny uploads that ask for an
// encryption other than the bucket's, and (with a KMS key) uploads that name
// another key. Uploads without these headers get the bucket default, so
// clients need not send them. Clients that name a key must use its ARN.
func denyOtherEncryption(bucket awss3.Bucket, enc Encryption, key awskms.IKey) {
	objects := bucket.ArnForObjects(jsii.String("*"))
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("DenyOtherEncryption"),
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings("s3:PutObject"),
		Resources:  &[]*string{objects},
		Conditions: &map[string]any{
			"Null":            map[string]any{"s3:x-amz-server-side-encryption": "false"},
			"StringNotEquals": map[string]any{"s3:x-amz-server-side-encryption": sseHeader[enc]},
		},
	}))
	if key == nil {
		return
	}
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("DenyOtherKmsKey"),
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings("s3:PutObject"),
		Resources:  &[]*string{objects},
		Conditions: &map[string]any{
			"Null":            map[string]any{"s3:x-amz-server-side-encryption-aws-kms-key-id": "false"},
			"StringNotEquals": map[string]any{"s3:x-amz-server-side-encryption-aws-kms-key-id": key.KeyArn()},
		},
	}))
}

// dsseReason is why the compliance packs' S3DefaultEncryptionKMS is
// suppressed on a DSSE-KMS bucket: the rule accepts only "aws:kms".
const dsseReason = "The bucket's default encryption is DSSE-KMS (aws:kms:dsse): two independent layers of encryption under this " +
	"construct's customer managed KMS key, which is what the rule asks for; the rule recognises only the single-layer aws:kms algorithm."
