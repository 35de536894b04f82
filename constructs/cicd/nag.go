package cicd

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppress records AwsSolutions-IAM5 on the policies CDK's grants wrote for
// the pipeline's roles (pipeline, source, build, deploy, test, approval
// actions), for exactly the wildcards those grants use.
func suppress(c *Pipeline) {
	list := []nag.Suppression{
		{Rule: "AwsSolutions-IAM5", AppliesTo: []string{
			"Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*",
			"Action::s3:DeleteObject*", "Action::s3:Abort*",
			`/^Resource::<.*Artifacts.*\.Arn>\/\*$/`,
		}, Reason: "CodePipeline and CodeBuild read and write the objects of the pipeline's own artifact bucket (CDK's bucket grants, which name object-level action groups), and nothing outside it."},
		{Rule: "AwsSolutions-IAM5", AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
			Reason: "Artifacts and approval notices are encrypted with the pipeline's one customer managed key; the grant names that key only (CDK's key grant action groups)."},
		{Rule: "AwsSolutions-IAM5", AppliesTo: []string{
			`/^Resource::arn:.+:logs:.+:log-group:\/aws\/codebuild\/<.*>:\*$/`,
			`/^Resource::arn:.+:codebuild:.+:report-group\/<.*>-\*$/`,
		}, Reason: "CodeBuild projects are granted their default log group and the test report groups named after the project; the builds log to the project's own encrypted log group."},
	}
	for _, child := range *c.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		if !*awscdk.CfnResource_IsCfnResource(child) {
			continue
		}
		res := child.(awscdk.CfnResource)
		if *res.CfnResourceType() == "AWS::IAM::Policy" && strings.HasSuffix(*child.Node().Path(), "/DefaultPolicy/Resource") {
			nag.Suppress(child, list...)
		}
	}
}
