package lakeformation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// GrantQuery (ARNs in scope's stack) is the IAM half of Lake Formation grants on the tables of
// database: role may read that database's catalog entries and ask Lake
// Formation for temporary credentials (lakeformation:GetDataAccess). Lake
// Formation's grants then decide which tables, columns and rows it sees;
// without this policy an engine such as Athena refuses before asking.
func GrantQuery(scope constructs.Construct, role awsiam.IRole, database string) {
	gluebase.GrantDatabaseRead(scope, role, jsii.String(database))
	GrantDataAccess(role)
}

// GrantDataAccess lets role ask Lake Formation for temporary credentials of
// the registered locations it was granted (a Glue job, a table optimizer or
// a crawler reading through Lake Formation).
func GrantDataAccess(role awsiam.IRole) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("LakeFormationDataAccess"),
		Actions:   jsii.Strings("lakeformation:GetDataAccess"),
		Resources: jsii.Strings("*"),
	}))
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			Reason: "lakeformation:GetDataAccess has no resource-level permissions: Lake Formation decides per table and location from its own grants; " +
				"the Glue catalog reads cover the tables of one database, which Lake Formation filters further.",
			AppliesTo: []string{"Resource::*", `/^Resource::arn:.*:glue:.*:table\/.*\/\*$/`},
		})
	}
}
