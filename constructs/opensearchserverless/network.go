package opensearchserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchserverless"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
)

// newNetwork places the OpenSearch Serverless VPC endpoint in the given
// VPC, or in a new one with isolated subnets in up to three zones (no NAT,
// flow logs). Its security group admits HTTPS from AllowFrom (and later
// from Firehose) and sends nothing.
func newNetwork(c constructs.Construct, s *Collection, p *Props, base string) {
	s.Vpc = p.Vpc
	if s.Vpc == nil {
		vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
			RestrictDefaultSecurityGroup: jsii.Bool(true),
			MaxAzs:                       jsii.Number(3),
			NatGateways:                  jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
				{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
			},
		})
		flowlogs.Add(c, vpc, s.Key, p.LogRetention)
		s.Vpc = vpc
	}
	sg := awsec2.NewSecurityGroup(c, jsii.String("EndpointSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              s.Vpc,
		Description:      jsii.String("OpenSearch Serverless VPC endpoint of " + *c.Node().Path() + ": HTTPS from its clients only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	for _, peer := range p.AllowFrom {
		sg.AddIngressRule(peer, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to the collection"), nil)
	}
	s.VpcEndpointSecurityGroup = sg
	var ids []*string
	for _, sn := range subnets(s.Vpc, p.VpcSubnets) {
		ids = append(ids, sn.SubnetId())
	}
	s.VpcEndpoint = awsopensearchserverless.NewCfnVpcEndpoint(c, jsii.String("VpcEndpoint"), &awsopensearchserverless.CfnVpcEndpointProps{
		Name:             jsii.String(base + "-vpce"),
		VpcId:            s.Vpc.VpcId(),
		SubnetIds:        &ids,
		SecurityGroupIds: &[]any{sg.SecurityGroupId()},
	})
}

// subnets are the selection's (default: isolated, else private with
// egress), one per zone.
func subnets(vpc awsec2.IVpc, sel *awsec2.SubnetSelection) []awsec2.ISubnet {
	if sel == nil {
		sel = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
		if len(*vpc.IsolatedSubnets()) > 0 {
			sel = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
		}
	}
	seen := map[string]bool{}
	var out []awsec2.ISubnet
	for _, sn := range *vpc.SelectSubnets(sel).Subnets {
		if az := *sn.AvailabilityZone(); !seen[az] {
			seen[az] = true
			out = append(out, sn)
		}
	}
	return out
}
