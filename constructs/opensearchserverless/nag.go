package opensearchserverless

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressFindings records the by-design cdk-nag findings (listed in the
// package doc too).
func suppressFindings(s *Collection) {
	if s.DeliveryStream != nil {
		nag.Suppress(s.DeliveryStream, nag.Suppression{
			Rule:   "AwsSolutions-KDF1",
			Reason: "A delivery stream whose source is a Kinesis data stream cannot use Firehose server-side encryption (DeliveryStreamEncryptionConfigurationInput is rejected); the data is encrypted at rest in the source stream and in the collection, and in transit with TLS.",
		})
		nag.Suppress(nag.DefaultPolicy(s.DeliveryRole), nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Resource::*", "/^Resource::<.*\\.Arn>/.*\\*.*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/", "/^Resource::<.*\\.Arn>:\\*$/"},
			Reason:    "The Firehose developer guide's policy: backup objects under the backup prefix whose names Firehose chooses, the processor's versions (ARN:*), and the EC2 network-interface actions of a VPC delivery, which have no resource-level form.",
		})
	}
	if s.PipelineRole != nil {
		nag.Suppress(nag.DefaultPolicy(s.PipelineRole), nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::<.*\\.Arn>/.*\\*.*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
			Reason:    "The pipeline writes failed documents under the dead-letter prefix with names it chooses, and encrypts its buffer with the construct's key (CDK's encrypt-decrypt grant, limited to that key).",
		})
	}
	if s.CapacityLimits != nil {
		nag.Suppress(s.CapacityLimits.Node().FindChild(jsii.String("CustomResourcePolicy")), nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Resource::*"},
			Reason:    "aoss:UpdateAccountSettings has no resource-level permissions (the account's settings are the resource); the function may make that one call only.",
		})
	}
}
