package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// autoDeleteProvider is the id of CDK's singleton provider that empties
// buckets with AutoDeleteObjects (sandbox mode only).
const autoDeleteProvider = "Custom::S3AutoDeleteObjectsCustomResourceProvider"

func suppressAutoDeleteProvider(c constructs.Construct) {
	provider := awscdk.Stack_Of(c).Node().TryFindChild(jsii.String(autoDeleteProvider))
	if provider == nil {
		return
	}
	role := provider.Node().TryFindChild(jsii.String("Role"))
	if role == nil {
		return
	}
	nag.Suppress(role, nag.Suppression{
		Rule:   "AwsSolutions-IAM4",
		Reason: "CDK's own auto-delete provider exists only in sandbox mode, and its AWS managed basic-execution policy only lets it write its logs.",
	})
}
