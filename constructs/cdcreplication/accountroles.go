package cdcreplication

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// AccountRoles are the IAM roles DMS looks up by fixed name in every
// account that uses it: dms-vpc-role (to put replication instances in a
// VPC), dms-cloudwatch-logs-role (to write task logs) and
// dms-access-for-endpoint (for Redshift targets). The names are not
// configurable, so an account has one of each: create them in one stack
// (NewAccountRoles, or Props.CreateAccountRoles) and turn creation off
// everywhere else, including in accounts where the DMS console created them.
type AccountRoles struct {
	constructs.Construct
	Vpc               awsiam.IRole
	CloudWatchLogs    awsiam.IRole
	AccessForEndpoint awsiam.IRole
}

// NewAccountRoles creates the three roles with the AWS managed policies DMS
// documents for them.
func NewAccountRoles(scope constructs.Construct, id string) *AccountRoles {
	c := constructs.NewConstruct(scope, jsii.String(id))
	dms := awsiam.NewServicePrincipal(jsii.String("dms.amazonaws.com"), nil)
	role := func(name, policy, description string, principals ...awsiam.IPrincipal) awsiam.Role {
		r := awsiam.NewRole(c, jsii.String(name), &awsiam.RoleProps{
			RoleName:        jsii.String(name),
			AssumedBy:       awsiam.NewCompositePrincipal(principals...),
			Description:     jsii.String(description),
			ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("service-role/" + policy))},
		})
		nag.Suppress(r, nag.Suppression{
			Rule: "AwsSolutions-IAM4",
			Reason: "DMS requires this role under this exact name with the AWS managed policy " + policy +
				" (DMS User Guide, IAM permissions needed to use AWS DMS); DMS itself looks the role up and AWS maintains the policy for new DMS features.",
			AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/" + policy},
		})
		return r
	}
	return &AccountRoles{
		Construct:      c,
		Vpc:            role("dms-vpc-role", "AmazonDMSVPCManagementRole", "DMS: manage network interfaces of replication instances", dms),
		CloudWatchLogs: role("dms-cloudwatch-logs-role", "AmazonDMSCloudWatchLogsRole", "DMS: write replication task logs", dms),
		AccessForEndpoint: role("dms-access-for-endpoint", "AmazonDMSRedshiftS3Role", "DMS: stage Redshift target data in S3",
			dms, awsiam.NewServicePrincipal(jsii.String("redshift.amazonaws.com"), nil)),
	}
}
