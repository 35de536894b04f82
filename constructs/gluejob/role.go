package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newRole is the job's role: trusted by Glue, with no managed policy; the
// construct grants exactly what the job needs.
func newRole(c constructs.Construct, p *Props) awsiam.IRole {
	if p.ExistingRole != nil {
		return p.ExistingRole
	}
	return awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil),
		Description: jsii.String("Runs the Glue job " + *c.Node().Path()),
	})
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
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("GlueJobKey"),
		Actions:   jsii.Strings("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
		Resources: &[]*string{key.KeyArn()},
	}))
}

// grantRuntime gives the role what every run needs beyond the script and
// the work bucket: writing its logs (Glue creates the log groups of a
// security configuration and associates the key with them), publishing job
// metrics, and reading its connections.
func grantRuntime(c constructs.Construct, role awsiam.IRole, connections []awsglue.IConnection) {
	stack := awscdk.Stack_Of(c)
	logsArn := stack.FormatArn(&awscdk.ArnComponents{
		Service:      jsii.String("logs"),
		Resource:     jsii.String("log-group"),
		ResourceName: jsii.String("/aws-glue/*"),
		ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("GlueJobLogs"),
		Actions:   jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"),
		Resources: &[]*string{logsArn},
	}))
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
	s := []nag.Suppression{{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "Glue names a job's log groups at run time under /aws-glue/ (after the role and security configuration), so the log grant covers that prefix only.",
		AppliesTo: []string{`/^Resource::arn:.*:logs:.*:log-group:\/aws-glue\/\*$/`},
	}, {
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

// catalogArns are the ARNs of the catalog, database and tables (all tables
// of the database when none are named).
func catalogArns(c constructs.Construct, database string, tables []string) []*string {
	stack := awscdk.Stack_Of(c)
	arn := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{
			Service:      jsii.String("glue"),
			Resource:     jsii.String(resource),
			ResourceName: jsii.String(name),
			ArnFormat:    awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})
	}
	out := []*string{
		stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME}),
		arn("database", database),
	}
	if len(tables) == 0 {
		tables = []string{"*"}
	}
	for _, t := range tables {
		out = append(out, arn("table", database+"/"+t))
	}
	return out
}
