package keystore

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Termination is a listener that ends TLS at a load balancer with an ACM
// certificate and a TLS 1.3/1.2-only policy.
type Termination struct {
	constructs.Construct
	// ApplicationListener (HTTPS) or NetworkListener (TLS), whichever load
	// balancer was given.
	ApplicationListener awselasticloadbalancingv2.IApplicationListener
	NetworkListener     awselasticloadbalancingv2.INetworkListener
	// SslPolicy in force.
	SslPolicy string
}

// NewTermination adds the listener to the load balancer given. Invalid
// props fail synthesis with every problem listed.
func NewTermination(scope constructs.Construct, id string, props *TerminationProps) *Termination {
	p := TerminationProps{}
	if props != nil {
		p = *props
	}
	checkTermination(scope, id, &p).Fail()
	if p.SslPolicy == "" {
		p.SslPolicy = DefaultSslPolicy
	}
	if p.Port == 0 {
		p.Port = 443
	}
	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Termination{Construct: c, SslPolicy: p.SslPolicy}
	certs := &[]awselasticloadbalancingv2.IListenerCertificate{
		awselasticloadbalancingv2.ListenerCertificate_FromArn(jsii.String(p.CertificateArn)),
	}
	var cfn awselasticloadbalancingv2.CfnListener
	if p.ApplicationLoadBalancer != nil {
		lp := &awselasticloadbalancingv2.ApplicationListenerProps{
			LoadBalancer: p.ApplicationLoadBalancer,
			Port:         jsii.Number(p.Port),
			Protocol:     awselasticloadbalancingv2.ApplicationProtocol_HTTPS,
			Certificates: certs,
			// The load balancer's security group decides who may connect.
			Open: jsii.Bool(false),
		}
		if len(p.ApplicationTargetGroups) > 0 {
			lp.DefaultTargetGroups = &p.ApplicationTargetGroups
		} else {
			lp.DefaultAction = awselasticloadbalancingv2.ListenerAction_FixedResponse(jsii.Number(404), &awselasticloadbalancingv2.FixedResponseOptions{
				ContentType: jsii.String("text/plain"), MessageBody: jsii.String("Not found"),
			})
		}
		l := awselasticloadbalancingv2.NewApplicationListener(c, jsii.String("Listener"), lp)
		t.ApplicationListener = l
		cfn = l.Node().DefaultChild().(awselasticloadbalancingv2.CfnListener)
	} else {
		l := awselasticloadbalancingv2.NewNetworkListener(c, jsii.String("Listener"), &awselasticloadbalancingv2.NetworkListenerProps{
			LoadBalancer:        p.NetworkLoadBalancer,
			Port:                jsii.Number(p.Port),
			Protocol:            awselasticloadbalancingv2.Protocol_TLS,
			Certificates:        certs,
			DefaultTargetGroups: &[]awselasticloadbalancingv2.INetworkTargetGroup{p.NetworkTargetGroup},
		})
		t.NetworkListener = l
		cfn = l.Node().DefaultChild().(awselasticloadbalancingv2.CfnListener)
	}
	// The CDK's SslPolicy enum names no policy by its ELB name; the
	// template gets the name itself.
	cfn.AddPropertyOverride(jsii.String("SslPolicy"), p.SslPolicy)
	return t
}
