package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// logEncryptionReason is why the compliance packs' S3DefaultEncryptionKMS is
// suppressed on the log bucket.
const logEncryptionReason = "This bucket receives S3 server access logs, and the S3 User Guide (Enabling Amazon S3 server access logging) " +
	"supports only SSE-S3 as the destination bucket's default encryption, not SSE-KMS; the logs hold request records, " +
	"the data stays in the KMS-encrypted bucket they describe."

// logBucket returns the user's log bucket or creates one: SSE-S3 (S3 log
// delivery cannot write to KMS-encrypted buckets), TLS-only, versioned,
// EventBridge on, logs expiring after LogRetention (365 days by default).
// S3 delivers the logs under a bucket policy for logging.s3.amazonaws.com
// (feature flag @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy).
func logBucket(c constructs.Construct, p *Props) awss3.IBucket {
	if p.ExistingLogBucket != nil {
		return p.ExistingLogBucket
	}
	lp := awss3.BucketProps{}
	if p.LogBucketProps != nil {
		lp = *p.LogBucketProps
	}
	retention := p.LogRetention
	if retention == nil {
		retention = awscdk.Duration_Days(jsii.Number(365))
	}
	if lp.Encryption == "" {
		lp.Encryption = awss3.BucketEncryption_S3_MANAGED
	}
	if lp.BlockPublicAccess == nil {
		lp.BlockPublicAccess = awss3.BlockPublicAccess_BLOCK_ALL()
	}
	if lp.ObjectOwnership == "" {
		lp.ObjectOwnership = awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED
	}
	lp.EnforceSSL = jsii.Bool(true)
	if lp.MinimumTLSVersion == nil {
		lp.MinimumTLSVersion = jsii.Number(1.2)
	}
	if lp.Versioned == nil {
		lp.Versioned = jsii.Bool(true)
	}
	if lp.RemovalPolicy == "" {
		lp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	if lp.AutoDeleteObjects == nil && lp.RemovalPolicy == awscdk.RemovalPolicy_DESTROY {
		lp.AutoDeleteObjects = jsii.Bool(true)
	}
	if lp.LifecycleRules == nil {
		lp.LifecycleRules = &[]*awss3.LifecycleRule{{
			Id:                                  jsii.String("expire-access-logs"),
			Enabled:                             jsii.Bool(true),
			Expiration:                          retention,
			NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(30)),
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(7)),
		}}
	}
	b := awss3.NewBucket(c, jsii.String("LogBucket"), &lp)
	enableEventBridge(b)
	nag.Suppress(b, nag.Suppression{
		Rule:   "AwsSolutions-S1",
		Reason: "This bucket is the server access log destination; logging it into itself would loop and logging it elsewhere only moves the finding.",
	})
	if lp.ReplicationRules == nil {
		nag.Suppress(b, nag.InPacks("S3BucketReplicationEnabled", logReplicationReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	}
	if lp.Encryption == awss3.BucketEncryption_S3_MANAGED {
		nag.Suppress(b, nag.InPacks("S3DefaultEncryptionKMS", logEncryptionReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	}
	return b
}
