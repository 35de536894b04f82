package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// ServicePolicy is the AWS managed policy of the EMR service role: the
// documented minimum for EMR on EC2. It acts only on resources tagged
// ManagedPolicyTag=true (and on what EMR creates and tags itself).
const ServicePolicy = "service-role/AmazonEMRServicePolicy_v2"

// Glue catalog actions of the instance role on its databases.
var (
	glueRead  = []string{"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetTableVersions", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:GetUserDefinedFunction", "glue:GetUserDefinedFunctions"}
	glueWrite = []string{"glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable", "glue:BatchDeleteTable", "glue:CreatePartition", "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:BatchUpdatePartition", "glue:DeletePartition", "glue:BatchDeletePartition"}
)

// newRoles creates the service role, the instance role and its profile.
func newRoles(c constructs.Construct, cl *Cluster) {
	stack := awscdk.Stack_Of(c)
	service := awsiam.NewRole(c, jsii.String("ServiceRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("elasticmapreduce.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
					Service: jsii.String("elasticmapreduce"), Resource: jsii.String("*"),
					ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME,
				})},
			},
		}),
		Description:     jsii.String("EMR service role of " + *c.Node().Path()),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(ServicePolicy))},
	})
	nag.Suppress(service, nag.Suppression{
		Rule:      "AwsSolutions-IAM4",
		Reason:    "AmazonEMRServicePolicy_v2 is the EMR management guide's minimum service role policy: it acts only on resources tagged for-use-with-amazon-emr-managed-policies=true, which the construct puts on its VPC and security groups, and AWS keeps it current with what EMR calls.",
		AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"},
	})
	instance := awsiam.NewRole(c, jsii.String("InstanceRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil),
		Description: jsii.String("EC2 instance profile role of the nodes of the EMR cluster " + *c.Node().Path()),
	})
	// The managed policy lets EMR pass only roles named EMR_EC2_DefaultRole;
	// this one has a generated name.
	service.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("iam:PassRole"),
		Resources:  &[]*string{instance.RoleArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"iam:PassedToService": "ec2.amazonaws.com*"}},
	}))
	cl.ServiceRole, cl.InstanceRole = service, instance
	cl.InstanceProfile = awsiam.NewInstanceProfile(c, jsii.String("InstanceProfile"), &awsiam.InstanceProfileProps{Role: instance})
}

// grantCatalog lets the instance role use the Glue Data Catalog as its
// metastore: read the catalog and the "default" database (Hive checks it
// at start and creates it when missing), read and write tables and
// partitions of databases.
func grantCatalog(c constructs.Construct, cl *Cluster, databases []string) {
	stack := awscdk.Stack_Of(c)
	arn := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
	}
	catalog := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME})
	cl.InstanceRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase"),
		Resources: &[]*string{catalog, arn("database", "default")},
	}))
	if len(databases) == 0 {
		return
	}
	resources := []*string{catalog}
	for _, d := range databases {
		resources = append(resources, arn("database", d), arn("table", d+"/*"), arn("userDefinedFunction", d+"/*"))
	}
	cl.InstanceRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(append(append([]string{}, glueRead...), glueWrite...)...),
		Resources: &resources,
	}))
}
