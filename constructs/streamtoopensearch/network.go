package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
)

// newVpc is the domain's network when none is given: isolated subnets in up
// to three zones and nothing else. Every client of the domain inside it
// (Firehose's interfaces, the access and log loader functions) talks only
// to the domain, so there is no NAT gateway or internet gateway to pay for
// or to guard. Flow logs of all traffic go to an encrypted log group.
func newVpc(c constructs.Construct, key awskms.IKey, retention awslogs.RetentionDays) awsec2.IVpc {
	vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
		// The default security group allows nothing, whatever the app's
		// @aws-cdk/aws-ec2:restrictDefaultSecurityGroup flag says.
		RestrictDefaultSecurityGroup: jsii.Bool(true),
		MaxAzs:                       jsii.Number(3),
		NatGateways:                  jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Domain"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
		},
	})
	flowlogs.Add(c, vpc, key, retention)
	return vpc
}

// domainSubnets are the given selection, else the VPC's isolated subnets,
// else its private subnets with egress.
func domainSubnets(vpc awsec2.IVpc, given *awsec2.SubnetSelection) *awsec2.SubnetSelection {
	if given != nil {
		return given
	}
	if len(*vpc.IsolatedSubnets()) > 0 {
		return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
	}
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
}

// onePerZone keeps the first subnet of each zone of the selection: the
// domain takes one subnet per zone it spans.
func onePerZone(vpc awsec2.IVpc, sel *awsec2.SubnetSelection) []awsec2.ISubnet {
	seen := map[string]bool{}
	var out []awsec2.ISubnet
	for _, s := range *vpc.SelectSubnets(sel).Subnets {
		if az := *s.AvailabilityZone(); !seen[az] {
			seen[az] = true
			out = append(out, s)
		}
	}
	return out
}

// securityGroup allows no traffic until connections are added: the domain
// accepts HTTPS from its clients' groups only, clients send HTTPS to the
// domain's group only.
func securityGroup(c constructs.Construct, id string, vpc awsec2.IVpc, description string) awsec2.SecurityGroup {
	return awsec2.NewSecurityGroup(c, jsii.String(id), &awsec2.SecurityGroupProps{
		Vpc:              vpc,
		Description:      jsii.String(description),
		AllowAllOutbound: jsii.Bool(false),
	})
}
