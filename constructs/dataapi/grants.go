package dataapi

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// athenaActions are what running a query and reading its result take, on
// the workgroup only.
var athenaActions = []string{"athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution"}

// glueActions are what Athena asks of the catalog on the caller's behalf to
// plan a query of the tables.
var glueActions = []string{"glue:GetDatabase", "glue:GetTable", "glue:GetPartition", "glue:GetPartitions"}

func (d *DataAPI) grantBackend(p *Props) {
	if a := p.Athena; a != nil {
		d.grantAthena(a)
		return
	}
	d.grantRedshift(p.Redshift)
}

func (d *DataAPI) statement(actions []string, resources []*string, conditions map[string]any) {
	ps := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: &resources}
	if conditions != nil {
		ps.Conditions = &conditions
	}
	d.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(ps))
}

func (d *DataAPI) grantAthena(a *Athena) {
	stack := awscdk.Stack_Of(d.Construct)
	w := a.WorkGroup
	d.statement(athenaActions, []*string{w.Arn}, nil)
	if w.ResultsBucket != nil {
		w.ResultsBucket.GrantReadWrite(d.Role, jsii.String(w.ResultsPrefix+"*"))
	}
	w.Key.GrantEncryptDecrypt(d.Role)
	catalog := a.Catalog
	if catalog == "" || catalog == "AwsDataCatalog" {
		catalog = "catalog"
	}
	glue := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource),
			ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
	}
	resources := []*string{
		stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME}),
		glue("database", a.Database),
	}
	for _, t := range a.Tables {
		resources = append(resources, glue("table", a.Database+"/"+t))
	}
	d.statement(glueActions, resources, nil)
	for _, b := range a.DataBuckets {
		b.GrantRead(d.Role, nil)
	}
}

func (d *DataAPI) grantRedshift(r *Redshift) {
	stack := awscdk.Stack_Of(d.Construct)
	redshift := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("redshift"), Resource: jsii.String(resource),
			ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})
	}
	if r.ClusterIdentifier != "" {
		d.statement([]string{"redshift-data:ExecuteStatement"}, []*string{redshift("cluster", r.ClusterIdentifier)}, nil)
		if r.DbUser != "" {
			d.statement([]string{"redshift:GetClusterCredentials"}, []*string{
				redshift("dbuser", r.ClusterIdentifier+"/"+r.DbUser), redshift("dbname", r.ClusterIdentifier+"/"+r.Database),
			}, nil)
		}
	} else {
		d.statement([]string{"redshift-data:ExecuteStatement"}, []*string{jsii.String(r.WorkgroupArn)}, nil)
		if r.Secret == nil {
			d.statement([]string{"redshift-serverless:GetCredentials"}, []*string{jsii.String(r.WorkgroupArn)}, nil)
		}
	}
	if r.Secret != nil {
		r.Secret.GrantRead(d.Role, nil)
	}
	// Statement ids have no ARN: the condition limits these to the
	// function's own statements.
	d.statement([]string{"redshift-data:DescribeStatement", "redshift-data:GetStatementResult"}, []*string{jsii.String("*")},
		map[string]any{"StringEquals": map[string]any{"redshift-data:statement-owner-iam-userid": "${aws:userid}"}})
}

func removal(c constructs.Construct) awscdk.RemovalPolicy { return sandbox.RemovalPolicy(c) }
