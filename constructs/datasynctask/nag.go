package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressFindings records the cdk-nag findings that are by design (listed
// in the package doc too).
func suppressFindings(bucketRole awsiam.Role) {
	if policy := nag.DefaultPolicy(bucketRole); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::<.*\\.Arn>/.*\\*$/", "/^Resource::arn:.*:s3:::.*/.*\\*$/"},
			Reason:    "DataSync names the objects after the source files, which are not known at deployment, so the object actions are granted on the lake prefix (and the report prefix) of the one bucket only, as the DataSync user guide's bucket access policy does.",
		})
	}
}
