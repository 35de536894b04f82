package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
)

// analyticsVpc is a caller's VPC for the constructs under test: isolated
// private subnets in up to zones zones (two in an environment-agnostic
// stack), S3 and DynamoDB gateway endpoints, flow logs into a log group with
// a compliant key (a datavpc without NAT gateways).
func analyticsVpc(scope constructs.Construct, zones float64) awsec2.IVpc {
	return datavpc.New(scope, "Net", &datavpc.Props{Zones: jsii.Number(zones), NatGateways: jsii.Number(0)}).Vpc
}
