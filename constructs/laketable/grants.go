package laketable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
)

// grantTable lets role read (and with write, change) a table: its catalog
// entry and the objects under its prefix, with the bucket's key.
func grantTable(scope constructs.Construct, role awsiam.IRole, db, table string, bucket awss3.IBucket, prefix string, write bool) {
	actions := append([]string{}, gluebase.CatalogReadActions...)
	if write {
		actions = append(actions, "glue:UpdateTable")
	}
	arns := gluebase.CatalogArns(scope, jsii.String(db), table)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(actions...),
		Resources: &arns,
	}))
	if write {
		gluebase.GrantWritePrefix(role, bucket, prefix)
		return
	}
	gluebase.GrantReadPrefix(role, bucket, prefix)
}

// GrantRead lets role query the table (Athena, Spark): the catalog entry
// and the objects under the table's prefix.
func (t *Iceberg) GrantRead(role awsiam.IRole) {
	grantTable(t.Construct, role, t.props.DatabaseName, t.props.TableName, t.bucket, t.props.Prefix, false)
}

// GrantReadWrite lets role also write the table (INSERT, MERGE INTO,
// UPDATE, DELETE commit new metadata through glue:UpdateTable).
func (t *Iceberg) GrantReadWrite(role awsiam.IRole) {
	grantTable(t.Construct, role, t.props.DatabaseName, t.props.TableName, t.bucket, t.props.Prefix, true)
}

// GrantRead lets role query the table: the catalog entry and the objects
// under the table's prefix.
func (t *Projected) GrantRead(role awsiam.IRole) {
	grantTable(t.Construct, role, t.props.DatabaseName, t.props.TableName, t.bucket, t.props.Prefix, false)
}
