package secretrotation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressGrants records the one wildcard the CDK's rotation grants add to
// a RotationFunction of this app: secretsmanager:GetRandomPassword, which
// has no resource type. An imported function gets no grants (and no
// suppression).
func suppressGrants(p *Props) {
	role, ok := p.RotationFunction.Role().(awsiam.Role)
	if p.RotationFunction.Role() == nil || !ok {
		return
	}
	policy := nag.DefaultPolicy(role)
	if policy == nil {
		return
	}
	nag.Suppress(policy, nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "secretsmanager:GetRandomPassword has no resource type, so the rotation function's grant to generate the new password must name every resource; its read and write grants are limited to the rotated secret.",
		AppliesTo: []string{"Resource::*"},
	})
}
