package lakeformation

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// MutationType says how the settings meet the account's current ones.
type MutationType string

const (
	// Replace writes the whole settings: admins not listed are removed.
	Replace MutationType = "REPLACE"
	// Append adds the listed admins to the current settings.
	Append MutationType = "APPEND"
)

// Settings are the account's Lake Formation data lake settings
// (AWS::LakeFormation::DataLakeSettings): one per account and region.
type Settings struct {
	constructs.Construct
	Resource awslakeformation.CfnDataLakeSettings
	// Admins are the data lake administrators written, the deploying role
	// first when it is one of them.
	Admins []*string
	// DeployRole is the CDK CloudFormation execution role made an admin, nil
	// when DeployRoleAdmin is false.
	DeployRole *string
}

// NewSettings writes the data lake settings: the given admins (and the CDK
// deploy role), no IAMAllowedPrincipals defaults for new databases and
// tables, and cross-account version 4. Invalid props fail synthesis with
// every problem listed.
func NewSettings(scope constructs.Construct, id string, props *SettingsProps) *Settings {
	p := SettingsProps{}
	if props != nil {
		p = *props
	}
	checkSettings(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &Settings{Construct: c}

	if p.DeployRoleAdmin == nil || *p.DeployRoleAdmin {
		s.DeployRole = deployRoleArn(c)
		s.Admins = append(s.Admins, s.DeployRole)
	}
	for _, a := range p.Admins {
		s.Admins = append(s.Admins, jsii.String(a))
	}
	version := 4
	if p.CrossAccountVersion != nil {
		version = *p.CrossAccountVersion
	}
	mutation := Replace
	if p.MutationType != "" {
		mutation = p.MutationType
	}
	cp := &awslakeformation.CfnDataLakeSettingsProps{
		Admins:                           principals(s.Admins),
		CreateDatabaseDefaultPermissions: &[]any{},
		CreateTableDefaultPermissions:    &[]any{},
		MutationType:                     jsii.String(string(mutation)),
		// The key is CROSS_ACCOUNT_VERSION: the CloudFormation reference
		// names it CrossAccountVersion, which PutDataLakeSettings refuses.
		Parameters:                 map[string]any{"CROSS_ACCOUNT_VERSION": strconv.Itoa(version)},
		AllowExternalDataFiltering: jsii.Bool(false),
	}
	if len(p.ReadOnlyAdmins) > 0 {
		ro := make([]*string, len(p.ReadOnlyAdmins))
		for i, a := range p.ReadOnlyAdmins {
			ro[i] = jsii.String(a)
		}
		cp.ReadOnlyAdmins = principals(ro)
	}
	if len(p.TrustedResourceOwners) > 0 {
		cp.TrustedResourceOwners = jsii.Strings(p.TrustedResourceOwners...)
	}
	s.Resource = awslakeformation.NewCfnDataLakeSettings(c, jsii.String("Resource"), cp)
	return s
}

func principals(ids []*string) *[]any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = &awslakeformation.CfnDataLakeSettings_DataLakePrincipalProperty{DataLakePrincipalIdentifier: id}
	}
	return &out
}

// deployRoleArn is the CloudFormation execution role of the stack's CDK
// bootstrap (the role that creates the stack's resources, so the one Lake
// Formation must know as an admin for the stack's grants, tags, filters and
// registrations), partition-aware through Fn::Sub.
func deployRoleArn(c constructs.Construct) *string {
	stack := awscdk.Stack_Of(c)
	qualifier := awscdk.DefaultStackSynthesizer_DEFAULT_QUALIFIER()
	if q, ok := c.Node().TryGetContext(jsii.String("@aws-cdk/core:bootstrapQualifier")).(string); ok && q != "" {
		qualifier = &q
	}
	arn := strings.ReplaceAll(*awscdk.DefaultStackSynthesizer_DEFAULT_CLOUDFORMATION_ROLE_ARN(), "${Qualifier}", *qualifier)
	if synth, ok := stack.Synthesizer().(awscdk.DefaultStackSynthesizer); ok && synth.CloudFormationExecutionRoleArn() != nil {
		arn = *synth.CloudFormationExecutionRoleArn()
	}
	return awscdk.Fn_Sub(jsii.String(arn), nil)
}

// dependOn makes child wait for the settings, when there are any, so that
// the deploying role is an admin before it creates Lake Formation resources.
func dependOn(child constructs.IConstruct, s *Settings) {
	if s != nil {
		child.Node().AddDependency(s.Resource)
	}
}
