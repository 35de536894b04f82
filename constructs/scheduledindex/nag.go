package scheduledindex

import (
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppress records the cdk-nag findings the design accepts, with reasons.
func suppress(x *ScheduledIndex, p *Props) {
	applies := []string{`/^Resource::.*\/\*$/`, "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"}
	reason := "The function reads the objects under its prefix, whose names producers choose; the wildcard KMS actions come from CDK's send grant on the encrypted dead-letter queue (its on-failure destination), limited to the construct's key"
	if x.SecurityGroup != nil {
		applies = append(applies, "Resource::*")
		reason += ", and attaches to the VPC with the EC2 network-interface actions, which have no resource-level form"
	}
	if p.IndexRotation != NoRotation {
		applies = append(applies, `/^Resource::.*\*\/_bulk$/`)
		reason += "; it posts to the _bulk path of its rotated indices, whose names end in the date"
	}
	if policy := nag.DefaultPolicy(x.Role); policy != nil {
		nag.Suppress(policy, nag.Suppression{Rule: "AwsSolutions-IAM5", AppliesTo: applies, Reason: reason + "."})
	}
	if policy := nag.DefaultPolicy(x.ScheduleRole); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
			Reason:    "The wildcard KMS actions come from CDK's send grant on the encrypted dead-letter queue, limited to the construct's key.",
		})
	}
}
