package secretrotation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
)

// securityGroup is the hosted function's security group: no egress but the
// database port of Target and HTTPS to the Secrets Manager endpoint (the
// function's only two peers). The CDK's default group for a hosted rotation
// allows all outbound traffic; this one does not.
func (r *Rotation) securityGroup(p *Props) awsec2.ISecurityGroup {
	sg := awsec2.NewSecurityGroup(r.Construct, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("Hosted secret rotation function of " + *r.Node().Path() + ": database port and HTTPS to Secrets Manager only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	port := awsec2.Port_Tcp(jsii.Number(dbPort(p)))
	sg.Connections().AllowTo(p.Target, port, jsii.String("Secret rotation function to the database"))
	https := awsec2.Port_Tcp(jsii.Number(443))
	if len(p.Endpoints) == 0 {
		sg.AddEgressRule(awsec2.Peer_Ipv4(p.Vpc.VpcCidrBlock()), https, jsii.String("Secrets Manager interface endpoint in the VPC"), nil)
	}
	for _, e := range p.Endpoints {
		sg.Connections().AllowTo(e, https, jsii.String("Secret rotation function to an interface endpoint"))
	}
	return sg
}

// dbPort is Props.Port, else Target's default port (0 when neither; the
// check refuses that).
func dbPort(p *Props) float64 {
	if p.Port != nil {
		return *p.Port
	}
	if p.Target == nil {
		return 0
	}
	if d := p.Target.Connections().DefaultPort(); d != nil {
		if m, ok := d.ToRuleJson().(map[string]any); ok {
			if v, ok := m["fromPort"].(float64); ok {
				return v
			}
		}
	}
	return 0
}
