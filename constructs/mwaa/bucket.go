package mwaa

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// DagConfigFile is the name of the DagConfig object beside the DAGs.
const DagConfigFile = "dag_config.json"

// newBucket creates (or takes) the DAG bucket and uploads DagsDirectory.
func newBucket(c constructs.Construct, e *Environment, p *Props) {
	e.DagBucket = p.DagBucket
	if e.DagBucket == nil {
		// SSE-KMS with the environment's key: Amazon MWAA reads the DAGs
		// with the execution role, which may use the key through S3.
		e.DagBucket = securebucket.New(c, "DagBucket", &securebucket.Props{
			Encryption:    securebucket.SSEKMS,
			EncryptionKey: e.Key,
		}).Bucket
	}
	if p.DagsDirectory == "" {
		return
	}
	sources := []awss3deployment.ISource{awss3deployment.Source_Asset(jsii.String(p.DagsDirectory), &awss3assets.AssetOptions{
		Exclude: jsii.Strings("__pycache__", "*.pyc", ".*"),
	})}
	if p.DagConfig != nil {
		sources = append(sources, awss3deployment.Source_JsonData(jsii.String(DagConfigFile), p.DagConfig, nil))
	}
	// The upload function runs in the environment's subnets and security
	// group: it reaches S3 through the gateway endpoint and KMS through
	// the kms endpoint, like the environment.
	logs := awslogs.NewLogGroup(c, jsii.String("DeploymentLogs"), &awslogs.LogGroupProps{
		EncryptionKey: e.Key,
		Retention:     awslogs.RetentionDays_ONE_YEAR,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	e.Deployment = awss3deployment.NewBucketDeployment(c, jsii.String("Dags"), &awss3deployment.BucketDeploymentProps{
		DestinationBucket:    e.DagBucket,
		DestinationKeyPrefix: jsii.String(e.DagS3Path + "/"),
		Sources:              &sources,
		Prune:                jsii.Bool(true),
		RetainOnDelete:       jsii.Bool(true),
		LogGroup:             logs,
		Vpc:                  e.Vpc,
		VpcSubnets:           &awsec2.SubnetSelection{Subnets: &e.Subnets},
		SecurityGroups:       &[]awsec2.ISecurityGroup{e.SecurityGroup},
	})
	suppressDeployment(c, e)
}

// suppressDeployment records the cdk-nag findings of the CDK's upload
// function, a singleton of the stack, with their reasons.
func suppressDeployment(c constructs.Construct, e *Environment) {
	if role := e.Deployment.HandlerRole(); role != nil {
		nag.Suppress(role,
			nag.Suppression{Rule: "AwsSolutions-IAM4", Reason: "The CDK's BucketDeployment function uses the AWS managed policies for Lambda logging and VPC network interfaces, which carry no data access."},
		)
		if pol := nag.DefaultPolicy(role); pol != nil {
			nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The CDK's BucketDeployment function copies every object of its asset into the DAG prefix and deletes objects there that the asset no longer holds, so it needs object wildcards on the asset and the DAG bucket."})
		}
	}
	for _, child := range *awscdk.Stack_Of(c).Node().Children() {
		if strings.HasPrefix(*child.Node().Id(), "Custom::CDKBucketDeployment") {
			nag.Suppress(child, nag.Suppression{Rule: "AwsSolutions-L1", Reason: "The CDK's BucketDeployment function runs the Python runtime the aws-cdk-lib version pins, which this library cannot change."})
			inVPC := provider.FrameworkInvocation
			inVPC.Reaches = "" // the deployment runs in the environment's VPC
			gofunction.Answer(child.Node().DefaultChild(), inVPC)
		}
	}
}
