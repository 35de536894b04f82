package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newRole is the job's role: trusted by Glue, with no managed policy; the
// construct grants exactly what the job needs.
func newRole(c constructs.Construct, p *Props) awsiam.IRole {
	if p.ExistingRole != nil {
		return p.ExistingRole
	}
	return gluebase.NewRole(c, "Runs the Glue job "+*c.Node().Path())
}

// grantWork lets the role use its folders of the work bucket (temporary
// files, checkpoints; the CDK job class grants the Spark UI folder itself)
// and the key, with exact actions.
func grantWork(role awsiam.IRole, bucket awss3.IBucket, key awskms.IKey) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("GlueJobWorkBucketList"),
		Actions:   jsii.Strings("s3:ListBucket", "s3:GetBucketLocation"),
		Resources: &[]*string{bucket.BucketArn()},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("GlueJobWorkFiles"),
		Actions: jsii.Strings("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
		Resources: &[]*string{
			bucket.ArnForObjects(jsii.String(tempPrefix + "*")),
			bucket.ArnForObjects(jsii.String(checkpointPrefix + "*")),
		},
	}))
	gluebase.GrantKey(role, key)
}

// grantRuntime gives the role what every run needs beyond the script and
// the work bucket: writing its logs (Glue creates the log groups of a
// security configuration and associates the key with them), publishing job
// metrics, and reading its connections.
func grantRuntime(role awsiam.IRole, connections []awsglue.IConnection) {
	gluebase.GrantLogs(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("GlueJobMetrics"),
		Actions:    jsii.Strings("cloudwatch:PutMetricData"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": "Glue"}},
	}))
	if len(connections) == 0 {
		return
	}
	arns := make([]*string, len(connections))
	for i, conn := range connections {
		arns[i] = conn.ConnectionArn()
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("GlueJobConnections"),
		Actions:   jsii.Strings("glue:GetConnection"),
		Resources: &arns,
	}))
	// A job in a VPC gets elastic network interfaces there (the actions of
	// the Glue guide's "Step 2: Create an IAM role for AWS Glue").
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("GlueJobNetworkInterfaces"),
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
			"ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeVpcEndpoints",
			"ec2:DescribeRouteTables", "ec2:DescribeVpcAttribute", "ec2:CreateTags", "ec2:DeleteTags"),
		Resources: jsii.Strings("*"),
	}))
}

// suppressRuntime records why the runtime grants name wildcards.
func suppressRuntime(role awsiam.IRole, connections bool) {
	policy := nag.DefaultPolicy(role)
	if policy == nil {
		return
	}
	s := []nag.Suppression{gluebase.LogsSuppression, {
		Rule: "AwsSolutions-IAM5",
		Reason: "Object keys are written at run time: the job's own folders of the work bucket (temp/, checkpoints/) and the Spark UI folder, and the CDK job class reads the script asset with the read grant of the asset bucket " +
			"(s3:GetObject*, s3:GetBucket*, s3:List* on the asset objects); its Spark UI grant adds the encrypt action groups (kms:GenerateDataKey*, kms:ReEncrypt*) on exactly the job's key.",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*", "Action::s3:Abort*",
			`/^Resource::.*\/(temp|checkpoints|spark-ui)\/\*$/`, `/^Resource::arn:.*:s3:::cdk-[a-z0-9]+-assets-.*\/\*$/`},
	}, {
		Rule:      "AwsSolutions-IAM5",
		Reason:    "cloudwatch:PutMetricData has no resource type; the statement is limited to the Glue namespace by a condition.",
		AppliesTo: []string{"Resource::*"},
	}}
	if connections {
		s[2].Reason = "cloudwatch:PutMetricData and the EC2 network-interface actions Glue needs in a VPC have no resource-level scoping the job could name before it runs; metrics are limited to the Glue namespace by a condition."
	}
	nag.Suppress(policy, s...)
}
