package dataprotection

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
)

// piiDiscovery adds SEC-14: diagnostic devices publish on devices/+/diag,
// an IoT rule sends the messages through Firehose (iotredact) to a raw
// prefix, an hourly Glue job masks what Comprehend finds, and Lake
// Formation lets the analysts read only the kept columns and the data
// scientists the masked table. The analysts are the stack's RBAC Analyst
// role when the roles are on. The registration and grants wait for the
// Lakehouse stack's Lake Formation settings, which make the deploying role
// an administrator. (The Lakehouse stack's own Analyst role is not reused:
// granting it this stack's workgroup would make each stack depend on the
// other.)
func (s *Stack) piiDiscovery(lake *Lake) {
	p := &piidiscovery.Props{LakeSettings: lake.LakeSettings}
	if s.Roles != nil {
		p.Analysts = []awsiam.IRole{s.Roles.Roles["Analyst"]}
	}
	s.Pii = piidiscovery.New(s.Stack, "PiiDiscovery", p)
}
