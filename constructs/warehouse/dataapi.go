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

// GrantDataAPI lets grantee run statements through the Data API as dbUser
// (provisioned) or as its own IAM identity (serverless), and read the
// results of its own statements only.
func (w *Warehouse) GrantDataAPI(grantee awsiam.IGrantable, dbUser string) {
	stack := awscdk.Stack_Of(w.Construct)
	arn := func(service, resource, name string, format awscdk.ArnFormat) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String(service), Resource: jsii.String(resource), ResourceName: jsii.String(name), ArnFormat: format})
	}
	add := func(actions []string, resources []*string, conditions map[string]any) {
		s := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: &resources}
		if conditions != nil {
			s.Conditions = &conditions
		}
		grantee.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(s))
	}
	if w.Type == Serverless {
		add([]string{"redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"}, []*string{w.Workgroup.AttrWorkgroupWorkgroupArn()}, nil)
		add([]string{"redshift-serverless:GetCredentials"}, []*string{w.Workgroup.AttrWorkgroupWorkgroupArn()}, nil)
	} else {
		add([]string{"redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"}, []*string{arn("redshift", "cluster", w.Name, awscdk.ArnFormat_COLON_RESOURCE_NAME)}, nil)
		add([]string{"redshift:GetClusterCredentials"}, []*string{
			arn("redshift", "dbuser", w.Name+"/"+dbUser, awscdk.ArnFormat_COLON_RESOURCE_NAME),
			arn("redshift", "dbname", w.Name+"/"+w.DatabaseName, awscdk.ArnFormat_COLON_RESOURCE_NAME),
		}, nil)
	}
	// Statement ids have no ARN: the condition limits these to the
	// caller's own statements.
	add([]string{"redshift-data:DescribeStatement", "redshift-data:GetStatementResult", "redshift-data:CancelStatement"}, []*string{jsii.String("*")},
		map[string]any{"StringEquals": map[string]any{"redshift-data:statement-owner-iam-userid": "${aws:userid}"}})
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
	if w.Type == Serverless {
		w.GrantDataAPI(grantee, "")
		return
	}
	stack := awscdk.Stack_Of(w.Construct)
	principal := grantee.GrantPrincipal()
	principal.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("redshift"), Resource: jsii.String("cluster"),
			ResourceName: jsii.String(w.Name), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})},
	}))
	principal.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("redshift-data:DescribeStatement", "redshift-data:GetStatementResult"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"redshift-data:statement-owner-iam-userid": "${aws:userid}"}},
	}))
	if secret != nil {
		secret.GrantRead(grantee, nil)
		return
	}
	principal.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("secretsmanager:GetSecretValue"), Resources: &[]*string{w.AdminSecretArn},
	}))
	principal.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("kms:Decrypt"), Resources: &[]*string{w.Key.KeyArn()},
	}))
}
