package gluecatalog

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// NewDatabase creates a Glue database named name for tables that no crawler
// of this package makes (Iceberg and projected tables, resource links),
// retained unless the sandbox switch is on. Created after Lake Formation's
// data lake settings, it has no IAMAllowedPrincipals default: Lake
// Formation's grants alone govern its tables.
func NewDatabase(scope constructs.Construct, id, name, description string) awsglue.IDatabase {
	pr := propcheck.For("gluecatalog.Database", scope, id)
	if !databaseNameRE.MatchString(name) {
		pr.Add("name", name, "1 to 255 lowercase letters, digits and underscores (what Athena and Spark accept)")
	}
	pr.Fail()
	return awsglue.NewDatabase(scope, jsii.String(id), &awsglue.DatabaseProps{
		DatabaseName:  jsii.String(name),
		Description:   jsii.String(description),
		RemovalPolicy: sandbox.RemovalPolicy(scope),
	})
}
