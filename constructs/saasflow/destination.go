package saasflow

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// appflowWrites are the S3 actions AppFlow's S3 destination needs (the
// AppFlow user guide's bucket policy for an S3 destination).
var (
	appflowObjectActions = []string{"s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:PutObjectAcl"}
	appflowBucketActions = []string{"s3:ListBucketMultipartUploads", "s3:GetBucketAcl"}
)

// destination creates or takes the bucket, and lets appflow.amazonaws.com of
// this account write under the prefix and use the bucket's key.
func (f *Flow) destination(p *Props) {
	if p.Bucket == nil {
		f.Lake = securebucket.New(f.Construct, "Lake", &securebucket.Props{
			Encryption:    securebucket.SSEKMS,
			EncryptionKey: f.Key,
		})
		f.Bucket = f.Lake.Bucket
	} else {
		f.Bucket = p.Bucket
	}
	if f.Bucket.Node().DefaultChild() == nil {
		return // imported: ImportedBucketAllowsAppFlow confirmed the policy
	}
	account := awscdk.Stack_Of(f.Construct).Account()
	cond := &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}
	appflow := awsiam.NewServicePrincipal(jsii.String("appflow.amazonaws.com"), nil)
	f.Bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AppFlowWritesObjects" + sid(f)),
		Principals: &[]awsiam.IPrincipal{appflow},
		Actions:    jsii.Strings(appflowObjectActions...),
		Resources:  &[]*string{f.Bucket.ArnForObjects(jsii.String(p.Prefix + "/*"))},
		Conditions: cond,
	}))
	f.Bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AppFlowReadsBucket" + sid(f)),
		Principals: &[]awsiam.IPrincipal{appflow},
		Actions:    jsii.Strings(appflowBucketActions...),
		Resources:  &[]*string{f.Bucket.BucketArn()},
		Conditions: cond,
	}))
	if k := f.Bucket.EncryptionKey(); k != nil {
		keys.AllowService(k, "appflow.amazonaws.com", nil)
	}
}

// sid makes the statement ids of two flows writing to one bucket distinct.
func sid(f *Flow) string { return *awscdk.Names_UniqueId(f.Construct) }
