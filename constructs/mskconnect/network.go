package mskconnect

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// newSecurityGroup creates the workers' security group in the cluster's
// VPC: no inbound; outbound to the brokers' IAM/TLS port (the brokers'
// group admits it) and HTTPS to S3.
func newSecurityGroup(c constructs.Construct, p *Props) awsec2.ISecurityGroup {
	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Cluster.Vpc(),
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("MSK Connect workers of " + *c.Node().Path() + ": brokers (IAM, TLS) and HTTPS to S3 only"),
	})
	port := awsec2.Port_Tcp(jsii.Number(9098))
	brokers := p.Cluster.Connections()
	if dp := brokers.DefaultPort(); dp != nil {
		port = dp
	}
	sg.Connections().AllowTo(brokers, port, jsii.String("Kafka brokers (IAM authentication over TLS)"))
	peer := awsec2.Peer_AnyIpv4()
	if p.S3PrefixListId != "" {
		peer = awsec2.Peer_PrefixList(jsii.String(p.S3PrefixListId))
	}
	sg.AddEgressRule(peer, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to Amazon S3 (gateway endpoint or NAT)"), jsii.Bool(false))
	return sg
}
