package firehosetos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressFindings records the cdk-nag findings that are by design (listed
// in the package doc too).
func suppressFindings(stream awskinesisfirehose.CfnDeliveryStream, role awsiam.Role, kinesisSource bool) {
	if kinesisSource {
		nag.Suppress(stream, nag.Suppression{
			Rule:   "AwsSolutions-KDF1",
			Reason: "A delivery stream whose source is a Kinesis data stream cannot use server-side encryption (Firehose rejects it); the records are encrypted at rest in the source stream and in S3.",
		})
	}
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::<.*\\.Arn>/.*\\*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/", "/^Resource::<.*\\.Arn>:\\*$/", "/^Resource::arn:[^:]+:lambda:.*:\\*$/"},
			Reason:    "Firehose names the objects it writes (timestamps, random suffix), so object actions are granted on the static part of the configured prefixes; a Processor is invoked by ARN and versions (ARN:*), as CDK's invoke grant does.",
		})
	}
}
