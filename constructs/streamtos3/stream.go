package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// newStream returns the user's stream, or a new one: on-demand (or
// provisioned with ShardCount), KMS-encrypted with the AWS managed
// aws/kinesis key (or StreamEncryptionKey), 24 h retention, retained on
// stack deletion.
func newStream(c constructs.Construct, p *Props) awskinesis.IStream {
	if p.ExistingStream != nil {
		return p.ExistingStream
	}
	sp := awskinesis.StreamProps{}
	if p.StreamProps != nil {
		sp = *p.StreamProps
	}
	if p.Capacity == Provisioned {
		sp.StreamMode = awskinesis.StreamMode_PROVISIONED
		sp.ShardCount = p.ShardCount
	} else {
		sp.StreamMode = awskinesis.StreamMode_ON_DEMAND
	}
	sp.RetentionPeriod = p.RetentionPeriod
	if *p.ShardLevelMetrics {
		sp.ShardLevelMetrics = &[]awskinesis.ShardLevelMetrics{awskinesis.ShardLevelMetrics_ALL}
	}
	if p.StreamEncryptionKey != nil {
		sp.Encryption = awskinesis.StreamEncryption_KMS
		sp.EncryptionKey = p.StreamEncryptionKey
	} else {
		sp.Encryption = awskinesis.StreamEncryption_MANAGED
	}
	if sp.RemovalPolicy == "" {
		sp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	stream := awskinesis.NewStream(c, jsii.String("Stream"), &sp)
	if p.StreamEncryptionKey != nil {
		suppressCustomerManagedStreamKey(stream)
	}
	return stream
}

// consumerName is the enhanced fan-out consumer's name: unique per construct
// path (two instances in one stack do not collide), at most 128 characters.
func consumerName(c constructs.Construct) *string {
	return awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(128),
		Separator: jsii.String("-"),
	})
}
