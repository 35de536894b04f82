package datazone

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// The AWS managed policies DataZone documents for its roles. DataZone
// changes what these roles need as it gains features (data quality
// import, lineage, new grant types), and AWS keeps these policies in step;
// a hand-written copy would silently fall behind.
const (
	domainExecutionPolicy = "service-role/AmazonDataZoneDomainExecutionRolePolicy"
	manageAccessPolicy    = "service-role/AmazonDataZoneGlueManageAccessRolePolicy"
	provisioningPolicy    = "AmazonDataZoneRedshiftGlueProvisioningPolicy"
)

// datazonePrincipal is datazone.amazonaws.com acting for this account
// (aws:SourceAccount), as every trust policy of DataZone's guide has it.
func datazonePrincipal(c constructs.Construct, extra map[string]any) awsiam.IPrincipal {
	cond := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": awscdk.Stack_Of(c).Account()}}
	for k, v := range extra {
		cond[k] = v
	}
	return awsiam.NewPrincipalWithConditions(awsiam.NewServicePrincipal(jsii.String("datazone.amazonaws.com"), nil), &cond)
}

// newServiceRole creates a role DataZone assumes, with the managed policy
// AWS documents for it and the nag suppression that says why.
func newServiceRole(c constructs.Construct, id, description string, assumedBy awsiam.IPrincipal, policy, why string) awsiam.Role {
	role := awsiam.NewRole(c, jsii.String(id), &awsiam.RoleProps{
		Description:     jsii.String(description),
		AssumedBy:       assumedBy,
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(policy))},
	})
	nag.Suppress(role, nag.Suppression{
		Rule:      "AwsSolutions-IAM4",
		Reason:    why,
		AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/" + policy},
	})
	return role
}

// domainExecutionRole is the role the data portal acts with: trusted by
// DataZone for this account only, with sts:TagSession limited to datazone*
// session tags, as AmazonDataZoneDomainExecutionRole is documented.
func domainExecutionRole(c constructs.Construct) awsiam.Role {
	trust := datazonePrincipal(c, map[string]any{
		"ForAllValues:StringLike": map[string]any{"aws:TagKeys": []string{"datazone*"}},
	})
	return newServiceRole(c, "DomainExecutionRole", "DataZone domain execution role of "+*c.Node().Path(),
		awsiam.NewSessionTagsPrincipal(trust), domainExecutionPolicy,
		"DataZone documents AmazonDataZoneDomainExecutionRolePolicy as the domain execution role's policy: it covers every DataZone API the data portal calls for its users, which AWS extends with each feature.")
}
