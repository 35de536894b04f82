package datavpc

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
)

// Props configures a DataVpc. Every field is optional.
type Props struct {
	// Zones of the VPC, 1 to 3 (an environment-agnostic stack has two).
	// @default 3
	Zones *float64
	// NatGateways: 0 makes the private subnets isolated (no internet), else
	// 1 up to Zones.
	// @default 1
	NatGateways *float64
	// Cidr of the VPC.
	// @default "10.0.0.0/16"
	Cidr *string
	// InterfaceEndpoints are AWS services reached privately, e.g.
	// awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS().
	// @default none
	InterfaceEndpoints []awsec2.InterfaceVpcEndpointAwsService
	// EncryptionKey encrypts the flow logs; its policy must let CloudWatch
	// Logs use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the flow logs.
	// @default one year
	LogRetention awslogs.RetentionDays
}
