package fieldencryption

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// logs creates the access-log bucket unless one is given: a securebucket
// (versioned, TLS only, its own server access logs) encrypted with SSE-KMS
// under the construct's key, with ACLs enabled (object ownership
// BucketOwnerPreferred), because CloudFront standard logging delivers
// through the awslogsdelivery account's ACL grant, which the service adds
// when the distribution is created; the key policy lets the log delivery
// service generate data keys.
func (in *Ingest) logs(p *Props, key awskms.Key) {
	if p.ExistingLogBucket != nil {
		in.LogBucket = p.ExistingLogBucket
		return
	}
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudFrontLogDelivery"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("delivery.logs.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(key).Account()}},
	}), jsii.Bool(true))
	sb := securebucket.New(in.Construct, "AccessLogs", &securebucket.Props{
		Encryption:    securebucket.SSEKMS,
		EncryptionKey: key,
		Lifecycle:     &securebucket.Lifecycle{Expiration: p.LogExpiration, NoncurrentVersionExpiration: p.LogExpiration},
		BucketProps:   &awss3.BucketProps{ObjectOwnership: awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED},
	})
	in.LogBucket = sb.Bucket
}
