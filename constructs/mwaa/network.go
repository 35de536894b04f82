package mwaa

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// Endpoints are the interface endpoints Amazon MWAA needs in a VPC without
// internet access (besides the S3 gateway endpoint): its own three
// (airflow.api, airflow.env, airflow.ops), the Celery queue (sqs), logs and
// metrics (logs, monitoring), the customer managed key (kms) and the
// container images (ecr.api, ecr.dkr). A DAG that calls other services
// needs theirs too (Props.ExtraEndpoints: GLUE, REDSHIFT_DATA, ...).
var Endpoints = []string{"airflow.api", "airflow.env", "airflow.ops", "sqs", "logs", "monitoring", "kms", "ecr.api", "ecr.dkr"}

// newNetwork creates or selects the VPC and subnets, the security group and
// (in a new VPC) the endpoints.
func newNetwork(c constructs.Construct, e *Environment, p *Props) {
	var sel *awsec2.SubnetSelection
	if p.Vpc != nil {
		e.Vpc = p.Vpc
		sel = subnetSelection(p)
	} else {
		vpc := network.NewIsolatedVpc(c, "Private", 2, e.Key)
		e.Vpc = vpc
		sel = network.PrivateSubnets(vpc)
	}
	e.Subnets = *e.Vpc.SelectSubnets(sel).Subnets

	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              e.Vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Amazon MWAA environment " + *c.Node().Path() + ": traffic between its own members, HTTPS out"),
	})
	sg.AddIngressRule(sg, awsec2.Port_AllTraffic(), jsii.String("Members of this group (web server, scheduler, workers, endpoints)"), nil)
	sg.AddEgressRule(sg, awsec2.Port_AllTraffic(), jsii.String("Members of this group (web server, scheduler, workers, endpoints)"), nil)
	nag.AllTrafficFromGroups(sg, "Amazon MWAA requires a self-referencing rule admitting all traffic between the environment's members "+
		"(web server, schedulers, workers, its VPC endpoints); the source is this group only, never an address range.")
	// S3 is reached through the gateway endpoint, whose addresses are S3's
	// public ranges: HTTPS out is needed; the isolated subnets have no
	// other route out of the VPC.
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to S3 through the gateway endpoint"), nil)
	e.SecurityGroup = sg

	e.Endpoints = map[string]awsec2.InterfaceVpcEndpoint{}
	if p.Vpc != nil {
		return
	}
	e.Endpoints = network.NewInterfaceEndpoints(c, e.Vpc, sel, sg, Endpoints, p.ExtraEndpoints)
}
