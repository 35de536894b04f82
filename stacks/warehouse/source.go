package warehouse

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// PeeringAcceptorRole is the role, in the source account, that the
// warehouse stack's peering request assumes to accept itself.
const PeeringAcceptorRole = "cdk-data-patterns-peering-acceptor"

// peering requests a VPC peering connection to the source VPC (another
// account and/or region), accepted through the source stack's role, and
// routes the warehouse subnets' traffic for the source CIDR through it.
func peering(stack awscdk.Stack, w *dw.Warehouse, cdc CdcConfig) awsec2.CfnVPCPeeringConnection {
	pc := awsec2.NewCfnVPCPeeringConnection(stack, jsii.String("SourcePeering"), &awsec2.CfnVPCPeeringConnectionProps{
		VpcId:       w.Vpc.VpcId(),
		PeerVpcId:   jsii.String(cdc.SourceVpcId),
		PeerOwnerId: jsii.String(cdc.SourceAccount),
		PeerRegion:  jsii.String(cdc.SourceRegion),
		PeerRoleArn: jsii.String("arn:" + *stack.Partition() + ":iam::" + cdc.SourceAccount + ":role/" + PeeringAcceptorRole),
	})
	for i, subnet := range *w.Vpc.IsolatedSubnets() {
		awsec2.NewCfnRoute(stack, jsii.String("SourceRoute"+strconv.Itoa(i)), &awsec2.CfnRouteProps{
			RouteTableId:           subnet.RouteTable().RouteTableId(),
			DestinationCidrBlock:   jsii.String(cdc.SourceVpcCidr),
			VpcPeeringConnectionId: pc.Ref(),
		})
	}
	awscdk.NewCfnOutput(stack, jsii.String("SourcePeeringId"), &awscdk.CfnOutputProps{
		Value:       pc.Ref(),
		Description: jsii.String("In the source VPC's route tables, route the warehouse VPC's CIDR through this peering"),
	})
	return pc
}

// NewSource is the CdcSource stack, in the source account and region
// (ING-07): it accepts the peering, lets the warehouse VPC's CIDR reach the
// database port and holds the source secret the warehouse account's DMS
// reads. Deploy it first and copy its outputs into warehouse.cdc.
func NewSource(scope constructs.Construct, id string, cfg Config) awscdk.Stack {
	cdc := cfg.Cdc
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: source side of a cross-account DMS replication (peering acceptance, database access from the warehouse VPC, shared secret)",
		cdc.SourceAccount, cdc.SourceRegion))
	access := cdcreplication.NewSourceAccess(stack, "Access", &cdcreplication.SourceAccessProps{
		TargetAccount:         cfg.Account,
		SecretsRoleName:       SecretsRoleName,
		AcceptorRoleName:      PeeringAcceptorRole,
		SourceVpcId:           cdc.SourceVpcId,
		SourceSecurityGroupId: cdc.SourceSecurityGroupId,
		SourcePort:            cdc.SourcePort,
		TargetCidr:            cfg.VpcCidr,
	})
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("SourceSecretArn", access.Secret.SecretArn(), "Set warehouse.cdc.sourceSecretArn to this")
	out("SourceSecretKeyArn", access.Key.KeyArn(), "Set warehouse.cdc.sourceSecretKeyArn to this")
	return stack
}
