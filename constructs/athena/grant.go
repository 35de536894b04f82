package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
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
	if role, ok := grantee.(awsiam.IRole); ok {
		if policy := nag.DefaultPolicy(role); policy != nil {
			nag.Suppress(policy, nag.Suppression{
				Rule: "AwsSolutions-IAM5",
				Reason: "WorkGroup.GrantQuery: the objects under the workgroup's results prefix (Athena names each result file), " +
					"with the bucket and key actions of CDK's read-write grants (Abort*, DeleteObject*, GetBucket*, GetObject*, List*, GenerateDataKey*, ReEncrypt*).",
				AppliesTo: []string{"Action::s3:Abort*", "Action::s3:DeleteObject*", "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*",
					"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", `/^Resource::.*\/results\/\*$/`},
			})
		}
	}
	return g
}
