// Package gluebase holds what every Glue construct of this library sets up
// the same way: a role trusted by Glue with no managed policy, the log grant
// Glue needs with a CloudWatch-encrypting security configuration, and that
// security configuration.
package gluebase

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// NewRole is a role Glue assumes, with no managed policy: constructs grant
// exactly what their job or crawler needs.
func NewRole(c constructs.Construct, description string) awsiam.Role {
	return awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil),
		Description: jsii.String(description),
	})
}

// SecurityConfiguration encrypts CloudWatch logs and job bookmarks with key
// (and S3 writes when s3 is true): cdk-nag's AwsSolutions-GL1 and GL3,
// satisfied rather than suppressed.
func SecurityConfiguration(c constructs.Construct, key awskms.IKey, s3 bool) awsglue.SecurityConfiguration {
	props := &awsglue.SecurityConfigurationProps{
		JobBookmarksEncryption: awsglue.JobBookmarksEncryption_ClientSideKms(key),
		CloudWatchEncryption:   awsglue.CloudWatchEncryption_Kms(key),
	}
	if s3 {
		props.S3Encryption = awsglue.S3Encryption_Kms(key)
	}
	return awsglue.NewSecurityConfiguration(c, jsii.String("SecurityConfiguration"), props)
}

// GrantLogs lets role write Glue logs: Glue names the log groups of a
// security configuration at run time under /aws-glue/ and associates the
// key with them, so the grant covers that prefix.
func GrantLogs(role awsiam.IRole) {
	stack := awscdk.Stack_Of(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("GlueLogs"),
		Actions: jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service:      jsii.String("logs"),
			Resource:     jsii.String("log-group"),
			ResourceName: jsii.String("/aws-glue/*"),
			ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
}

// GrantKey lets role encrypt and decrypt with key, with exact actions.
func GrantKey(role awsiam.IRole, key awskms.IKey) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("GlueKey"),
		Actions:   jsii.Strings("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
		Resources: &[]*string{key.KeyArn()},
	}))
}

// LogsSuppression is the reason for GrantLogs' wildcard.
var LogsSuppression = nag.Suppression{
	Rule:      "AwsSolutions-IAM5",
	Reason:    "Glue names the log groups of a job or crawler at run time under /aws-glue/ (after the role and security configuration), so the log grant covers that prefix only.",
	AppliesTo: []string{`/^Resource::arn:.*:logs:.*:log-group:\/aws-glue\/\*$/`},
}

// CatalogArns are the ARNs of the Data Catalog, database and the named
// tables of it ("*" for every table).
func CatalogArns(scope constructs.Construct, database *string, tables ...string) []*string {
	stack := awscdk.Stack_Of(scope)
	arn := func(resource string, name *string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{
			Service:      jsii.String("glue"),
			Resource:     jsii.String(resource),
			ResourceName: name,
			ArnFormat:    awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})
	}
	out := []*string{
		stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME}),
		arn("database", database),
	}
	for _, t := range tables {
		out = append(out, arn("table", jsii.String(*database+"/"+t)))
	}
	return out
}

// CatalogReadActions read a database's and its tables' catalog entries and
// partitions: what an engine (Glue, Athena, Spectrum) needs to plan a query.
var CatalogReadActions = []string{"glue:GetDatabase", "glue:GetTable", "glue:GetTables",
	"glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"}

// GrantDatabaseRead lets role read the catalog entries of database and of
// every table in it (CatalogReadActions and GetDatabases), ARNs in scope's
// stack: Spectrum's and Lake Formation users' catalog access.
func GrantDatabaseRead(scope constructs.Construct, role awsiam.IRole, database *string) {
	arns := CatalogArns(scope, database, "*")
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(append([]string{"glue:GetDatabases"}, CatalogReadActions...)...),
		Resources: &arns,
	}))
}

// GrantReadPrefix lets role list and read the objects under prefix of
// bucket, and decrypt them with the bucket's key: the exact actions a Glue
// job, crawler or DataBrew job needs to read a dataset.
func GrantReadPrefix(role awsiam.IRole, bucket awss3.IBucket, prefix string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{prefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject"),
		Resources: &[]*string{bucket.ArnForObjects(jsii.String(prefix + "*"))},
	}))
	if k := bucket.EncryptionKey(); k != nil {
		k.GrantDecrypt(role)
	}
}

// GrantWritePrefix lets role write, read back and delete objects under
// prefix of bucket (Spark and DataBrew write temporary objects and rename
// them), and encrypt with the bucket's key.
func GrantWritePrefix(role awsiam.IRole, bucket awss3.IBucket, prefix string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:ListBucket"),
		Resources: &[]*string{bucket.BucketArn()},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
		Resources: &[]*string{bucket.ArnForObjects(jsii.String(prefix + "*"))},
	}))
	if k := bucket.EncryptionKey(); k != nil {
		k.GrantEncryptDecrypt(role)
	}
}
