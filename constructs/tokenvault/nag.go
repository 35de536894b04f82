package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppress records the cdk-nag findings the design accepts, with reasons.
func (v *Vault) suppress(inVpc bool) {
	if inVpc {
		for _, role := range []awsiam.IRole{v.TokenizeRole, v.DetokenizeRole} {
			if policy := nag.DefaultPolicy(role); policy != nil {
				nag.Suppress(policy, nag.Suppression{
					Rule:      "AwsSolutions-IAM5",
					AppliesTo: []string{"Resource::*"},
					Reason:    "The function runs in the given VPC and Lambda attaches it with the EC2 network-interface actions of AWSLambdaVPCAccessExecutionRole, which have no resource-level form; every vault permission of the role names the table, key or secret.",
				})
			}
		}
	}
	if v.HMACSecret != nil {
		nag.NoRotation(v.HMACSecret, "The secret is the HMAC key of the deterministic tokens: a new key gives every value a new token, so rotating it is a migration of the application's data (re-tokenize, then replace the key), not a schedule; it is generated, encrypted with the storage key and readable only by the tokenize role.")
	}
}
