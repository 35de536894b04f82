package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// queryActions are what a user of one workgroup needs to run queries and
// read their results, its saved queries and prepared statements.
var queryActions = []string{
	"athena:StartQueryExecution", "athena:StopQueryExecution", "athena:GetQueryExecution",
	"athena:GetQueryResults", "athena:GetQueryResultsStream", "athena:GetQueryRuntimeStatistics",
	"athena:BatchGetQueryExecution", "athena:ListQueryExecutions", "athena:GetWorkGroup",
	"athena:GetNamedQuery", "athena:BatchGetNamedQuery", "athena:ListNamedQueries",
	"athena:GetPreparedStatement", "athena:BatchGetPreparedStatement", "athena:ListPreparedStatements",
}

// GrantQuery lets grantee run queries in this workgroup (only this one),
// read and write its results and use its key. Access to the data queried
// (Glue catalog, S3 data, Lake Formation) is granted separately, by the
// constructs owning it.
func (w *WorkGroup) GrantQuery(grantee awsiam.IGrantable) awsiam.Grant {
	g := awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings(queryActions...),
		ResourceArns: &[]*string{w.Arn},
	})
	if w.ResultsBucket != nil {
		w.ResultsBucket.GrantReadWrite(grantee, jsii.String(w.ResultsPrefix+"*"))
	}
	w.Key.GrantEncryptDecrypt(grantee)
	return g
}
