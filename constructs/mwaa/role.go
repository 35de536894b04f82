package mwaa

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newRole creates the execution role with the permissions the Amazon MWAA
// guide lists for an environment with a customer managed key, each scoped
// to this environment: its metrics, its DAG bucket (read only), its log
// groups, the Celery queues MWAA creates (airflow-celery-*, in an account
// of the service) and its key through SQS and S3 only.
func newRole(c constructs.Construct, e *Environment) awsiam.IRole {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("ExecutionRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewCompositePrincipal(
			awsiam.NewServicePrincipal(jsii.String("airflow.amazonaws.com"), nil),
			awsiam.NewServicePrincipal(jsii.String("airflow-env.amazonaws.com"), nil),
		),
		Description: jsii.String("Execution role of the Amazon MWAA environment " + *c.Node().Path()),
	})
	allow := func(actions []string, resources []*string, conditions map[string]any) {
		st := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: &resources}
		if conditions != nil {
			st.Conditions = &conditions
		}
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(st))
	}
	allow([]string{"airflow:PublishMetrics"}, []*string{e.Arn}, nil)
	e.DagBucket.GrantRead(role, nil)
	// MWAA refuses a DAG bucket whose public access is not blocked; it
	// checks the account's and the bucket's settings with these calls.
	allow([]string{"s3:GetBucketPublicAccessBlock"}, []*string{e.DagBucket.BucketArn()}, nil)
	allow([]string{"s3:GetAccountPublicAccessBlock"}, []*string{jsii.String("*")}, nil)
	allow([]string{"logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutLogEvents", "logs:GetLogEvents",
		"logs:GetLogRecord", "logs:GetLogGroupFields", "logs:GetQueryResults"},
		[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"),
			ResourceName: jsii.String("airflow-" + e.Name + "-*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})}, nil)
	allow([]string{"logs:DescribeLogGroups"}, []*string{jsii.String("*")}, nil)
	allow([]string{"cloudwatch:PutMetricData"}, []*string{jsii.String("*")}, nil)
	allow([]string{"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
		"sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:SendMessage"},
		[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("sqs"), Account: jsii.String("*"), Resource: jsii.String("airflow-celery-*"),
			ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME,
		})}, nil)
	allow([]string{"kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:Encrypt"},
		[]*string{e.Key.KeyArn()},
		map[string]any{"StringLike": map[string]any{"kms:ViaService": []*string{
			jsii.String("sqs." + *stack.Region() + "." + *stack.UrlSuffix()),
			jsii.String("s3." + *stack.Region() + "." + *stack.UrlSuffix()),
		}}})
	if pol := nag.DefaultPolicy(role); pol != nil {
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The statements are the Amazon MWAA execution-role policy for a customer managed key: objects of the DAG bucket, the environment's own airflow-<name>-* log groups, the airflow-celery-* queues MWAA creates in a service account, GenerateDataKey* on the environment key through SQS and S3 only, and three calls without resource-level permissions (PutMetricData, DescribeLogGroups, GetAccountPublicAccessBlock)."})
	}
	return role
}

// GrantGlueWorkflowRuns lets the DAGs start runs of the Glue workflow
// named workflow (in this stack's account and region) and follow them
// (glue:StartWorkflowRun, glue:GetWorkflowRun on its ARN only).
func (e *Environment) GrantGlueWorkflowRuns(workflow *string) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: e.Role,
		Actions: jsii.Strings("glue:StartWorkflowRun", "glue:GetWorkflowRun"),
		ResourceArns: &[]*string{awscdk.Stack_Of(e.Construct).FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("glue"), Resource: jsii.String("workflow"), ResourceName: workflow,
			ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})},
	})
}

// DataAPIGranter is what grants Redshift Data API access to a principal:
// warehouse.Warehouse (GrantDataAPI: ExecuteStatement on its cluster or
// workgroup, temporary credentials for dbUser, the caller's own statement
// results).
type DataAPIGranter interface {
	GrantDataAPI(grantee awsiam.IGrantable, dbUser string)
}

// GrantRedshiftData lets the DAGs run statements on warehouse as dbUser
// through the Redshift Data API (RedshiftDataOperator).
func (e *Environment) GrantRedshiftData(warehouse DataAPIGranter, dbUser string) {
	warehouse.GrantDataAPI(e.Role, dbUser)
}
