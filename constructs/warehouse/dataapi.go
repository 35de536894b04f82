package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
)

// DataAPITarget is what a Redshift Data API call names to reach this
// warehouse as dbUser: ClusterIdentifier and DbUser (provisioned, temporary
// credentials from redshift:GetClusterCredentials) or WorkgroupName
// (serverless, the caller's IAM identity), and Database.
func (w *Warehouse) DataAPITarget(dbUser string) map[string]any {
	t := map[string]any{"Database": w.DatabaseName}
	if w.Type == Serverless {
		t["WorkgroupName"] = w.Name
	} else {
		t["ClusterIdentifier"] = w.Name
		t["DbUser"] = dbUser
	}
	return t
}

// DataAPIResource is the ARN Data API statements run on: the provisioned
// cluster's, or the serverless workgroup's.
func (w *Warehouse) DataAPIResource() *string {
	if w.Type == Serverless {
		return w.Workgroup.AttrWorkgroupWorkgroupArn()
	}
	return w.arn("cluster", w.Name)
}

// GrantDataAPI lets grantee run statements through the Data API as dbUser
// (provisioned, temporary credentials from redshift:GetClusterCredentials)
// or as its own IAM identity (serverless), and read the results of its own
// statements only.
func (w *Warehouse) GrantDataAPI(grantee awsiam.IGrantable, dbUser string) {
	w.grantStatements(grantee)
	if w.Type == Serverless {
		return
	}
	w.GrantCredentials(grantee, dbUser)
}

// GrantCredentials lets grantee get temporary database credentials as the
// existing dbUser of the first database: the IAM sign-in of JDBC and ODBC
// drivers (jdbc:redshift:iam://...) on a provisioned cluster,
// redshift:GetClusterCredentials on that user and database only. On
// serverless the sign-in is the grantee's own IAM identity
// (redshift-serverless:GetCredentials on the workgroup) and dbUser is not
// used.
func (w *Warehouse) GrantCredentials(grantee awsiam.IGrantable, dbUser string) {
	if w.Type == Serverless {
		w.grant(grantee, []string{"redshift-serverless:GetCredentials"}, w.DataAPIResource())
		return
	}
	w.grant(grantee, []string{"redshift:GetClusterCredentials"},
		w.arn("dbuser", w.Name+"/"+dbUser), w.arn("dbname", w.Name+"/"+w.DatabaseName))
}

// GrantDataAPIAsAdmin lets grantee run statements through the Data API as
// the admin user: on a provisioned cluster with the admin secret Redshift
// manages (read with the grantee's own permissions, decrypted with the
// warehouse key), on serverless as its own IAM identity.
func (w *Warehouse) GrantDataAPIAsAdmin(grantee awsiam.IGrantable) {
	w.GrantDataAPIWithSecret(grantee, nil)
}

// GrantDataAPIWithSecret is GrantDataAPIAsAdmin for the database user of
// secret ({"username", "password"}), or the admin user when secret is nil.
func (w *Warehouse) GrantDataAPIWithSecret(grantee awsiam.IGrantable, secret awssecretsmanager.ISecret) {
	w.grantStatements(grantee)
	switch {
	case w.Type == Serverless:
	case secret != nil:
		secret.GrantRead(grantee, nil)
	default:
		w.grant(grantee, []string{"secretsmanager:GetSecretValue"}, w.AdminSecretArn)
		w.grant(grantee, []string{"kms:Decrypt"}, w.Key.KeyArn())
	}
}

// grantStatements lets grantee run statements on this warehouse (and, on
// serverless, get credentials for its IAM identity) and follow its own.
func (w *Warehouse) grantStatements(grantee awsiam.IGrantable) {
	run := []string{"redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"}
	if w.Type == Serverless {
		wg := w.DataAPIResource()
		w.grant(grantee, run, wg)
		w.grant(grantee, []string{"redshift-serverless:GetCredentials"}, wg)
	} else {
		w.grant(grantee, run, w.DataAPIResource())
	}
	// Statement ids have no ARN: the condition limits these to the
	// caller's own statements.
	grantee.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("redshift-data:DescribeStatement", "redshift-data:GetStatementResult"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"redshift-data:statement-owner-iam-userid": "${aws:userid}"}},
	}))
}

func (w *Warehouse) grant(grantee awsiam.IGrantable, actions []string, resources ...*string) {
	grantee.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings(actions...), Resources: &resources,
	}))
}

// arn is a Redshift ARN of this stack (cluster:, dbuser:, dbname:).
func (w *Warehouse) arn(resource, name string) *string {
	return awscdk.Stack_Of(w.Construct).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("redshift"), Resource: jsii.String(resource), ResourceName: jsii.String(name),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
}
