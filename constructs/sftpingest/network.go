package sftpingest

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// network creates the endpoint's security group (port 22 from the allowed
// CIDR blocks, no other inbound rule, no outbound rule: the endpoint only
// answers) and, for an internet-facing endpoint, one Elastic IP per subnet.
func (in *Ingest) network(p *Props) {
	sg := awsec2.NewSecurityGroup(in.Construct, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("SFTP endpoint of " + *in.Node().Path() + ": port 22 from the allowed CIDR blocks"),
		AllowAllOutbound: jsii.Bool(false),
	})
	cidrs := p.AllowedCidrs
	if len(cidrs) == 0 && !isTrue(p.InternetFacing) {
		cidrs = []string{*p.Vpc.VpcCidrBlock()}
	}
	if isTrue(p.AllowAnySource) {
		cidrs = append(cidrs, "0.0.0.0/0", "::/0")
	}
	for _, c := range cidrs {
		var peer awsec2.IPeer
		if !unresolved(c) && isIPv6(c) {
			peer = awsec2.Peer_Ipv6(jsii.String(c))
		} else {
			peer = awsec2.Peer_Ipv4(jsii.String(c))
		}
		sg.AddIngressRule(peer, awsec2.Port_Tcp(jsii.Number(22)), jsii.String("SFTP from "+describeCidr(c)), nil)
	}
	in.SecurityGroup = sg
	if len(p.AllowedCidrs) == 0 && !isTrue(p.InternetFacing) {
		nag.Suppress(sg.Node().DefaultChild(), nag.Suppression{
			Rule:   "CdkNagValidationFailure",
			Reason: "cdk-nag cannot evaluate AwsSolutions-EC23 on an ingress from the VPC's own CIDR (a CloudFormation reference); the internal endpoint accepts SFTP from the VPC only.",
		})
	}
	if isTrue(p.AllowAnySource) {
		awscdk.Validations_Of(sg.Node().DefaultChild()).Acknowledge(&awscdk.Acknowledgment{
			Id:     jsii.String("CloudFormation-Validate::W2508"),
			Reason: jsii.String("AllowAnySource is the owner's explicit opt-in to an SFTP endpoint open to every address on port 22."),
		})
	}

	if !isTrue(p.InternetFacing) {
		return
	}
	subnets := *p.Vpc.SelectSubnets(subnetSelection(p)).Subnets
	for i := range subnets {
		in.ElasticIps = append(in.ElasticIps, awsec2.NewCfnEIP(in.Construct, jsii.String("ElasticIp"+strconv.Itoa(i+1)), &awsec2.CfnEIPProps{
			Domain: jsii.String("vpc"),
		}))
	}
}

func isIPv6(cidr string) bool {
	for _, r := range cidr {
		if r == ':' {
			return true
		}
	}
	return false
}

// describeCidr names a CIDR block in a rule description (a token is the
// VPC's own block).
func describeCidr(c string) string {
	if unresolved(c) {
		return "the VPC"
	}
	return c
}
