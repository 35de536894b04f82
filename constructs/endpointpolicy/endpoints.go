package endpointpolicy

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// interfaceServices maps the interface endpoint services to CDK's.
var interfaceServices = map[Service]func() awsec2.InterfaceVpcEndpointAwsService{
	S3:             awsec2.InterfaceVpcEndpointAwsService_S3,
	DynamoDB:       awsec2.InterfaceVpcEndpointAwsService_DYNAMODB,
	KMS:            awsec2.InterfaceVpcEndpointAwsService_KMS,
	KinesisStreams: awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS,
	STS:            awsec2.InterfaceVpcEndpointAwsService_STS,
	Glue:           awsec2.InterfaceVpcEndpointAwsService_GLUE,
	SecretsManager: awsec2.InterfaceVpcEndpointAwsService_SECRETS_MANAGER,
	CloudFormation: awsec2.InterfaceVpcEndpointAwsService_CLOUDFORMATION,
}

// ids are the construct ids of the created endpoints.
var ids = map[Service]string{
	S3: "S3", DynamoDB: "DynamoDB", KMS: "Kms", KinesisStreams: "KinesisStreams",
	STS: "Sts", Glue: "Glue", SecretsManager: "SecretsManager", CloudFormation: "CloudFormation",
}

// create makes the endpoints of p.Create: gateway endpoints for S3 and
// DynamoDB (routes in every subnet's route table), interface endpoints with
// private DNS behind one security group admitting HTTPS from the VPC.
func (per *Perimeter) create(p *Props) {
	for _, s := range Services {
		if !contains(p.Create, s) {
			continue
		}
		if s.Gateway() {
			svc := awsec2.GatewayVpcEndpointAwsService_S3()
			if s == DynamoDB {
				svc = awsec2.GatewayVpcEndpointAwsService_DYNAMODB()
			}
			per.GatewayEndpoints[s] = awsec2.NewGatewayVpcEndpoint(per.Construct, jsii.String(ids[s]), &awsec2.GatewayVpcEndpointProps{
				Vpc:     p.Vpc,
				Service: svc,
			})
			continue
		}
		if per.SecurityGroup == nil {
			sg := awsec2.NewSecurityGroup(per.Construct, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
				Vpc:              p.Vpc,
				Description:      jsii.String("Interface endpoints of " + *per.Node().Path() + ": HTTPS from the VPC only"),
				AllowAllOutbound: jsii.Bool(false),
			})
			sg.AddIngressRule(awsec2.Peer_Ipv4(p.Vpc.VpcCidrBlock()), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS from the VPC CIDR"), nil)
			nag.Suppress(sg.Node().DefaultChild(), nag.Suppression{
				Rule:   "CdkNagValidationFailure",
				Reason: "cdk-nag cannot evaluate AwsSolutions-EC23 on an ingress from the VPC's own CIDR (a CloudFormation reference); the endpoints accept HTTPS from the VPC only.",
			})
			per.SecurityGroup = sg
		}
		per.InterfaceEndpoints[s] = awsec2.NewInterfaceVpcEndpoint(per.Construct, jsii.String(ids[s]), &awsec2.InterfaceVpcEndpointProps{
			Vpc:               p.Vpc,
			Service:           interfaceServices[s](),
			Subnets:           p.Subnets,
			SecurityGroups:    &[]awsec2.ISecurityGroup{per.SecurityGroup},
			PrivateDnsEnabled: jsii.Bool(true),
			Open:              jsii.Bool(false),
		})
	}
}

// policyHolder is an endpoint L2 of this app (GatewayVpcEndpoint,
// InterfaceVpcEndpoint): the IGatewayVpcEndpoint and IInterfaceVpcEndpoint
// interfaces have no AddToPolicy, the classes do.
type policyHolder interface {
	AddToPolicy(statement awsiam.PolicyStatement)
}

// restrictable says how statements reach ep's policy: "l2" (AddToPolicy),
// "cfn" (the PolicyDocument of its AWS::EC2::VPCEndpoint), or "" when they
// cannot (an imported endpoint, or an L1 that already has a policy).
func restrictable(ep constructs.IConstruct) string {
	// An imported endpoint (FromGatewayVpcEndpointId) is a VpcEndpoint with
	// AddToPolicy too, which silently renders nothing: an L2 counts only
	// with its AWS::EC2::VPCEndpoint in this app.
	if _, ok := ep.(policyHolder); ok && cfnOf(ep) != nil {
		return "l2"
	}
	if cfn := cfnOf(ep); cfn != nil && cfn.PolicyDocument() == nil {
		return "cfn"
	}
	return ""
}

// cfnOf is ep itself when it is an AWS::EC2::VPCEndpoint, else its default
// child when that is one, else nil.
func cfnOf(ep constructs.IConstruct) awsec2.CfnVPCEndpoint {
	if cfn, ok := ep.(awsec2.CfnVPCEndpoint); ok {
		return cfn
	}
	if cfn, ok := ep.Node().DefaultChild().(awsec2.CfnVPCEndpoint); ok {
		return cfn
	}
	return nil
}

func attach(ep constructs.IConstruct, stmts []awsiam.PolicyStatement) {
	if h, ok := ep.(policyHolder); ok && restrictable(ep) == "l2" {
		for _, s := range stmts {
			h.AddToPolicy(s)
		}
		return
	}
	cfnOf(ep).SetPolicyDocument(awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &stmts}))
}

// endpointOf is the path of an endpoint of service s (same type) that vpc
// already has in vpc's stack — datavpc's, another construct's — or "".
func endpointOf(vpc awsec2.IVpc, s Service) string {
	stack := awscdk.Stack_Of(vpc)
	vpcID, _ := json.Marshal(stack.Resolve(vpc.VpcId()))
	for _, c := range *stack.Node().FindAll(constructs.ConstructOrder_PREORDER) {
		cfn, ok := c.(awsec2.CfnVPCEndpoint)
		if !ok || cfn.ServiceName() == nil {
			continue
		}
		if id, _ := json.Marshal(stack.Resolve(cfn.VpcId())); string(id) != string(vpcID) {
			continue
		}
		gateway := cfn.VpcEndpointType() == nil || *cfn.VpcEndpointType() == "Gateway"
		if gateway != s.Gateway() {
			continue
		}
		raw, _ := json.Marshal(stack.Resolve(cfn.ServiceName()))
		// "com.amazonaws.eu-west-1.s3", or
		// {"Fn::Join":["",["com.amazonaws.",{"Ref":"AWS::Region"},".s3"]]}
		v := strings.TrimRight(string(raw), `"]}`)
		if strings.HasSuffix(v, "."+string(s)) {
			path := *c.Node().Path()
			return strings.TrimSuffix(path, "/Resource")
		}
	}
	return ""
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
