package gluecatalog

import (
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// JdbcConnectionProps configure a JdbcConnection (catalogue CAT-05). URL and
// Secret are required; without Vpc the connection gets a new isolated one.
type JdbcConnectionProps struct {
	// URL is the JDBC URL, e.g. "jdbc:redshift://host:5439/dev" or
	// "jdbc:postgresql://host:5432/sales".
	URL string
	// Secret holds the credentials as {"username": ..., "password": ...}
	// (SECRET_ID): a password never appears in the template.
	Secret awssecretsmanager.ISecret
	// Vpc the database is reachable in.
	// @default a new VPC with isolated subnets in two zones, an S3 gateway
	// endpoint (Glue jobs in a VPC read and write S3 through it) and flow
	// logs; create the database in it
	Vpc awsec2.IVpc
	// EncryptionKey encrypts the new VPC's flow logs.
	// @default a new key
	EncryptionKey awskms.IKey
	// Subnet the jobs and crawlers get their network interfaces in; it needs
	// a route to the database and an S3 gateway endpoint.
	// @default the first private (isolated, else with egress) subnet of Vpc
	Subnet awsec2.ISubnet
	// SecurityGroup of those network interfaces. Glue requires a
	// self-referencing rule allowing all TCP; the new group has it.
	// @default a new security group with that rule
	SecurityGroup awsec2.ISecurityGroup
	// EnforceSSL makes Glue connect with TLS only (JDBC_ENFORCE_SSL).
	// @default true
	EnforceSSL *bool
	// Properties are further connection properties. USERNAME and PASSWORD
	// are refused: credentials come from Secret.
	Properties map[string]string
	// Description of the connection.
	Description *string
}

// JdbcConnection is a Glue JDBC connection with its network placement.
type JdbcConnection struct {
	constructs.Construct
	Connection    awsglue.IConnection
	SecurityGroup awsec2.ISecurityGroup
	Secret        awssecretsmanager.ISecret
	// Vpc is the given or new VPC.
	Vpc awsec2.IVpc
}

// NewJdbcConnection creates the connection.
func NewJdbcConnection(scope constructs.Construct, id string, props *JdbcConnectionProps) *JdbcConnection {
	p := JdbcConnectionProps{}
	if props != nil {
		p = *props
	}
	checkConnection(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	if p.Vpc == nil {
		key := p.EncryptionKey
		if key == nil {
			key = keys.NewForLogs(c, "Key", "Encrypts the flow logs of "+*c.Node().Path())
		}
		p.Vpc = network.NewIsolatedVpc(c, "Data", 2, key)
	}
	sg := p.SecurityGroup
	if sg == nil {
		g := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
			Vpc:              p.Vpc,
			Description:      jsii.String("Glue network interfaces of " + *c.Node().Path()),
			AllowAllOutbound: jsii.Bool(true),
		})
		// Glue's requirement: its interfaces talk to each other on all TCP ports.
		g.AddIngressRule(g, awsec2.Port_AllTcp(), jsii.String("Glue workers of this connection"), nil)
		sg = g
	}
	placement := awsglue.ConnectionNetwork_Vpc(p.Vpc, network.PrivateSubnets(p.Vpc))
	if p.Subnet != nil {
		placement = awsglue.ConnectionNetwork_Subnet(p.Subnet)
	}
	properties := map[string]*string{"JDBC_CONNECTION_URL": jsii.String(p.URL)}
	ssl := p.EnforceSSL == nil || *p.EnforceSSL
	properties["JDBC_ENFORCE_SSL"] = jsii.String(map[bool]string{true: "true", false: "false"}[ssl])
	for k, v := range p.Properties {
		properties[k] = jsii.String(v)
	}
	description := p.Description
	if description == nil {
		description = jsii.String("JDBC connection " + *c.Node().Path() + " (credentials in Secrets Manager)")
	}
	conn := awsglue.NewConnection(c, jsii.String("Connection"), &awsglue.ConnectionProps{
		Type:           awsglue.ConnectionType_JDBC(),
		Properties:     &properties,
		Secret:         p.Secret,
		Network:        placement,
		SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		Description:    description,
	})
	return &JdbcConnection{Construct: c, Connection: conn, SecurityGroup: sg, Secret: p.Secret, Vpc: p.Vpc}
}

// GrantUse lets a job's or crawler's role use the connection: read the
// connection and its secret.
func (j *JdbcConnection) GrantUse(role awsiam.IRole) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:GetConnection"),
		Resources: &[]*string{j.Connection.ConnectionArn()},
	}))
	j.Secret.GrantRead(role, nil)
}

var credentialProperties = []string{"PASSWORD", "USERNAME", "ENCRYPTED_PASSWORD"}

func checkConnection(scope constructs.Construct, id string, p *JdbcConnectionProps) *propcheck.Problems {
	pr := propcheck.For("gluecatalog.JdbcConnection", scope, id)
	if !strings.HasPrefix(p.URL, "jdbc:") {
		pr.Add("URL", p.URL, `a JDBC URL starting with "jdbc:" (jdbc:redshift://host:5439/dev)`)
	}
	if p.Secret == nil {
		pr.Add("Secret", "nil", `a Secrets Manager secret holding {"username": ..., "password": ...}`)
	}
	for k := range p.Properties {
		if slices.Contains(credentialProperties, strings.ToUpper(k)) {
			pr.Add("Properties["+k+"]", "<inline credential>", "no inline user name or password: anyone who can read the stack or the connection reads it; put it in Secret")
		}
		if strings.ToUpper(k) == "JDBC_CONNECTION_URL" || strings.ToUpper(k) == "JDBC_ENFORCE_SSL" {
			pr.Add("Properties["+k+"]", p.Properties[k], "set it through URL or EnforceSSL")
		}
	}
	return pr
}
