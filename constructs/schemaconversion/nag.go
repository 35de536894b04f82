package schemaconversion

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressBucketRole records the one cdk-nag suppression of the package:
// IAM5 on the bucket role's policy, whose wildcards are CDK's grant of
// read/write under the prefix (object keys DMS chooses) and the key actions
// that grant adds.
func suppressBucketRole(role awsiam.Role, prefix string) {
	policy := nag.DefaultPolicy(role)
	if policy == nil {
		return
	}
	nag.Suppress(policy, nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "DMS Schema Conversion names its report and converted-code objects itself, so the role reads and writes any key under " + prefix +
			" of this one bucket (CDK's grantReadWrite actions, and the KMS data-key actions on the bucket's key only).",
	})
}
