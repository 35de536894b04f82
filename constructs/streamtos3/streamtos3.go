package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// StreamToS3 is a Kinesis data stream whose records a KCL consumer on Fargate
// writes to S3 within seconds.
type StreamToS3 struct {
	constructs.Construct
	// Stream is the data stream producers write to.
	Stream awskinesis.IStream
	// Key encrypts the lease table and the log groups: the user's
	// EncryptionKey or a new one.
	Key awskms.IKey
	// FanOutConsumer is the enhanced fan-out consumer; nil unless
	// EnhancedFanOut.
	FanOutConsumer awskinesis.IStreamConsumer
	// LeaseTable holds the KCL's leases and checkpoints, one item per shard.
	LeaseTable awsdynamodb.ITable
	// ApplicationName is the KCL application name the consumer runs under.
	ApplicationName *string

	// Bucket receives the objects.
	Bucket awss3.IBucket
	// SecureBucket is the new destination bucket; nil with ExistingBucket.
	SecureBucket *securebucket.SecureBucket

	// Vpc holds the consumer tasks.
	Vpc awsec2.IVpc
	// Cluster runs the consumer service.
	Cluster awsecs.ICluster
	// Service is the consumer's Fargate service.
	Service awsecs.IFargateService
	// TaskDefinition of the consumer.
	TaskDefinition awsecs.ITaskDefinition
	// TaskRole is what the consumer runs as: read the stream, write the lease
	// table, put objects under the prefix. Nothing else.
	TaskRole awsiam.IRole
	// SecurityGroup of the tasks: no inbound rule, outbound HTTPS only.
	SecurityGroup awsec2.ISecurityGroup
	// KinesisEndpoint is the interface VPC endpoint for Kinesis Data Streams
	// the consumer reads through; nil when KinesisEndpoint is off.
	KinesisEndpoint awsec2.IInterfaceVpcEndpoint
	// KinesisEndpointSecurityGroup admits HTTPS from SecurityGroup only; nil
	// without KinesisEndpoint.
	KinesisEndpointSecurityGroup awsec2.ISecurityGroup
	// LogGroup holds the consumer's JSON logs and its embedded-format metrics.
	LogGroup awslogs.ILogGroup

	// AlarmTopic is notified by the alarms; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// IteratorAgeAlarm fires when the consumer falls behind the stream.
	IteratorAgeAlarm awscloudwatch.IAlarm
	// ReadThrottleAlarm fires when reads exceed the stream's throughput.
	ReadThrottleAlarm awscloudwatch.IAlarm
	// WriteThrottleAlarm fires when producers' writes are throttled.
	WriteThrottleAlarm awscloudwatch.IAlarm
	// TaskCountAlarm fires when fewer consumer tasks run than desired.
	TaskCountAlarm awscloudwatch.IAlarm
	// GetRecordsLatencyAlarm fires when GetRecords calls on the stream are
	// slow (GetRecords.Latency).
	GetRecordsLatencyAlarm awscloudwatch.IAlarm
	// LeaseReadThrottleAlarm and LeaseWriteThrottleAlarm fire when DynamoDB
	// throttles the KCL's reads or writes of the lease table
	// (ReadThrottleEvents, WriteThrottleEvents): lease renewals and
	// checkpoints then fail, workers lose leases and re-read records.
	LeaseReadThrottleAlarm  awscloudwatch.IAlarm
	LeaseWriteThrottleAlarm awscloudwatch.IAlarm
}

// New creates the stream, the lease table, the bucket, the network, the
// consumer service and the alarms. props may be nil. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *StreamToS3 {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &StreamToS3{Construct: c}
	s.Key = p.EncryptionKey
	if s.Key == nil {
		s.Key = keys.NewForLogs(c, "Key", "Encrypts the KCL lease table and the logs of "+*c.Node().Path())
	}
	s.Stream = newStream(c, &p)
	s.LeaseTable = newLeaseTable(c, &p, s.Key)
	s.Bucket = p.ExistingBucket
	if s.Bucket == nil {
		s.SecureBucket = securebucket.New(c, "Destination", p.BucketProps)
		s.Bucket = s.SecureBucket.Bucket
	}
	if *p.EnhancedFanOut {
		s.FanOutConsumer = awskinesis.NewStreamConsumer(c, jsii.String("FanOutConsumer"), &awskinesis.StreamConsumerProps{
			Stream:             s.Stream,
			StreamConsumerName: consumerName(c),
		})
	}
	s.Vpc = p.Vpc
	if s.Vpc == nil && p.Cluster != nil {
		s.Vpc = p.Cluster.Vpc()
	}
	if s.Vpc == nil {
		s.Vpc = newVpc(c, s.Key)
		if p.KinesisEndpoint == nil {
			p.KinesisEndpoint = jsii.Bool(true)
		}
	}
	newConsumer(c, s, &p)
	if p.KinesisEndpoint != nil && *p.KinesisEndpoint {
		s.KinesisEndpoint, s.KinesisEndpointSecurityGroup = newKinesisEndpoint(c, s, taskSubnets(s.Vpc, p.Subnets))
	}
	if *p.CreateAlarms {
		createAlarms(c, s, &p)
	}
	return s
}
