package securebucket

import (
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
