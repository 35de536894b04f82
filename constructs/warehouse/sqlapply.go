package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
)

// PasswordUser is a database user whose password is kept in a secret
// ({"username", "password", ...}); the SQL applier creates or updates it
// with the password's MD5 hash, so the password never appears in SQL or in
// the statement history.
type PasswordUser struct {
	Name   string
	Secret awssecretsmanager.ISecret
}

// ApplySQL applies statement sets at deployment through the Data API and
// waits for them (functions/redshiftsql): each set runs as one
// transaction, in order, and a failing statement fails the deployment. The
// SQL runs again whenever it changes; write it to be re-runnable. Users are
// created before the sets.
func (w *Warehouse) ApplySQL(id string, sets [][]string, users ...PasswordUser) awscdk.CustomResource {
	return w.applySQL(id, sets, false, users)
}

// ApplySQLOnce applies statement sets when the resource is created and
// never again, for SQL that cannot run twice (CREATE ROLE, ATTACH MASKING
// POLICY). Later changes to the sets are not applied: run them by hand, or
// give the resource a new id to create it again.
func (w *Warehouse) ApplySQLOnce(id string, sets [][]string) awscdk.CustomResource {
	return w.applySQL(id, sets, true, nil)
}

func (w *Warehouse) applySQL(id string, sets [][]string, once bool, users []PasswordUser) awscdk.CustomResource {
	provider := w.sqlProvider()
	var list []map[string]any
	for _, u := range users {
		u.Secret.GrantRead(w.sqlRole, nil)
		list = append(list, map[string]any{"Name": u.Name, "SecretArn": u.Secret.SecretArn()})
	}
	target := map[string]any{"Database": w.DatabaseName}
	if w.Type == Serverless {
		target["WorkgroupName"] = w.Name
	} else {
		target["ClusterIdentifier"] = w.Name
		target["SecretArn"] = w.AdminSecretArn
	}
	props := map[string]any{"Target": target, "Sets": sets}
	if len(list) > 0 {
		props["PasswordUsers"] = list
	}
	if once {
		props["Once"] = "true"
	}
	cr := awscdk.NewCustomResource(w.Construct, jsii.String(id), &awscdk.CustomResourceProps{
		ServiceToken:  provider.ServiceToken(),
		ResourceType:  jsii.String("Custom::RedshiftSQL"),
		Properties:    &props,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY, // deleting it drops nothing
	})
	if w.Cluster != nil {
		cr.Node().AddDependency(w.Cluster)
	} else {
		cr.Node().AddDependency(w.Workgroup)
	}
	return cr
}

// sqlProvider is the SQL applier function and its provider, created once
// per warehouse. The function calls only public AWS APIs (Data API,
// Secrets Manager), so it runs outside the VPC.
func (w *Warehouse) sqlProvider() customresources.Provider {
	if w.sqlProviderOnce != nil {
		return w.sqlProviderOnce
	}
	scope := constructs.NewConstruct(w.Construct, jsii.String("SqlApplier"))
	fn := gofunction.New(scope, gofunction.Spec{
		Code:    golambda.Code("functions/redshiftsql"),
		Key:     w.Key,
		Timeout: awscdk.Duration_Minutes(jsii.Number(14)),
		Props:   &awslambda.FunctionProps{Description: jsii.String("Applies the SQL of the warehouse " + *w.Node().Path() + " at deployment")},
		Invocation: gofunction.Invocation{
			Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation,
			Reaches: "only the Redshift Data API and Secrets Manager (TLS, IAM authentication)",
		},
	})
	w.sqlRole = fn.Role
	w.GrantDataAPIAsAdmin(fn.Role)
	var providerRole awsiam.Role
	w.sqlProviderOnce, providerRole = provider.New(scope, fn.Function, w.Key, "")
	nag.Suppress(nag.DefaultPolicy(fn.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "Data API statement ids have no ARN: DescribeStatement and GetStatementResult are limited to the function's own statements by the statement-owner condition.",
		AppliesTo: []string{"Resource::*"},
	})
	provider.SuppressInvokeVersions(providerRole)
	return w.sqlProviderOnce
}
