package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// connectorRole is the CloudWatch connector's execution role, passed to the
// application as LambdaRole so its template creates none: read-only Logs
// calls on the allowed log groups, Logs Insights queries, the spill prefix,
// the key's data keys, the state of the Athena query it serves, and its
// own log group. The application's own role would be broader
// (logs:Describe*, Get*, List* and s3:ListAllMyBuckets on *).
func connectorRole(c constructs.Construct, w *CloudWatchCatalog, prefixes []string) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Athena CloudWatch connector " + w.Name),
	})
	groupArn := func(name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String(name),
			ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})
	}
	var groups []*string
	if len(prefixes) == 0 {
		groups = []*string{groupArn("*")}
	}
	for _, pfx := range prefixes {
		groups = append(groups, groupArn(pfx+"*"))
	}
	// Listing the schemas (log groups) needs DescribeLogGroups, whose only
	// resource is every log group of the region.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:DescribeLogGroups"),
		Resources: &[]*string{groupArn("*")},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery"),
		Resources: &groups,
	}))
	// Query results and stopping a query have no resource-level permission.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:GetQueryResults", "logs:StopQuery"),
		Resources: jsii.Strings("*"),
	}))
	// The connector stops work for queries that are no longer running.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("athena:GetQueryExecution"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("athena"), Resource: jsii.String("workgroup"), ResourceName: jsii.String("*"),
			ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})},
	}))
	w.SpillBucket.GrantReadWrite(role, jsii.String(w.SpillPrefix+"/*"))
	w.SpillBucket.GrantDelete(role, jsii.String(w.SpillPrefix+"/*"))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("kms:GenerateDataKey", "kms:Decrypt"),
		Resources: &[]*string{w.Key.KeyArn()},
	}))
	// GenerateRandom has no resource: the connector's source of key material.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("kms:GenerateRandom"),
		Resources: jsii.Strings("*"),
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: &[]*string{w.LogGroup.LogGroupArn()}, // ends in :*, its streams
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The connector reads log groups (every one, or those under LogGroupNamePrefixes) and their streams, lists log groups (DescribeLogGroups takes only log-group:*), " +
			"reads Logs Insights results and stops its queries and asks for random bytes (no resource-level permission exists for these three), checks the state of the Athena query it serves " +
			"(any workgroup may use the catalog), writes and deletes spill objects under the spill prefix and log streams of its own log group.",
		AppliesTo: []string{"/^Resource::.*\\*$/", "Action::s3:Abort*", "Action::s3:DeleteObject*", "Action::s3:GetBucket*",
			"Action::s3:GetObject*", "Action::s3:List*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	return role
}
