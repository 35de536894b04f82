package mskcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// ThreeZones are the first three availability zones of scope's stack: its
// own when the stack has an environment and knows three, else
// Fn::Select 0, 1, 2 of Fn::GetAZs (an environment-agnostic stack knows
// only two zones, and a Kafka cluster belongs in three).
func ThreeZones(scope constructs.Construct) *[]*string {
	stack := awscdk.Stack_Of(scope)
	azs := *stack.AvailabilityZones()
	resolved := len(azs) >= 3
	for _, az := range azs {
		if *awscdk.Token_IsUnresolved(az) {
			resolved = false
		}
	}
	if resolved {
		out := azs[:3]
		return &out
	}
	all := awscdk.Fn_GetAzs(jsii.String(""))
	out := []*string{}
	for i := 0; i < 3; i++ {
		out = append(out, awscdk.Fn_Select(jsii.Number(float64(i)), all))
	}
	return &out
}

// newNetwork creates (or selects) the VPC, one subnet per zone, and the
// brokers' security group without any ingress.
func newNetwork(c constructs.Construct, cl *Cluster, p *Props, retention awslogs.RetentionDays) {
	if p.Vpc != nil {
		cl.vpc = p.Vpc
		cl.ClientSubnets, _ = network.TrySelect(p.Vpc, clientSubnets(p))
	} else {
		vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
			RestrictDefaultSecurityGroup: jsii.Bool(true),
			AvailabilityZones:            ThreeZones(c),
			NatGateways:                  jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
				{Name: jsii.String("Brokers"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
			},
		})
		flowlogs.Add(c, vpc, cl.Key, retention)
		cl.vpc = vpc
		cl.ClientSubnets = *vpc.SelectSubnets(&awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}).Subnets
	}
	cl.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              cl.vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Amazon MSK brokers of " + *c.Node().Path() + ": no ingress until a client is allowed (Connections)"),
	})
}

// clientSubnets is the selection of the brokers' subnets in a given VPC:
// one per zone.
func clientSubnets(p *Props) *awsec2.SubnetSelection {
	sel := network.PrivateOr(p.Vpc, p.VpcSubnets)
	out := *sel
	out.OnePerAz = jsii.Bool(true)
	return &out
}
