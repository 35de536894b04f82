package streamanalytics

import (
	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
)

// network is the VPC every part runs in: three zones (two in an
// environment-agnostic stack), private subnets with one NAT gateway (the web
// server installs packages, the consumer pulls its image), S3 and DynamoDB
// gateway endpoints, flow logs.
func (s *Stack) network() {
	s.Network = datavpc.New(s.Stack, "Network", nil)
}
