package cdcreplication

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// SourceAccessProps configure the source account's side of a replication
// whose warehouse is in another account or region (catalogue ING-07). All
// fields are required.
type SourceAccessProps struct {
	// TargetAccount holds the warehouse and the replication.
	TargetAccount string
	// SecretsRoleName is the replication's Props.SecretsRoleName.
	SecretsRoleName string
	// AcceptorRoleName names the role the target's peering request assumes.
	AcceptorRoleName string
	// SourceVpcId, SourceSecurityGroupId and SourcePort locate the database.
	SourceVpcId           string
	SourceSecurityGroupId string
	SourcePort            float64
	// TargetCidr is the warehouse VPC's CIDR: security-group references do
	// not cross regions (or accounts without peering references), so the
	// database's rule names the CIDR.
	TargetCidr string
}

// SourceAccess is the peering acceptor role, the database rule and the
// shared source secret.
type SourceAccess struct {
	constructs.Construct
	Acceptor awsiam.IRole
	Secret   awssecretsmanager.ISecret
	Key      awskms.IKey
}

// NewSourceAccess creates the source side in the source account's stack.
func NewSourceAccess(scope constructs.Construct, id string, p *SourceAccessProps) *SourceAccess {
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	arn := func(service, region, account, resource string) string {
		return "arn:" + *stack.Partition() + ":" + service + ":" + region + ":" + account + ":" + resource
	}
	acceptor := awsiam.NewRole(c, jsii.String("PeeringAcceptor"), &awsiam.RoleProps{
		RoleName:    jsii.String(p.AcceptorRoleName),
		AssumedBy:   awsiam.NewAccountPrincipal(jsii.String(p.TargetAccount)),
		Description: jsii.String("Lets account " + p.TargetAccount + " accept its peering request to the source VPC"),
	})
	acceptor.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("ec2:AcceptVpcPeeringConnection"),
		Resources:  jsii.Strings(arn("ec2", *stack.Region(), *stack.Account(), "vpc-peering-connection/*")),
		Conditions: &map[string]any{"ArnEquals": map[string]any{"ec2:AccepterVpc": arn("ec2", *stack.Region(), *stack.Account(), "vpc/"+p.SourceVpcId)}},
	}))
	nag.Suppress(nag.DefaultPolicy(acceptor), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "Peering connection ids are assigned when the warehouse account requests them; the grant is limited to connections whose accepter is the source VPC by a condition.",
		AppliesTo: []string{`/^Resource::arn:.*:vpc-peering-connection\/\*$/`},
	})
	awsec2.NewCfnSecurityGroupIngress(c, jsii.String("WarehouseToSource"), &awsec2.CfnSecurityGroupIngressProps{
		GroupId:     jsii.String(p.SourceSecurityGroupId),
		IpProtocol:  jsii.String("tcp"),
		FromPort:    jsii.Number(p.SourcePort),
		ToPort:      jsii.Number(p.SourcePort),
		CidrIp:      jsii.String(p.TargetCidr),
		Description: jsii.String("DMS replication instances in the warehouse VPC"),
	})
	key := keys.New(c, "Key", "Encrypts the DMS source secret shared with account "+p.TargetAccount, nil)
	dms := awsiam.NewArnPrincipal(jsii.String("arn:" + *stack.Partition() + ":iam::" + p.TargetAccount + ":role/" + p.SecretsRoleName))
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("DmsOfTheWarehouseAccount"),
		Principals: &[]awsiam.IPrincipal{dms},
		Actions:    jsii.Strings("kms:Decrypt"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"kms:ViaService": "secretsmanager." + *stack.Region() + ".amazonaws.com"}},
	}), jsii.Bool(true))
	secret := NewSourceSecret(c, "Secret", key, "MySQL source of a cross-account DMS replication: replace host, port, username and password; readable by "+p.SecretsRoleName+" of "+p.TargetAccount)
	secret.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{dms},
		Actions:    jsii.Strings("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
		Resources:  jsii.Strings("*"),
	}))
	return &SourceAccess{Construct: c, Acceptor: acceptor, Secret: secret, Key: key}
}

// NewSourceSecret is a secret for a MySQL source: {"username", "host",
// "port"} to be replaced with the source's, and a generated password, so
// the template never holds a real credential. Its owner rotates it with the
// database user's password.
func NewSourceSecret(scope constructs.Construct, id string, key awskms.IKey, description string) awssecretsmanager.Secret {
	secret := awssecretsmanager.NewSecret(scope, jsii.String(id), &awssecretsmanager.SecretProps{
		Description:   jsii.String(description),
		EncryptionKey: key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(`{"username":"dms_reader","host":"mysql.example.internal","port":3306}`),
			GenerateStringKey:    jsii.String("password"),
			ExcludePunctuation:   jsii.Bool(true),
			PasswordLength:       jsii.Number(32),
		},
	})
	nag.NoRotation(secret, "This secret describes a MySQL user of a source database this stack does not manage; the source's owner rotates that password and updates the secret (a rotation function here could not change it in MySQL).")
	return secret
}
