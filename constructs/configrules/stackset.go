package configrules

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// stackSet deploys TemplateBody to the organizational units: SERVICE_MANAGED
// permissions (StackSets' own roles through AWS Organizations trusted
// access), automatic deployment to accounts that join the units, stacks
// removed when an account leaves, managed execution (non-conflicting
// operations run concurrently) and a tolerance of one failed account per
// region.
func (r *Rules) stackSet(c constructs.Construct, s *StackSet) {
	callAs := "SELF"
	if isTrue(s.DelegatedAdmin) {
		callAs = "DELEGATED_ADMIN"
	}
	r.StackSet = awscloudformation.NewCfnStackSet(c, jsii.String("StackSet"), &awscloudformation.CfnStackSetProps{
		StackSetName:    uniqueName(c, "StackSet", 128),
		Description:     jsii.String("AWS Config managed rules for data stores, from " + *c.Node().Path()),
		PermissionModel: jsii.String("SERVICE_MANAGED"),
		CallAs:          jsii.String(callAs),
		AutoDeployment: &awscloudformation.CfnStackSet_AutoDeploymentProperty{
			Enabled: jsii.Bool(true), RetainStacksOnAccountRemoval: jsii.Bool(false),
		},
		ManagedExecution: map[string]any{"Active": true},
		OperationPreferences: &awscloudformation.CfnStackSet_OperationPreferencesProperty{
			FailureToleranceCount: jsii.Number(1), MaxConcurrentCount: jsii.Number(2), RegionConcurrencyType: jsii.String("PARALLEL"),
		},
		StackInstancesGroup: []any{&awscloudformation.CfnStackSet_StackInstancesProperty{
			DeploymentTargets: &awscloudformation.CfnStackSet_DeploymentTargetsProperty{
				OrganizationalUnitIds: jsii.Strings(s.OrganizationalUnitIds...),
			},
			Regions: jsii.Strings(s.Regions...),
		}},
		TemplateBody: jsii.String(r.TemplateBody),
	})
}
