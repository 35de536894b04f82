package ttltable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// newStream is the table's Kinesis streaming destination: on-demand (or
// StreamShardCount shards), kept StreamRetention, retained unless sandbox.
// It is encrypted with the AWS managed key aws/kinesis: DynamoDB writes it
// through its service-linked role AWSServiceRoleForDynamoDBKinesisDataStreamsReplication,
// whose use of a customer managed key the DynamoDB guide does not document
// (a key policy cannot name a role that does not exist yet either).
func newStream(c constructs.Construct, p *Props) awskinesis.IStream {
	sp := &awskinesis.StreamProps{
		Encryption:      awskinesis.StreamEncryption_MANAGED,
		RemovalPolicy:   sandbox.RemovalPolicy(c),
		RetentionPeriod: p.StreamRetention,
	}
	if p.StreamShardCount > 0 {
		sp.StreamMode = awskinesis.StreamMode_PROVISIONED
		sp.ShardCount = jsii.Number(p.StreamShardCount)
	} else {
		sp.StreamMode = awskinesis.StreamMode_ON_DEMAND
	}
	if sp.RetentionPeriod == nil {
		sp.RetentionPeriod = awscdk.Duration_Hours(jsii.Number(24))
	}
	return awskinesis.NewStream(c, jsii.String("Stream"), sp)
}

// lake delivers the stream to S3 with firehosetos3: JSON lines (one change
// record each), GZIP by default, under DefaultLakePrefix.
func (t *TTLTable) lake(p *Props) {
	fp := firehosetos3.Props{}
	if p.Lake != nil {
		fp = *p.Lake
	}
	fp.SourceStream = t.Stream
	if fp.Prefix == nil {
		fp.Prefix = jsii.String(DefaultLakePrefix)
	}
	if fp.ErrorPrefix == nil {
		fp.ErrorPrefix = jsii.String(DefaultLakeErrorPrefix)
	}
	if fp.Gzip == nil {
		fp.Gzip = jsii.Bool(true)
	}
	if fp.CreateAlarms == nil {
		fp.CreateAlarms = p.CreateAlarms
	}
	if fp.AlarmTopic == nil && *fp.CreateAlarms {
		fp.AlarmTopic = t.AlarmTopic
	}
	t.Lake = firehosetos3.New(t.Construct, "Lake", &fp)
}
