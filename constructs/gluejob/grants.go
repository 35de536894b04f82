package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
)

var (
	catalogRead  = []string{"glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"}
	catalogWrite = []string{"glue:CreateTable", "glue:UpdateTable", "glue:CreatePartition", "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:BatchUpdatePartition"}
)

// GrantCatalogRead lets the job read the named tables of database from the
// Data Catalog (every table of it when none is named).
func (g *GlueJob) GrantCatalogRead(database string, tables ...string) {
	g.grantCatalog(catalogRead, database, tables)
}

// GrantCatalogWrite lets the job also create and update the named tables
// and their partitions (a sink with enableUpdateCatalog, catalogue ETL-06).
func (g *GlueJob) GrantCatalogWrite(database string, tables ...string) {
	g.grantCatalog(append(append([]string{}, catalogRead...), catalogWrite...), database, tables)
}

func (g *GlueJob) grantCatalog(actions []string, database string, tables []string) {
	if len(tables) == 0 {
		tables = []string{"*"}
	}
	arns := gluebase.CatalogArns(g.Construct, jsii.String(database), tables...)
	g.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(actions...),
		Resources: &arns,
	}))
}
