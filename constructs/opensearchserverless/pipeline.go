package opensearchserverless

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsosis"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// dlqPrefix is where the pipeline writes documents it could not index.
const dlqPrefix = "opensearch-ingestion-dlq/"

// newPipeline is the OpenSearch Ingestion alternative to Firehose: an
// AWS::OSIS::Pipeline whose kinesis source polls the stream and whose
// opensearch sink writes the collection (serverless: true), failed
// documents to the backup bucket. Its role is trusted by
// osis-pipelines.amazonaws.com for this account only, reads the stream,
// is a writer of the data access policy (aoss:APIAccessAll and
// aoss:BatchGetCollection on the collection). For a private collection the
// pipeline's interfaces sit in the endpoint's subnets.
func newPipeline(c constructs.Construct, s *Collection, p *Props, base string) {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("PipelineRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("osis-pipelines.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("OpenSearch Ingestion pipeline role of " + *c.Node().Path()),
	})
	s.PipelineRole = role
	s.Stream.GrantRead(role)
	firehose.GrantS3(role, s.BackupBucket, dlqPrefix)
	s.GrantWrite(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("aoss:BatchGetCollection"), Resources: &[]*string{s.CollectionArn()},
	}))

	// OpenSearch Ingestion publishes only to log groups under
	// /aws/vendedlogs/; the name is derived from the construct.
	logs := awslogs.NewLogGroup(c, jsii.String("PipelineLogs"), &awslogs.LogGroupProps{
		LogGroupName:  jsii.String("/aws/vendedlogs/OpenSearchIngestion/" + base),
		EncryptionKey: s.Key,
		Retention:     p.LogRetention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	s.PipelineLogGroup = logs

	region := *stack.Region()
	body := fmt.Sprintf(`version: "2"
kinesis-pipeline:
  source:
    kinesis:
      acknowledgments: true
      consumer_strategy: "polling"
      codec:
        ndjson: {}
      streams:
        - stream_name: "%s"
          initial_position: "EARLIEST"
      aws:
        region: "%s"
        sts_role_arn: "%s"
  sink:
    - opensearch:
        hosts: ["%s"]
        index: "%s"
        aws:
          region: "%s"
          sts_role_arn: "%s"
          serverless: true
        dlq:
          s3:
            bucket: "%s"
            key_path_prefix: "%s"
            region: "%s"
            sts_role_arn: "%s"
`, *s.Stream.StreamName(), region, *role.RoleArn(), *s.CollectionEndpoint(), *p.IndexName, region, *role.RoleArn(),
		*s.BackupBucket.BucketName(), dlqPrefix, region, *role.RoleArn())

	props := &awsosis.CfnPipelineProps{
		PipelineName:              jsii.String(base),
		MinUnits:                  p.PipelineMinUnits,
		MaxUnits:                  p.PipelineMaxUnits,
		PipelineConfigurationBody: jsii.String(body),
		PipelineRoleArn:           role.RoleArn(),
		LogPublishingOptions: &awsosis.CfnPipeline_LogPublishingOptionsProperty{
			IsLoggingEnabled:         jsii.Bool(true),
			CloudWatchLogDestination: &awsosis.CfnPipeline_CloudWatchLogDestinationProperty{LogGroup: logs.LogGroupName()},
		},
		EncryptionAtRestOptions: &awsosis.CfnPipeline_EncryptionAtRestOptionsProperty{KmsKeyArn: s.Key.KeyArn()},
	}
	if s.VpcEndpoint != nil {
		sg := awsec2.NewSecurityGroup(c, jsii.String("PipelineSecurityGroup"), &awsec2.SecurityGroupProps{
			Vpc:              s.Vpc,
			Description:      jsii.String("OpenSearch Ingestion pipeline of " + *c.Node().Path() + ": HTTPS to the collection VPC endpoint only"),
			AllowAllOutbound: jsii.Bool(false),
		})
		s.VpcEndpointSecurityGroup.Connections().AllowFrom(sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("OpenSearch Ingestion to the collection"))
		var ids []*string
		for _, sn := range subnets(s.Vpc, p.VpcSubnets) {
			ids = append(ids, sn.SubnetId())
		}
		props.VpcOptions = &awsosis.CfnPipeline_VpcOptionsProperty{SubnetIds: &ids, SecurityGroupIds: &[]*string{sg.SecurityGroupId()}}
	}
	s.Pipeline = awsosis.NewCfnPipeline(c, jsii.String("Pipeline"), props)
	s.Pipeline.Node().AddDependency(role, s.AccessPolicy, s.NetworkPolicy)
	s.Key.GrantEncryptDecrypt(role)
}
