package datavpc

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// DataVpc is the VPC with its endpoints and flow logs.
type DataVpc struct {
	constructs.Construct
	Vpc awsec2.IVpc
	// Private selects the workloads' subnets (with egress, or isolated
	// without NAT gateways).
	Private *awsec2.SubnetSelection
	// Endpoints are the interface endpoints by service name;
	// EndpointSecurityGroup admits HTTPS from the VPC to them.
	Endpoints             map[string]awsec2.InterfaceVpcEndpoint
	EndpointSecurityGroup awsec2.ISecurityGroup
	// FlowLogs holds the flow log records; Key encrypts them (the given
	// or a new key).
	FlowLogs awslogs.ILogGroup
	Key      awskms.IKey
}

// DefaultCidr is the VPC's address range unless Props.Cidr says otherwise.
const DefaultCidr = "10.0.0.0/16"

var cidrRE = regexp.MustCompile(`^(\d{1,3}\.){3}\d{1,3}/(1[6-9]|2[0-1])$`)

// New creates the VPC.
func New(scope constructs.Construct, id string, props *Props) *DataVpc {
	p := Props{}
	if props != nil {
		p = *props
	}
	if p.Zones == nil {
		p.Zones = jsii.Number(3)
	}
	if p.NatGateways == nil {
		p.NatGateways = jsii.Number(1)
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.Cidr == nil {
		p.Cidr = jsii.String(DefaultCidr)
	}
	pr := propcheck.For("datavpc", scope, id)
	if z := *p.Zones; z < 1 || z > 3 || z != float64(int(z)) {
		pr.Add("Zones", z, "1, 2 or 3")
	}
	if n := *p.NatGateways; n < 0 || n > *p.Zones || n != float64(int(n)) {
		pr.Add("NatGateways", n, fmt.Sprintf("0 (isolated subnets) to Zones (%v)", *p.Zones))
	}
	if !cidrRE.MatchString(*p.Cidr) {
		pr.Add("Cidr", *p.Cidr, "an IPv4 CIDR block from /16 to /21 (three zones of /22 private and /26 public subnets)")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &DataVpc{Construct: c, Key: p.EncryptionKey}
	if d.Key == nil {
		d.Key = keys.NewForLogs(c, "Key", "Encrypts the flow logs of "+*c.Node().Path())
	}
	subnets := []*awsec2.SubnetConfiguration{
		{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(22)},
		{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(26), MapPublicIpOnLaunch: jsii.Bool(false)},
	}
	d.Private = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
	if *p.NatGateways == 0 {
		subnets = []*awsec2.SubnetConfiguration{
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(22)},
		}
		d.Private = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
	}
	vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
		RestrictDefaultSecurityGroup: jsii.Bool(true),
		IpAddresses:                  awsec2.IpAddresses_Cidr(p.Cidr),
		MaxAzs:                       p.Zones,
		NatGateways:                  p.NatGateways,
		SubnetConfiguration:          &subnets,
		GatewayEndpoints: &map[string]*awsec2.GatewayVpcEndpointOptions{
			"S3":       {Service: awsec2.GatewayVpcEndpointAwsService_S3()},
			"DynamoDB": {Service: awsec2.GatewayVpcEndpointAwsService_DYNAMODB()},
		},
	})
	d.Vpc = vpc
	if *p.NatGateways > 0 {
		network.NATRoutes(vpc, "the internet for what the VPC's workloads download (NatGateways 0 makes the private subnets isolated instead)")
	}
	d.FlowLogs = flowlogs.Add(c, vpc, d.Key, p.LogRetention)
	d.Endpoints = map[string]awsec2.InterfaceVpcEndpoint{}
	if len(p.InterfaceEndpoints) > 0 {
		sg := awsec2.NewSecurityGroup(c, jsii.String("EndpointSecurityGroup"), &awsec2.SecurityGroupProps{
			Vpc:              vpc,
			Description:      jsii.String("Interface endpoints of " + *c.Node().Path() + ": HTTPS from the VPC"),
			AllowAllOutbound: jsii.Bool(false),
		})
		sg.AddIngressRule(awsec2.Peer_Ipv4(p.Cidr), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS from the VPC"), nil)
		d.EndpointSecurityGroup = sg
		for _, svc := range p.InterfaceEndpoints {
			name := *svc.ShortName()
			d.Endpoints[name] = vpc.AddInterfaceEndpoint(jsii.String(endpointID(name)), &awsec2.InterfaceVpcEndpointOptions{
				Service:           svc,
				Subnets:           d.Private,
				SecurityGroups:    &[]awsec2.ISecurityGroup{sg},
				PrivateDnsEnabled: jsii.Bool(true),
			})
		}
	}
	return d
}

// endpointID is the construct id of a service's endpoint ("kinesis-streams"
// → "KinesisStreamsEndpoint").
func endpointID(name string) string {
	out := []rune{}
	up := true
	for _, r := range name {
		if r == '-' || r == '.' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		out = append(out, r)
	}
	return string(out) + "Endpoint"
}
