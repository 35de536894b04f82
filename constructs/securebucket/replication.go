package securebucket

import (
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
)

// replication adds one replication rule (CDK creates the replication role and
// grants it read on this bucket and key, write on the destination and its key).
func replication(p *Props, key awskms.IKey, bp *awss3.BucketProps) {
	r := p.Replication
	if r == nil {
		return
	}
	rule := &awss3.ReplicationRule{
		Destination:             r.Destination,
		KmsKey:                  r.DestinationKey,
		StorageClass:            r.StorageClass,
		DeleteMarkerReplication: r.DeleteMarkerReplication,
		Priority:                jsii.Number(1),
	}
	if rule.DeleteMarkerReplication == nil {
		rule.DeleteMarkerReplication = jsii.Bool(false)
	}
	if r.Prefix != nil {
		rule.Filter = &awss3.Filter{Prefix: r.Prefix}
	}
	if key != nil {
		rule.SseKmsEncryptedObjects = jsii.Bool(true)
	}
	bp.ReplicationRules = &[]*awss3.ReplicationRule{rule}
}

// suppressReplicationWildcards explains the wildcards of the replication
// role that CDK's grants write: object ARNs under exactly the two buckets, and
// the KMS action groups of encrypt/decrypt grants on exactly the two keys.
func suppressReplicationWildcards(bucket awss3.Bucket) {
	policy := bucket.Node().TryFindChild(jsii.String("ReplicationRole"))
	if policy == nil {
		return
	}
	policy = policy.Node().TryFindChild(jsii.String("DefaultPolicy"))
	if policy == nil {
		return
	}
	nag.Suppress(policy.Node().DefaultChild(), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "Replication reads and writes every object version, so object actions are scoped to the objects of exactly the source and destination buckets (bucket ARN + /*), and kms:GenerateDataKey*/kms:ReEncrypt* are the action groups of CDK's encrypt grant on exactly the destination key.",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", `/^Resource::.*\/\*$/`},
	})
}

// replicationOffReason and logReplicationReason are why the compliance
// packs' replication rule is suppressed when Replication is not set.
const (
	replicationOffReason = "Replication is this construct's Replication option (a destination bucket in another Region or account, with its own key); " +
		"it is off by default because a replica doubles the storage and adds transfer cost, and the bucket is versioned and retained, " +
		"so a delete or an overwrite is recoverable in place."
	logReplicationReason = "This bucket holds the S3 server access logs of one bucket, versioned and kept for LogRetention in the source Region; " +
		"a replica would double their cost, and where a second copy is required ExistingLogBucket sends them to a bucket that replicates."
)
