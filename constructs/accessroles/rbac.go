package accessroles

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// JobFunctionTag is the tag key carrying a job-function role's name.
const JobFunctionTag = "job-function"

var (
	catalogRead = []string{"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
		"glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"}
	catalogWrite = []string{"glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable",
		"glue:CreatePartition", "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:DeletePartition", "glue:BatchDeletePartition"}
	catalogAdmin = []string{"glue:CreateDatabase", "glue:UpdateDatabase", "glue:DeleteDatabase"}
	queries      = []string{"athena:StartQueryExecution", "athena:StopQueryExecution", "athena:GetQueryExecution",
		"athena:GetQueryResults", "athena:GetWorkGroup"}
	lfAdmin = []string{"lakeformation:GrantPermissions", "lakeformation:RevokePermissions",
		"lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions", "lakeformation:ListPermissions"}
)

// LevelActions are the actions of a level's policy.
func LevelActions(l Level) []string {
	out := append(append([]string{}, catalogRead...), queries...)
	out = append(out, "lakeformation:GetDataAccess")
	if l == Engineer || l == Admin {
		out = append(out, catalogWrite...)
	}
	if l == Admin {
		out = append(out, catalogAdmin...)
		out = append(out, lfAdmin...)
	}
	return out
}

func (a *AccessRoles) rbac(p *Props, t *trust) {
	if len(p.JobFunctions) == 0 {
		return
	}
	roles := constructs.NewConstruct(a.Construct, jsii.String("Roles"))
	for _, jf := range p.JobFunctions {
		policies := append([]awsiam.IManagedPolicy{}, jf.ManagedPolicies...)
		if jf.Level != "" {
			policies = append(policies, a.levelPolicy(p, jf.Level))
		}
		role := t.role(roles, jf.Name, "Job function "+jf.Name+" of "+*a.Node().Path(), p, policies)
		awscdk.Tags_Of(role).Add(jsii.String(JobFunctionTag), jsii.String(jf.Name), nil)
		for _, g := range jf.Grants {
			g(role)
		}
		if policy := nag.DefaultPolicy(role); policy != nil {
			nag.Suppress(policy, nag.Suppression{
				Rule:      "AwsSolutions-IAM5",
				AppliesTo: []string{`/^Resource::.*\*$/`, `/^Action::.*\*$/`},
				Reason:    "This policy holds only what the job function's Grants asked the resources themselves to grant (objects of a bucket, GenerateDataKey* on its key), scoped by CDK to those resources.",
			})
		}
		a.Roles[jf.Name] = role
	}
}

// levelPolicy is the customer managed policy of level l, created once.
func (a *AccessRoles) levelPolicy(p *Props, l Level) awsiam.IManagedPolicy {
	if mp, ok := a.LevelPolicies[l]; ok {
		return mp
	}
	stack := awscdk.Stack_Of(a.Construct)
	arn := func(service, resource string) string {
		return "arn:" + *stack.Partition() + ":" + service + ":" + *stack.Region() + ":" + *stack.Account() + ":" + resource
	}
	catalog := []string{arn("glue", "catalog")}
	dbs := p.Databases
	if dbs == nil {
		dbs = []string{"*"}
	}
	for _, db := range dbs {
		catalog = append(catalog, arn("glue", "database/"+db), arn("glue", "table/"+db+"/*"))
	}
	var workgroups []string
	for _, wg := range p.Workgroups {
		workgroups = append(workgroups, arn("athena", "workgroup/"+wg))
	}
	stmts := []awsiam.PolicyStatement{
		statement("ReadTheCatalog", catalogRead, catalog),
		statement("QueryInTheWorkgroups", queries, workgroups),
		// GetDataAccess has no resource: Lake Formation then checks its own
		// grants on the table the query reads.
		statement("GetLakeFormationCredentials", []string{"lakeformation:GetDataAccess"}, []string{"*"}),
	}
	if l == Engineer || l == Admin {
		stmts = append(stmts, statement("ChangeTables", catalogWrite, catalog))
	}
	if l == Admin {
		stmts = append(stmts, statement("ChangeDatabases", catalogAdmin, catalog),
			statement("GrantLakeFormationPermissions", lfAdmin, []string{"*"}))
	}
	if a.levels == nil {
		a.levels = constructs.NewConstruct(a.Construct, jsii.String("Levels"))
	}
	mp := awsiam.NewManagedPolicy(a.levels, jsii.String(titles[l]), &awsiam.ManagedPolicyProps{
		Description: jsii.String("Lake actions of the " + string(l) + " level of " + *a.Node().Path()),
		Statements:  &stmts,
	})
	applies := []string{"Resource::*", `/^Resource::arn:.*:glue:.*:table\/.*\/\*$/`}
	reason := "Lake Formation has no resource-level permissions for GetDataAccess and the permission APIs, and tables are not known in advance (table/<database>/*); Lake Formation grants decide which tables a role reads."
	if p.Databases == nil {
		applies = append(applies, `/^Resource::arn:.*:glue:.*:database\/\*$/`)
		reason = "Databases is nil, so the level covers every database of the account's catalog by design; Lake Formation grants decide which tables a role reads, and GetDataAccess and the Lake Formation permission APIs have no resource-level permissions."
	}
	nag.Suppress(mp, nag.Suppression{Rule: "AwsSolutions-IAM5", AppliesTo: applies, Reason: reason})
	a.LevelPolicies[l] = mp
	return mp
}

var titles = map[Level]string{Analyst: "Analyst", Engineer: "Engineer", Admin: "Admin"}

func statement(sid string, actions, resources []string) awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String(sid),
		Actions:   jsii.Strings(actions...),
		Resources: jsii.Strings(resources...),
	})
}
