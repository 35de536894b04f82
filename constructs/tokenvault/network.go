package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	netpkg "github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// network is the functions' place in Props.Vpc.
type network struct {
	subnets *awsec2.SubnetSelection
	sg      awsec2.SecurityGroup
}

// network creates the functions' security group: no inbound rule (Lambda
// needs none), HTTPS out only. DynamoDB through a gateway endpoint has no
// fixed addresses (its prefix list is not an attribute of the endpoint), so
// the rule allows HTTPS to any address; the subnets' routes decide where it
// can go.
func (v *Vault) network(p *Props) *network {
	sg := awsec2.NewSecurityGroup(v.Construct, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("Tokenization vault functions of " + *v.Node().Path() + ": HTTPS out only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to DynamoDB, KMS and Secrets Manager"), nil)
	v.SecurityGroup = sg
	return &network{subnets: netpkg.PrivateOr(p.Vpc, p.VpcSubnets), sg: sg}
}

// endpoints creates the DynamoDB gateway endpoint and the KMS (and Secrets
// Manager) interface endpoints in the functions' subnets, each with a
// policy that allows only the vault's own table, key and secret.
func (v *Vault) endpoints(p *Props, net *network) {
	anyone := &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}
	ddb := awsec2.NewGatewayVpcEndpoint(v.Construct, jsii.String("DynamoDBEndpoint"), &awsec2.GatewayVpcEndpointProps{
		Vpc:     p.Vpc,
		Service: awsec2.GatewayVpcEndpointAwsService_DYNAMODB(),
		Subnets: &[]*awsec2.SubnetSelection{net.subnets},
	})
	ddb.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: anyone,
		Actions:    jsii.Strings("dynamodb:PutItem", "dynamodb:BatchGetItem", "dynamodb:GetItem"),
		Resources:  &[]*string{v.Table.TableArn()},
	}))
	v.DynamoDBEndpoint = ddb

	esg := awsec2.NewSecurityGroup(v.Construct, jsii.String("EndpointSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("Interface endpoints of the tokenization vault " + *v.Node().Path() + ": HTTPS from its functions only"),
		AllowAllOutbound: jsii.Bool(false),
	})
	esg.AddIngressRule(net.sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS from the vault functions"), nil)
	v.EndpointSecurityGroup = esg
	names := []string{"kms"}
	if v.HMACSecret != nil {
		names = append(names, "secretsmanager")
	}
	eps := netpkg.NewInterfaceEndpoints(v.Construct, p.Vpc, net.subnets, esg, names, nil)
	eps["kms"].AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: anyone,
		Actions:    jsii.Strings("kms:GenerateDataKey", "kms:Decrypt"),
		Resources:  &[]*string{v.Key.KeyArn()},
	}))
	v.KMSEndpoint = eps["kms"]
	if v.HMACSecret != nil {
		eps["secretsmanager"].AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Principals: anyone,
			Actions:    jsii.Strings("secretsmanager:GetSecretValue"),
			Resources:  &[]*string{v.HMACSecret.SecretArn()},
		}))
		v.SecretsManagerEndpoint = eps["secretsmanager"]
	}
}
