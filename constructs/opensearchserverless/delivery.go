package opensearchserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// backupPrefix is where failed documents land in the backup bucket.
const backupPrefix = "opensearch-serverless-backup/"

// freshnessSeconds: records older than this in Firehose mean deliveries
// fail or are throttled (the buffer interval is at most 900 s).
const freshnessSeconds = 900

// newDelivery creates the Firehose delivery stream from the Kinesis stream
// into the collection: the role (this account's Firehose only) reads the
// stream, is a writer of the data access policy with aoss:APIAccessAll on
// the collection, writes failed documents to the backup bucket and errors
// to the log group; for a private collection its network interfaces sit in
// the endpoint's subnets and reach the collection through the VPC endpoint.
func newDelivery(c constructs.Construct, s *Collection, p *Props) {
	role := firehose.NewRole(c)
	s.DeliveryRole = role
	s.ErrorLogGroup = firehose.NewErrorLogs(c, s.Key, p.LogRetention, role)
	s.Stream.GrantRead(role)
	firehose.GrantS3(role, s.BackupBucket, backupPrefix)
	s.GrantWrite(role)

	dest := &awskinesisfirehose.CfnDeliveryStream_AmazonOpenSearchServerlessDestinationConfigurationProperty{
		CollectionEndpoint: s.CollectionEndpoint(),
		IndexName:          p.IndexName,
		RoleArn:            role.RoleArn(),
		BufferingHints: &awskinesisfirehose.CfnDeliveryStream_AmazonOpenSearchServerlessBufferingHintsProperty{
			IntervalInSeconds: jsii.Number(propcheck.Seconds(p.BufferInterval)),
			SizeInMBs:         p.BufferSize.ToMebibytes(nil),
		},
		RetryOptions: &awskinesisfirehose.CfnDeliveryStream_AmazonOpenSearchServerlessRetryOptionsProperty{
			DurationInSeconds: jsii.Number(propcheck.Seconds(p.RetryDuration)),
		},
		S3BackupMode:             jsii.String("FailedDocumentsOnly"),
		S3Configuration:          firehose.Backup(s.BackupBucket, role, backupPrefix, s.ErrorLogGroup),
		CloudWatchLoggingOptions: firehose.Logging(s.ErrorLogGroup),
	}
	if p.Processor != nil {
		p.Processor.GrantInvoke(role)
		dest.ProcessingConfiguration = &awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty{
			Enabled: jsii.Bool(true),
			Processors: &[]any{&awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
				Type: jsii.String("Lambda"),
				Parameters: &[]any{&awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty{
					ParameterName: jsii.String("LambdaArn"), ParameterValue: p.Processor.FunctionArn(),
				}},
			}},
		}
	}
	if s.VpcEndpoint != nil {
		sg := awsec2.NewSecurityGroup(c, jsii.String("DeliverySecurityGroup"), &awsec2.SecurityGroupProps{
			Vpc:              s.Vpc,
			Description:      jsii.String("Firehose delivery of " + *c.Node().Path() + ": HTTPS to the collection VPC endpoint only"),
			AllowAllOutbound: jsii.Bool(false),
		})
		s.VpcEndpointSecurityGroup.Connections().AllowFrom(sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("Firehose to the collection"))
		var ids []*string
		for _, sn := range subnets(s.Vpc, p.VpcSubnets) {
			ids = append(ids, sn.SubnetId())
		}
		// The Firehose developer guide's actions for delivery in a VPC; they
		// have no resource-level form.
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
				"ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"),
			Resources: jsii.Strings("*"),
		}))
		dest.VpcConfiguration = &awskinesisfirehose.CfnDeliveryStream_VpcConfigurationProperty{
			RoleArn:          role.RoleArn(),
			SubnetIds:        &ids,
			SecurityGroupIds: jsii.Strings(*sg.SecurityGroupId()),
		}
	}
	s.DeliveryStream = awskinesisfirehose.NewCfnDeliveryStream(c, jsii.String("DeliveryStream"), &awskinesisfirehose.CfnDeliveryStreamProps{
		DeliveryStreamType: jsii.String("KinesisStreamAsSource"),
		KinesisStreamSourceConfiguration: &awskinesisfirehose.CfnDeliveryStream_KinesisStreamSourceConfigurationProperty{
			KinesisStreamArn: s.Stream.StreamArn(),
			RoleArn:          role.RoleArn(),
		},
		AmazonOpenSearchServerlessDestinationConfiguration: dest,
	})
	// Deliveries before the role's policy, the data access policy and the
	// network policy exist would be refused and land in the backup bucket.
	s.DeliveryStream.Node().AddDependency(role, s.AccessPolicy, s.NetworkPolicy)

	if *p.CreateAlarms {
		s.AlarmTopic = p.AlarmTopic
		if s.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
		}
		s.FreshnessAlarm, s.DeliveryFailureAlarm = firehose.DeliveryAlarms(c, s.DeliveryStream, "AmazonOpenSearchServerless", freshnessSeconds, s.AlarmTopic)
		if p.Processor != nil {
			s.ProcessingFailureAlarm = firehose.ProcessingAlarm(c, s.DeliveryStream, "to the backup bucket", s.AlarmTopic)
		}
	}
}

// newSource is the stream (given or new: on demand, encrypted with the
// AWS managed key, retained) and the backup bucket of either ingestion.
func newSource(c constructs.Construct, s *Collection, p *Props) {
	s.Stream = p.ExistingStream
	if s.Stream == nil {
		sp := awskinesis.StreamProps{}
		if p.StreamProps != nil {
			sp = *p.StreamProps
		}
		if sp.StreamMode == "" && sp.ShardCount == nil {
			sp.StreamMode = awskinesis.StreamMode_ON_DEMAND
		}
		if sp.Encryption == "" {
			sp.Encryption = awskinesis.StreamEncryption_MANAGED
		}
		if sp.RemovalPolicy == "" {
			sp.RemovalPolicy = sandbox.RemovalPolicy(c)
		}
		s.Stream = awskinesis.NewStream(c, jsii.String("Stream"), &sp)
	}
	s.BackupBucket = p.ExistingBackupBucket
	if s.BackupBucket == nil {
		s.BackupBucket = securebucket.New(c, "Backup", p.BackupBucketProps).Bucket
	}
}
