package emrserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newJobRole creates the job runtime role: assumable by EMR Serverless for
// this application only (aws:SourceAccount, aws:SourceArn), reading the
// scripts, reading or writing the data locations, the Glue databases, and
// writing its logs.
func newJobRole(c constructs.Construct, a *Application, p *Props) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("JobRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("emr-serverless.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike":      map[string]any{"aws:SourceArn": a.Arn},
			},
		}),
		Description: jsii.String("Job runtime role of the EMR Serverless application " + *c.Node().Path()),
	})
	for _, l := range p.Scripts {
		readPrefix(role, l.Bucket, l.Prefix)
	}
	for _, asset := range p.ScriptAssets {
		asset.GrantRead(role)
	}
	for _, l := range p.ReadLocations {
		readPrefix(role, l.Bucket, l.Prefix)
	}
	for _, l := range p.ReadWriteLocations {
		writePrefix(role, l.Bucket, l.Prefix)
	}
	for _, k := range p.DataKeys {
		k.GrantEncryptDecrypt(role)
	}
	if len(p.GlueDatabases) > 0 {
		GrantCatalog(role, p.GlueDatabases)
	}
	// Logs: EMR Serverless uploads them with the job role, SSE-KMS with
	// the log bucket's key, and streams stdout/stderr to the log group.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject", "s3:GetObject"),
		Resources: &[]*string{a.LogBucket.ArnForObjects(jsii.String(a.LogPrefix + "*"))},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("s3:ListBucket"), Resources: &[]*string{a.LogBucket.BucketArn()},
	}))
	a.LogBucket.EncryptionKey().GrantEncryptDecrypt(role)
	if a.LogBucket.EncryptionKey() != a.Key {
		a.Key.GrantEncryptDecrypt(role)
	}
	GrantLogGroup(role, a.LogGroup)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The job role reads and writes objects under the prefixes it was given (object ARNs end in a wildcard), uses the keys' data-key actions (GenerateDataKey* and ReEncrypt* from the CDK key grants), " +
			"writes the streams of its own log group (whose ARN ends in :*), lists log groups (DescribeLogGroups has no narrower resource) and reads the tables of the named Glue databases.",
	})
	return role
}

// readPrefix lets role list and read the objects under prefix of bucket
// (and decrypt them with the bucket's key).
func readPrefix(role awsiam.IRole, bucket awss3.IBucket, prefix string) {
	bucket.GrantRead(role, jsii.String(prefix+"*"))
}

// writePrefix lets role read, write and delete the objects under prefix
// (Spark writes temporary objects and renames them).
func writePrefix(role awsiam.IRole, bucket awss3.IBucket, prefix string) {
	bucket.GrantReadWrite(role, jsii.String(prefix+"*"))
}

// catalogActions are what Spark's and Hive's Glue catalog client call to
// read and write tables and partitions.
var catalogActions = []string{
	"glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable",
	"glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition",
	"glue:UpdatePartition", "glue:BatchUpdatePartition", "glue:DeletePartition", "glue:BatchDeletePartition",
	"glue:GetUserDefinedFunctions",
}

// GrantCatalog lets role read and write the tables and partitions of the
// Glue databases (catalogActions), and look up the "default" database that
// Spark's Glue catalog client reads at start. emreks uses it too.
func GrantCatalog(role awsiam.IRole, databases []string) {
	stack := awscdk.Stack_Of(role)
	arn := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
	}
	res := []*string{
		stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME}),
		// Spark's catalog client looks the default database up at start.
		arn("database", "default"),
	}
	for _, db := range databases {
		res = append(res, arn("database", db), arn("table", db+"/*"), arn("userDefinedFunction", db+"/*"))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings(catalogActions...), Resources: &res}))
}

// GrantLogGroup lets a job role write the driver's and executors' logs to
// group (streams it creates) and find it (DescribeLogGroups, which has no
// narrower resource). emreks uses it too.
func GrantLogGroup(role awsiam.IRole, group awslogs.ILogGroup) {
	stack := awscdk.Stack_Of(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
		Resources: &[]*string{group.LogGroupArn()},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:DescribeLogGroups"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
}
