package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// SecureBucket is an encrypted, TLS-only, versioned, logged S3 bucket.
type SecureBucket struct {
	constructs.Construct
	// Bucket holds the data.
	Bucket awss3.IBucket
	// Key encrypts the data; nil with SSES3.
	Key awskms.IKey
	// LogBucket receives the server access logs; nil when they are off.
	LogBucket awss3.IBucket
	// Encryption is the encryption in force.
	Encryption Encryption
}

// New creates the bucket. props may be nil. Invalid props fail synthesis with
// every problem listed.
func New(scope constructs.Construct, id string, props *Props) *SecureBucket {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	if p.Encryption == "" {
		p.Encryption = DSSEKMS
	}

	c := constructs.NewConstruct(scope, jsii.String(id))
	// The log bucket has ACLs disabled, so S3 must deliver access logs under
	// a bucket policy, whatever the flags of the app using this construct
	// say (without the flag the CDK asks for the LogDeliveryWrite ACL).
	c.Node().SetContext(jsii.String("@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"), true)
	sb := &SecureBucket{Construct: c, Encryption: p.Encryption}

	bp := awss3.BucketProps{}
	if p.BucketProps != nil {
		bp = *p.BucketProps
	}
	sb.Key = encryption(c, &p, &bp)
	defaults(c, &p, &bp)
	bp.LifecycleRules = lifecycleRules(p.Lifecycle, bp.LifecycleRules)
	if p.ServerAccessLogs == nil || *p.ServerAccessLogs {
		sb.LogBucket = logBucket(c, &p)
		bp.ServerAccessLogsBucket = sb.LogBucket
		if bp.ServerAccessLogsPrefix == nil {
			bp.ServerAccessLogsPrefix = p.LogPrefix
		}
		if bp.ServerAccessLogsPrefix == nil {
			bp.ServerAccessLogsPrefix = jsii.String("access-logs/")
		}
	}
	objectLock(p.ObjectLock, &bp)
	replication(&p, sb.Key, &bp)

	bucket := awss3.NewBucket(c, jsii.String("Bucket"), &bp)
	sb.Bucket = bucket
	if p.EventBridge == nil || *p.EventBridge {
		enableEventBridge(bucket)
	}
	denyOtherEncryption(bucket, p.Encryption, sb.Key)
	if p.Encryption == DSSEKMS {
		nag.Suppress(bucket, nag.InPacks("S3DefaultEncryptionKMS", dsseReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	}
	if p.Replication != nil {
		suppressReplicationWildcards(bucket)
	} else if bp.ReplicationRules == nil {
		nag.Suppress(bucket, nag.InPacks("S3BucketReplicationEnabled", replicationOffReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	}
	if bp.AutoDeleteObjects != nil && *bp.AutoDeleteObjects {
		suppressAutoDeleteProvider(c)
	}
	return sb
}

// defaults fills what the user's BucketProps left unset.
func defaults(c constructs.Construct, p *Props, bp *awss3.BucketProps) {
	if bp.BlockPublicAccess == nil {
		bp.BlockPublicAccess = awss3.BlockPublicAccess_BLOCK_ALL()
	}
	if bp.ObjectOwnership == "" {
		bp.ObjectOwnership = awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED
	}
	if bp.BlockedEncryptionTypes == nil {
		// Customer-provided keys (SSE-C) would bypass the bucket's key.
		bp.BlockedEncryptionTypes = &[]awss3.BlockedEncryptionType{awss3.BlockedEncryptionType_SSE_C()}
	}
	bp.EnforceSSL = jsii.Bool(true)
	if bp.MinimumTLSVersion == nil {
		bp.MinimumTLSVersion = p.MinimumTLSVersion
	}
	if bp.MinimumTLSVersion == nil {
		bp.MinimumTLSVersion = jsii.Number(1.2)
	}
	if bp.Versioned == nil {
		bp.Versioned = p.Versioned
	}
	if bp.Versioned == nil {
		bp.Versioned = jsii.Bool(true)
	}
	if bp.RemovalPolicy == "" {
		bp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	if bp.AutoDeleteObjects == nil && bp.RemovalPolicy == awscdk.RemovalPolicy_DESTROY && p.ObjectLock == nil {
		bp.AutoDeleteObjects = jsii.Bool(true)
	}
}

// encryption sets the bucket's encryption and returns the KMS key (nil for SSE-S3).
func encryption(c constructs.Construct, p *Props, bp *awss3.BucketProps) awskms.IKey {
	if p.Encryption == SSES3 {
		bp.Encryption = awss3.BucketEncryption_S3_MANAGED
		return nil
	}
	key := p.EncryptionKey
	if key == nil {
		key = keys.New(c, "Key", "Encrypts the objects of "+*c.Node().Path(), p.KeyProps)
	}
	bp.EncryptionKey = key
	if bp.BucketKeyEnabled == nil {
		bp.BucketKeyEnabled = p.BucketKeyEnabled
	}
	switch p.Encryption {
	case DSSEKMS:
		bp.Encryption = awss3.BucketEncryption_DSSE
		if bp.BucketKeyEnabled == nil {
			bp.BucketKeyEnabled = jsii.Bool(false)
		}
	case SSEKMS:
		bp.Encryption = awss3.BucketEncryption_KMS
		if bp.BucketKeyEnabled == nil {
			bp.BucketKeyEnabled = jsii.Bool(true)
		}
	}
	return key
}

// objectLock turns Object Lock on with its default retention.
func objectLock(ol *ObjectLock, bp *awss3.BucketProps) {
	if ol == nil {
		return
	}
	bp.ObjectLockEnabled = jsii.Bool(true)
	if ol.Mode == Compliance {
		bp.ObjectLockDefaultRetention = awss3.ObjectLockRetention_Compliance(ol.Retention)
	} else {
		bp.ObjectLockDefaultRetention = awss3.ObjectLockRetention_Governance(ol.Retention)
	}
}

// enableEventBridge sends every S3 event of the bucket to EventBridge. It is
// set on the CloudFormation resource directly: the L2 switch would add a
// custom-resource Lambda to do what CloudFormation does natively.
func enableEventBridge(bucket awss3.Bucket) {
	cfn := bucket.Node().DefaultChild().(awss3.CfnBucket)
	cfn.AddPropertyOverride(jsii.String("NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled"), true)
}
