package mskserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
)

// Port is the only port of an MSK Serverless cluster: SASL/IAM over TLS.
const Port = 9098

// Props configures a Cluster. nil props create a serverless cluster in a
// new three-zone isolated VPC.
type Props struct {
	// Name of the cluster: 1 to 64 letters, digits and hyphens, starting
	// with a letter.
	// @default derived from the construct's unique path
	Name string
	// Vpc is an existing VPC; the cluster gets an endpoint in each subnet
	// of VpcSubnets (two to five subnets in different zones).
	// @default a new VPC: three isolated subnets in three zones, flow logs
	Vpc awsec2.IVpc
	// VpcSubnets selects the client subnets in Vpc.
	// @default the private subnets of Vpc, one per zone
	VpcSubnets *awsec2.SubnetSelection
	// EncryptionKey encrypts the flow logs of a new VPC and the log group
	// of the bootstrap-broker lookup. (MSK Serverless encrypts data at rest
	// with a key of its own; it accepts no customer managed key.)
	// @default a new customer managed key, rotating, retained
	EncryptionKey awskms.IKey
	// LogRetention of those log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
}
