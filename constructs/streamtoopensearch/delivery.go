package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// backupPrefix is where failed documents (and records the processor could
// not transform) land in the backup bucket.
const backupPrefix = "opensearch-backup/"

// grantDelivery gives the Firehose role exactly what the Firehose developer
// guide lists for an OpenSearch Service destination in a VPC: read the
// stream, describe the domain and write documents, read the cluster and
// index state Firehose checks, manage its network interfaces, write the
// backup prefix and invoke the processor.
func grantDelivery(s *StreamToOpenSearch, p *Props) {
	role := s.Role
	s.Stream.GrantRead(role)
	domain := *s.Domain.DomainArn()
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("es:DescribeDomain", "es:DescribeDomains", "es:DescribeDomainConfig", "es:ESHttpPost", "es:ESHttpPut"),
		Resources: jsii.Strings(domain, domain+"/*"),
	}))
	index := *p.IndexName
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("es:ESHttpGet"),
		Resources: jsii.Strings(domain+"/_all/_settings", domain+"/_cluster/stats", domain+"/"+index+"*/_mapping/*",
			domain+"/_nodes", domain+"/_nodes/stats", domain+"/_nodes/*/stats", domain+"/_stats", domain+"/"+index+"*/_stats", domain+"/"),
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
			"ec2:DescribeNetworkInterfaces", "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"),
		Resources: jsii.Strings("*"),
	}))
	firehose.GrantS3(role, s.BackupBucket, backupPrefix)
	if s.Processor != nil {
		s.Processor.GrantInvoke(role)
	}
}

// newDeliveryStream reads the stream and writes to the domain through the
// processor, in the domain's subnets.
func newDeliveryStream(c constructs.Construct, s *StreamToOpenSearch, p *Props, subnets []awsec2.ISubnet, sg awsec2.ISecurityGroup) awskinesisfirehose.CfnDeliveryStream {
	var subnetIds []*string
	for _, sn := range subnets {
		subnetIds = append(subnetIds, sn.SubnetId())
	}
	cfn := awskinesisfirehose.NewCfnDeliveryStream(c, jsii.String("DeliveryStream"), &awskinesisfirehose.CfnDeliveryStreamProps{
		DeliveryStreamType: jsii.String("KinesisStreamAsSource"),
		KinesisStreamSourceConfiguration: &awskinesisfirehose.CfnDeliveryStream_KinesisStreamSourceConfigurationProperty{
			KinesisStreamArn: s.Stream.StreamArn(),
			RoleArn:          s.Role.RoleArn(),
		},
		AmazonopensearchserviceDestinationConfiguration: &awskinesisfirehose.CfnDeliveryStream_AmazonopensearchserviceDestinationConfigurationProperty{
			DomainArn:           s.Domain.DomainArn(),
			IndexName:           p.IndexName,
			IndexRotationPeriod: jsii.String(string(p.IndexRotation)),
			RoleArn:             s.Role.RoleArn(),
			BufferingHints: &awskinesisfirehose.CfnDeliveryStream_AmazonopensearchserviceBufferingHintsProperty{
				IntervalInSeconds: jsii.Number(propcheck.Seconds(p.BufferInterval)),
				SizeInMBs:         p.BufferSize.ToMebibytes(nil),
			},
			RetryOptions: &awskinesisfirehose.CfnDeliveryStream_AmazonopensearchserviceRetryOptionsProperty{
				DurationInSeconds: jsii.Number(propcheck.Seconds(p.RetryDuration)),
			},
			DocumentIdOptions: &awskinesisfirehose.CfnDeliveryStream_DocumentIdOptionsProperty{
				DefaultDocumentIdFormat: jsii.String("FIREHOSE_DEFAULT"),
			},
			ProcessingConfiguration:  processing(s.Processor),
			S3BackupMode:             jsii.String("FailedDocumentsOnly"),
			S3Configuration:          firehose.Backup(s.BackupBucket, s.Role, backupPrefix, s.ErrorLogGroup),
			CloudWatchLoggingOptions: firehose.Logging(s.ErrorLogGroup),
			VpcConfiguration: &awskinesisfirehose.CfnDeliveryStream_VpcConfigurationProperty{
				RoleArn:          s.Role.RoleArn(),
				SubnetIds:        &subnetIds,
				SecurityGroupIds: jsii.Strings(*sg.SecurityGroupId()),
			},
		},
	})
	return cfn
}

// processing runs each record through the processor; nil without one.
func processing(fn awslambda.IFunction) *awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty {
	if fn == nil {
		return nil
	}
	return &awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty{
		Enabled: jsii.Bool(true),
		Processors: &[]any{&awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type: jsii.String("Lambda"),
			Parameters: &[]any{
				&awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty{ParameterName: jsii.String("LambdaArn"), ParameterValue: fn.FunctionArn()},
			},
		}},
	}
}
