package logstosplunk

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressFindings records the by-design cdk-nag findings (listed in the
// package doc too).
func suppressFindings(role awsiam.Role, newSecret bool, secret awssecretsmanager.ISecret) {
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"/^Resource::<.*\\.Arn>/.*\\*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/", "/^Resource::<.*\\.Arn>:\\*$/", "/^Resource::arn:[^:]+:lambda:.*:\\*$/"},
		Reason:    "Firehose names the backup objects it writes, so object actions are granted under the backup prefix only; a Lambda processor is invoked by ARN and versions (ARN:*), as CDK's invoke grant does.",
	})
	if newSecret {
		const reason = "A Splunk HEC token is issued and rotated in Splunk, which AWS Secrets Manager cannot do; rotate it there and put the new value into this secret."
		nag.NoRotation(secret.Node().DefaultChild(), reason)
	}
}
