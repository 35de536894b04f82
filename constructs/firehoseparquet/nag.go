package firehoseparquet

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressFindings records the by-design cdk-nag findings of the role.
func suppressFindings(role awsiam.Role) {
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		AppliesTo: []string{
			"/^Resource::<.*\\.Arn>/.*\\*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/",
			"/^Resource::<.*\\.Arn>:\\*$/",
		},
		Reason: "Firehose names the objects it writes, so object actions are granted under the static part of the configured prefixes; the processor is invoked by ARN and by its versions (ARN:*), as CDK's invoke grant does.",
	})
}
