package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// ManagedPolicyTag is the tag AmazonEMRServicePolicy_v2 requires on the
// subnets and security groups a cluster uses (and that EMR puts on what it
// creates): the construct tags its VPC and security groups; subnets of a
// VPC you give must carry it.
const ManagedPolicyTag = "for-use-with-amazon-emr-managed-policies"

// Endpoints are the interface endpoints of the new VPC, which has no NAT
// gateway: the EMR API (elasticmapreduce), the Glue Data Catalog
// metastore (glue), the customer managed key of local disk, S3 and log
// encryption (kms) and STS (sts: assumed roles of EMRFS role mappings and
// connectors such as Redshift's). S3 (repositories, logs, data, the TLS
// bundle) goes through the free S3 gateway endpoint. Each interface
// endpoint costs about US$0.01 per hour and zone.
var Endpoints = []string{"elasticmapreduce", "glue", "kms", "sts"}

// newNetwork creates or selects the VPC, the subnets, the three
// EMR-managed security groups of a private subnet and (in a new VPC) the
// endpoints.
func newNetwork(c constructs.Construct, cl *Cluster, p *Props) {
	var sel *awsec2.SubnetSelection
	if p.Vpc != nil {
		cl.Vpc = p.Vpc
		sel = network.PrivateOr(p.Vpc, p.VpcSubnets)
	} else {
		vpc := network.NewIsolatedVpc(c, "Private", 2, cl.Key)
		if p.ExtraGatewayDynamoDB != nil && *p.ExtraGatewayDynamoDB {
			vpc.AddGatewayEndpoint(jsii.String("DynamoDB"), &awsec2.GatewayVpcEndpointOptions{Service: awsec2.GatewayVpcEndpointAwsService_DYNAMODB()})
		}
		awscdk.Tags_Of(vpc).Add(jsii.String(ManagedPolicyTag), jsii.String("true"), nil)
		cl.Vpc = vpc
		sel = network.PrivateSubnets(vpc)
	}
	cl.Subnets = *cl.Vpc.SelectSubnets(sel).Subnets

	group := func(id, description string, allOut bool) awsec2.SecurityGroup {
		sg := awsec2.NewSecurityGroup(c, jsii.String(id), &awsec2.SecurityGroupProps{
			Vpc:              cl.Vpc,
			AllowAllOutbound: jsii.Bool(allOut),
			Description:      jsii.String(description),
		})
		awscdk.Tags_Of(sg).Add(jsii.String(ManagedPolicyTag), jsii.String("true"), nil)
		return sg
	}
	path := *c.Node().Path()
	primary := group("PrimarySecurityGroup", "EMR-managed security group of the primary node of "+path, true)
	core := group("CoreSecurityGroup", "EMR-managed security group of the core and task nodes of "+path, true)
	service := group("ServiceAccessSecurityGroup", "EMR-managed service access security group of "+path+" (private subnet)", false)
	// The rules the EMR management guide lists for a cluster in a private
	// subnet; EMR adds the same ones itself at launch, declaring them keeps
	// the template honest about what is open.
	cluster := []awsec2.SecurityGroup{primary, core}
	for _, sg := range cluster {
		for _, peer := range cluster {
			sg.AddIngressRule(peer, awsec2.Port_AllTraffic(), jsii.String("Nodes of the same cluster"), nil)
		}
		sg.AddIngressRule(service, awsec2.Port_Tcp(jsii.Number(8443)), jsii.String("EMR service access to the instance controller"), nil)
		service.AddEgressRule(sg, awsec2.Port_Tcp(jsii.Number(8443)), jsii.String("EMR service access to the instance controller"), nil)
	}
	service.AddIngressRule(primary, awsec2.Port_Tcp(jsii.Number(9443)), jsii.String("Primary node to the EMR service (private subnet)"), nil)
	for _, sg := range cluster {
		nag.AllTrafficFromGroups(sg, "The EMR management guide lists all traffic between the cluster's primary and core/task security groups, "+
			"and EMR adds these rules itself at launch; the sources are the cluster's own groups, never an address range.")
	}
	cl.PrimarySecurityGroup, cl.CoreSecurityGroup, cl.ServiceAccessSecurityGroup = primary, core, service

	cl.Endpoints = map[string]awsec2.InterfaceVpcEndpoint{}
	if p.Vpc != nil {
		return
	}
	endpointGroup := group("EndpointSecurityGroup", "Interface endpoints of "+path+": HTTPS from the cluster nodes", false)
	cl.EndpointSecurityGroup = endpointGroup
	for _, sg := range cluster {
		endpointGroup.AddIngressRule(sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS from the cluster nodes"), nil)
	}
	cl.Endpoints = network.NewInterfaceEndpoints(c, cl.Vpc, sel, endpointGroup, Endpoints, p.ExtraEndpoints)
}
