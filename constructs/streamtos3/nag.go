package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressTaskFindings records the cdk-nag findings of the consumer that are
// by design, each with its reason (listed in the package doc too).
func suppressTaskFindings(task awsecs.FargateTaskDefinition, role awsiam.IRole, schemaLookups bool) {
	nag.Suppress(task.Node().DefaultChild(), nag.Suppression{
		Rule:   "AwsSolutions-ECS2",
		Reason: "The environment holds only non-secret configuration (resource names, buffer sizes, durations) that changes with the infrastructure; the consumer has no secret, it authenticates with its task role.",
	})
	if policy := nag.DefaultPolicy(role); policy != nil {
		applies := []string{
			"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*",
			"/^Resource::<.*>/.*\\*$/", "/^Resource::arn:.*:s3:::.*\\*$/",
		}
		reason := "The KMS wildcard actions come from CDK's read-write grant on the lease table and are limited to the table's key; the object wildcard is s3:PutObject under the configured prefix only, whose object names the consumer derives from sequence numbers."
		if schemaLookups {
			applies = append(applies, "Resource::*")
			reason += " The resource * is glue:GetSchemaVersion alone, which AWS's Glue Schema Registry deserializer policy grants on * because a record's schema version id names no registry; the consumer accepts only versions of the configured schema."
		}
		nag.Suppress(policy, nag.Suppression{Rule: "AwsSolutions-IAM5", AppliesTo: applies, Reason: reason})
	}
	if exec := task.ExecutionRole(); exec != nil {
		if policy := nag.DefaultPolicy(exec); policy != nil {
			nag.Suppress(policy, nag.Suppression{
				Rule:      "AwsSolutions-IAM5",
				AppliesTo: []string{"Resource::*"},
				Reason:    "ecr:GetAuthorizationToken, which ECS needs to pull the image, is not resource-scoped and takes only the resource *; every other statement of the execution role names its repository or log group.",
			})
		}
	}
}

// suppressCustomerManagedStreamKey records that the user chose a customer
// managed key for the stream, which AwsSolutions-KDS3 warns about (cost).
func suppressCustomerManagedStreamKey(stream awskinesis.IStream) {
	nag.Suppress(stream.Node().DefaultChild(), nag.Suppression{
		Rule:   "AwsSolutions-KDS3",
		Reason: "A customer managed key for the stream was asked for explicitly (StreamEncryptionKey), typically for compliance; the default is the AWS managed aws/kinesis key.",
	})
}
