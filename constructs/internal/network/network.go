// Package network creates the private networks of this library's data
// stores: isolated subnets only (no NAT, no internet gateway), an S3 gateway
// endpoint, and flow logs of all traffic into an encrypted log group.
package network

import (
	"fmt"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// NewIsolatedVpc creates the VPC "Vpc" under c with one isolated /24
// subnet per zone (up to zones; an environment-agnostic stack has two) named
// subnetName, an S3 gateway endpoint "S3" and flow logs encrypted with key.
func NewIsolatedVpc(c constructs.Construct, subnetName string, zones float64, key awskms.IKey) awsec2.Vpc {
	return NewIsolatedVpcWithCidr(c, subnetName, zones, key, "")
}

// NewIsolatedVpcWithCidr is NewIsolatedVpc with the VPC's CIDR ("" for
// CDK's 10.0.0.0/16), for networks that are peered with another.
func NewIsolatedVpcWithCidr(c constructs.Construct, subnetName string, zones float64, key awskms.IKey, cidr string) awsec2.Vpc {
	var addresses awsec2.IIpAddresses
	if cidr != "" {
		addresses = awsec2.IpAddresses_Cidr(jsii.String(cidr))
	}
	vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
		// The default security group allows nothing, whatever the app's
		// @aws-cdk/aws-ec2:restrictDefaultSecurityGroup flag says.
		RestrictDefaultSecurityGroup: jsii.Bool(true),
		IpAddresses:                  addresses,
		MaxAzs:                       jsii.Number(zones),
		NatGateways:                  jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String(subnetName), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
		},
		GatewayEndpoints: &map[string]*awsec2.GatewayVpcEndpointOptions{
			"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()},
		},
	})
	flowlogs.Add(c, vpc, key, awslogs.RetentionDays_ONE_YEAR)
	return vpc
}

// PrivateSubnets selects the isolated subnets of vpc, else its private
// subnets with egress.
func PrivateSubnets(vpc awsec2.IVpc) *awsec2.SubnetSelection {
	if len(*vpc.IsolatedSubnets()) > 0 {
		return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
	}
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
}

// PrivateOr is sel, or PrivateSubnets(vpc) when sel is nil: the subnets a
// construct uses in a VPC it was given.
func PrivateOr(vpc awsec2.IVpc, sel *awsec2.SubnetSelection) *awsec2.SubnetSelection {
	if sel != nil {
		return sel
	}
	return PrivateSubnets(vpc)
}

// TrySelect returns the subnets sel selects in vpc, or the CDK's error
// (as an error, not a panic) when it selects none, so that a props check
// can report it with the others.
func TrySelect(vpc awsec2.IVpc, sel *awsec2.SubnetSelection) (subnets []awsec2.ISubnet, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return *vpc.SelectSubnets(sel).Subnets, nil
}

// NewInterfaceEndpoints creates "Endpoint-<name>" under c for each AWS
// service short name of names and each of extra (one per service), in
// name order, in the subnets sel of vpc, behind sg, with private DNS and
// no open ingress (sg says who may connect). The result is keyed by short
// name.
func NewInterfaceEndpoints(c constructs.Construct, vpc awsec2.IVpc, sel *awsec2.SubnetSelection, sg awsec2.ISecurityGroup, names []string, extra []awsec2.InterfaceVpcEndpointAwsService) map[string]awsec2.InterfaceVpcEndpoint {
	services := map[string]awsec2.IInterfaceVpcEndpointService{}
	for _, name := range names {
		services[name] = awsec2.NewInterfaceVpcEndpointAwsService(jsii.String(name), nil, nil, nil)
	}
	for _, s := range extra {
		services[*s.ShortName()] = s
	}
	sorted := make([]string, 0, len(services))
	for n := range services {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	out := map[string]awsec2.InterfaceVpcEndpoint{}
	for _, n := range sorted {
		out[n] = awsec2.NewInterfaceVpcEndpoint(c, jsii.String("Endpoint-"+n), &awsec2.InterfaceVpcEndpointProps{
			Vpc:               vpc,
			Service:           services[n],
			Subnets:           sel,
			SecurityGroups:    &[]awsec2.ISecurityGroup{sg},
			PrivateDnsEnabled: jsii.Bool(true),
			Open:              jsii.Bool(false),
		})
	}
	return out
}

// NATRoutes records why the public subnets of a VPC with NAT gateways route
// 0.0.0.0/0 to the internet gateway (the compliance packs'
// VPCNoUnrestrictedRouteToIGW): they hold only the NAT gateways, and egress
// names what the private subnets reach through them.
func NATRoutes(vpc awsec2.IVpc, egress string) {
	reason := "This public subnet holds only a NAT gateway (nothing launched here gets a public address) and this route is the NAT gateway's way out; " +
		"the private subnets reach " + egress + " through it, and no route leads in."
	for _, subnet := range *vpc.PublicSubnets() {
		if route := subnet.Node().TryFindChild(jsii.String("DefaultRoute")); route != nil {
			nag.Suppress(route, nag.InPacks("VPCNoUnrestrictedRouteToIGW", reason, nag.HIPAA, nag.NIST, nag.PCI)...)
		}
	}
}
