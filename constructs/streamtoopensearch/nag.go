package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

const (
	ec2Reason = "Lambda and Firehose create and delete network interfaces in the VPC with these EC2 actions, which have no resource-level permissions (the AWS managed AWSLambdaVPCAccessExecutionRole and the Firehose developer guide grant them on *)."
)

// suppressFindings records the by-design cdk-nag findings (listed in the
// package doc too).
func suppressFindings(s *StreamToOpenSearch, role awsiam.Role, a access, p *Props) {
	nag.Suppress(s.CfnDeliveryStream, nag.Suppression{
		Rule:   "AwsSolutions-KDF1",
		Reason: "A delivery stream whose source is a Kinesis data stream cannot use Firehose server-side encryption (DeliveryStreamEncryptionConfigurationInput is rejected); the data is encrypted at rest in the source stream and in the domain, and in transit with TLS.",
	})
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*", "/^Resource::<.*\\.Arn>/.*\\*.*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/", "/^Resource::<.*\\.Arn>:\\*$/", "/^Resource::arn:[^:]+:lambda:.*:\\*$/"},
		Reason:    "The Firehose developer guide's OpenSearch destination policy: index and node paths under the domain (index names carry the rotation date), backup objects under the backup prefix whose names Firehose chooses, the processor's versions (ARN:*), and the EC2 network-interface actions of a VPC delivery, which have no resource-level form.",
	})
	nag.Suppress(nag.DefaultPolicy(a.fn.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*", "/^Resource::<.*\\.Arn>/_plugins/_security/api/\\*$/"},
		Reason:    "The access function calls only the domain's Security REST API (roles, role mappings, all_access), whose paths end in role names; " + ec2Reason,
	})
	nag.Suppress(nag.DefaultPolicy(a.providerRole), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"/^Resource::<.*\\.Arn>:\\*$/"},
		Reason:    "CDK's custom resource provider framework invokes the access function by ARN and versions (ARN:*), as CDK's invoke grant does.",
	})
	if s.LogsLoader != nil {
		nag.Suppress(nag.DefaultPolicy(s.LogsLoader.Role()), nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Resource::*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
			Reason:    "The wildcard KMS actions come from CDK's send grant on the encrypted failure queue (the on-failure destination), limited to the construct's key; " + ec2Reason,
		})
	}
	nag.Suppress(s.Domain.Node().DefaultChild(), nag.Suppression{
		Rule:   "AwsSolutions-OS3",
		Reason: "The domain is in a VPC, where OpenSearch Service does not support IP-based access policies; its security group admits HTTPS only from the construct's own clients (Firehose, the access function, the log loader).",
	}, nag.Suppression{
		Rule:   "AwsSolutions-OS5",
		Reason: "The domain has no resource-based access policy at all, so no request is anonymous: each must be SigV4-signed by an IAM principal whose own policy allows it, and fine-grained access control then authorizes it (the rule only reads access policies).",
	})
	if *p.MasterNodes == 0 {
		nag.Suppress(s.Domain.Node().DefaultChild(), nag.Suppression{
			Rule:   "AwsSolutions-OS4",
			Reason: "MasterNodes is 0 (the sandbox default or the user's choice): a small domain without dedicated master nodes; production defaults use three.",
		})
	}
	if *p.AvailabilityZones == 1 {
		nag.Suppress(s.Domain.Node().DefaultChild(), nag.Suppression{
			Rule:   "AwsSolutions-OS7",
			Reason: "AvailabilityZones is 1 (the sandbox default or the user's choice): a single-zone domain without zone awareness; production defaults spread data nodes over up to three zones.",
		})
	}
}
