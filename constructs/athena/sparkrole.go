package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// sparkSessionActions are the Athena calls a Spark session makes on its own
// workgroup (the execution role policy of the Athena for Apache Spark guide).
var sparkSessionActions = []string{
	"athena:GetWorkGroup", "athena:GetSession", "athena:GetSessionStatus", "athena:ListSessions",
	"athena:TerminateSession", "athena:StartCalculationExecution", "athena:StopCalculationExecution",
	"athena:GetCalculationExecution", "athena:GetCalculationExecutionCode",
	"athena:GetCalculationExecutionStatus", "athena:ListCalculationExecutions", "athena:ListExecutors",
	"athena:ExportNotebook", "athena:UpdateNotebook",
}

// sparkRole is the execution role: assumable by Athena for this workgroup
// of this account only; results prefix, key, session calls on this
// workgroup, its own log groups (/aws-athena*) and metrics in Athena's
// Spark namespace.
func sparkRole(c constructs.Construct, w *SparkWorkGroup) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("ExecutionRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("athena.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
				"ArnLike":      map[string]any{"aws:SourceArn": w.Arn},
			},
		}),
		Description: jsii.String("Athena Spark sessions of workgroup " + w.Name),
	})
	w.ResultsBucket.GrantReadWrite(role, jsii.String(w.ResultsPrefix+"*"))
	w.Key.GrantEncryptDecrypt(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(sparkSessionActions...),
		Resources: &[]*string{w.Arn},
	}))
	logs := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String("/aws-athena*"),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"),
		Resources: &[]*string{logs, jsii.String(*logs + ":log-stream:*")},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("cloudwatch:PutMetricData"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": "AmazonAthenaForApacheSpark"}},
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "Spark sessions write results as objects under the workgroup's results prefix, log to the /aws-athena* log groups Athena names per session, and " +
			"PutMetricData has no resource (it is limited to the AmazonAthenaForApacheSpark namespace by condition); the KMS wildcards are CDK's grant of the results key.",
		AppliesTo: []string{"/^Resource::.*\\*$/", "Action::s3:Abort*", "Action::s3:DeleteObject*", "Action::s3:GetBucket*",
			"Action::s3:GetObject*", "Action::s3:List*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	return role
}
