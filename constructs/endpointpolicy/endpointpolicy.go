package endpointpolicy

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Perimeter is a set of VPC endpoints (created, given, or both) whose
// policies let only the account's (or organization's) principals reach the
// account's resources, narrowed to listed buckets, tables and keys.
type Perimeter struct {
	constructs.Construct
	// GatewayEndpoints and InterfaceEndpoints are every endpoint the
	// construct restricts, created or given, by service.
	GatewayEndpoints   map[Service]awsec2.IGatewayVpcEndpoint
	InterfaceEndpoints map[Service]awsec2.IInterfaceVpcEndpoint
	// CfnEndpoints are the given ExistingCfnEndpoints.
	CfnEndpoints map[Service]awsec2.CfnVPCEndpoint
	// SecurityGroup of the created interface endpoints (HTTPS from the
	// VPC's CIDR); nil when none was created.
	SecurityGroup awsec2.ISecurityGroup
	// Statements are the statements added to each service's endpoint
	// policy, in order.
	Statements map[Service][]awsiam.PolicyStatement
}

// New creates the endpoints of Props.Create and restricts them and the given
// ones with endpoint policies. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Perimeter {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	self := constructs.NewConstruct(scope, jsii.String(id))
	per := &Perimeter{
		Construct:          self,
		GatewayEndpoints:   map[Service]awsec2.IGatewayVpcEndpoint{},
		InterfaceEndpoints: map[Service]awsec2.IInterfaceVpcEndpoint{},
		CfnEndpoints:       map[Service]awsec2.CfnVPCEndpoint{},
		Statements:         map[Service][]awsiam.PolicyStatement{},
	}
	for s, ep := range p.ExistingGatewayEndpoints {
		per.GatewayEndpoints[s] = ep
	}
	for s, ep := range p.ExistingInterfaceEndpoints {
		per.InterfaceEndpoints[s] = ep
	}
	for s, ep := range p.ExistingCfnEndpoints {
		per.CfnEndpoints[s] = ep
	}
	per.create(&p)
	for _, s := range Services {
		var ep constructs.IConstruct
		if g, ok := per.GatewayEndpoints[s]; ok {
			ep = g
		} else if i, ok := per.InterfaceEndpoints[s]; ok {
			ep = i
		} else if c, ok := per.CfnEndpoints[s]; ok {
			ep = c
		} else {
			continue
		}
		stmts := statements(self, &p, s)
		per.Statements[s] = stmts
		attach(ep, stmts)
	}
	return per
}

// existing is the endpoint of service s among the props' existing ones, or
// nil.
func (p *Props) existing(s Service) constructs.IConstruct {
	if ep, ok := p.ExistingGatewayEndpoints[s]; ok && ep != nil {
		return ep
	}
	if ep, ok := p.ExistingInterfaceEndpoints[s]; ok && ep != nil {
		return ep
	}
	if ep, ok := p.ExistingCfnEndpoints[s]; ok && ep != nil {
		return ep
	}
	return nil
}

// has reports whether the perimeter will have an endpoint for s.
func (p *Props) has(s Service) bool {
	if _, ok := p.ExistingGatewayEndpoints[s]; ok {
		return true
	}
	if _, ok := p.ExistingInterfaceEndpoints[s]; ok {
		return true
	}
	if _, ok := p.ExistingCfnEndpoints[s]; ok {
		return true
	}
	for _, c := range p.Create {
		if c == s {
			return true
		}
	}
	return false
}

func orTrue(b *bool) bool { return b == nil || *b }
