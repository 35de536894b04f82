package gluejob

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

var (
	catalogRead  = gluebase.CatalogReadActions
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

// GrantRead lets the job list and read the objects under prefix of bucket
// (and decrypt them with the bucket's key).
func (g *GlueJob) GrantRead(bucket awss3.IBucket, prefix string) {
	gluebase.GrantReadPrefix(g.Role, bucket, prefix)
	g.suppressObjects()
}

// GrantWrite lets the job write, overwrite and delete objects under prefix
// of bucket (Spark writes temporary objects and renames them). The bucket
// must accept SSE-KMS uploads with the job's key.
func (g *GlueJob) GrantWrite(bucket awss3.IBucket, prefix string) {
	gluebase.GrantWritePrefix(g.Role, bucket, prefix)
	g.suppressObjects()
}

// suppressObjects records once why object grants end in a wildcard.
func (g *GlueJob) suppressObjects() {
	if g.objectsSuppressed {
		return
	}
	g.objectsSuppressed = true
	if policy := nag.DefaultPolicy(g.Role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			Reason:    "A Spark job reads every object under its source prefixes and writes objects it names at run time under its target prefixes; the grants name those prefixes only.",
			AppliesTo: []string{`/^Resource::.*\/\*$/`, "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		})
	}
}

// GrantReadTemp lets another role read the job's temporary folder (temp/ of
// the work bucket, and decrypt with the job's key): the role Redshift's COPY
// assumes to load what the job's Redshift writer staged there.
func (g *GlueJob) GrantReadTemp(role awsiam.IRole) {
	gluebase.GrantReadPrefix(role, g.WorkBucket, tempPrefix)
	g.Key.GrantDecrypt(role)
}
