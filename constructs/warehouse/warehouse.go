package warehouse

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshift"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshiftserverless"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// Warehouse is a private, encrypted, audited Redshift warehouse
// (provisioned or serverless) with its role for COPY, UNLOAD and Spectrum.
type Warehouse struct {
	constructs.Construct
	Type Type
	Vpc  awsec2.IVpc
	// SecurityGroup of the warehouse: no inbound rule until you add one
	// (SecurityGroup.Connections().AllowFrom(peer, Port())).
	SecurityGroup awsec2.ISecurityGroup
	Key           awskms.IKey
	// Role is the warehouse's IAM role for COPY, UNLOAD and Spectrum.
	Role awsiam.IRole
	// Cluster is the provisioned cluster (nil for serverless).
	Cluster awsredshift.CfnCluster
	// Namespace and Workgroup are the serverless warehouse (nil when provisioned).
	Namespace awsredshiftserverless.CfnNamespace
	Workgroup awsredshiftserverless.CfnWorkgroup
	// AdminSecretArn is the Secrets Manager secret Redshift manages for the
	// admin user of a provisioned cluster (nil for serverless, whose
	// namespace does not expose it to CloudFormation).
	AdminSecretArn *string
	// Endpoint is the host name clients connect to.
	Endpoint *string
	// DatabaseName of the first database.
	DatabaseName string
	// Name is the cluster identifier or the workgroup name.
	Name string
	// LogGroups receive the audit logs (provisioned; Redshift Serverless
	// names its own groups).
	LogGroups []awslogs.ILogGroup

	port            float64
	sqlProviderOnce customresources.Provider
	sqlRole         awsiam.IRole
	// nodeType and nodes of a provisioned cluster, for the checks of
	// scheduled resizes.
	nodeType string
	nodes    float64
	// actionRole runs the scheduled actions (created by the first one),
	// actionGrants the Redshift actions it was already allowed.
	actionRole   awsiam.Role
	actionGrants map[string]bool
}

// Defaults.
const (
	defaultPort     = 5440
	defaultDatabase = "warehouse"
	defaultAdmin    = "dwadmin"
)

// New creates the warehouse. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Warehouse {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &Warehouse{Construct: c, Type: p.Type, port: defaultPort, DatabaseName: defaultDatabase}
	if w.Type == "" {
		w.Type = Provisioned
	}
	if p.Port != nil {
		w.port = *p.Port
	}
	if p.DatabaseName != nil {
		w.DatabaseName = *p.DatabaseName
	}
	w.Key = p.EncryptionKey
	if w.Key == nil {
		w.Key = keys.NewForLogs(c, "Key", "Encrypts the data, admin secret and audit logs of the warehouse "+*c.Node().Path())
	}
	w.Vpc = p.Vpc
	if w.Vpc == nil {
		zones := 2.0
		if !*awscdk.Token_IsUnresolved(awscdk.Stack_Of(c).Region()) {
			zones = 3
		}
		cidr := ""
		if p.VpcCidr != nil {
			cidr = *p.VpcCidr
		}
		w.Vpc = network.NewIsolatedVpcWithCidr(c, "Warehouse", zones, w.Key, cidr)
	}
	if p.Subnets == nil {
		p.Subnets = network.PrivateSubnets(w.Vpc)
	}
	w.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              w.Vpc,
		Description:      jsii.String("Redshift warehouse " + *c.Node().Path() + ": no inbound rule until a client is allowed"),
		AllowAllOutbound: jsii.Bool(false),
	})
	// Enhanced VPC routing sends COPY and UNLOAD through the VPC: allow
	// HTTPS out to the S3 gateway endpoint's prefix list and within the VPC.
	w.SecurityGroup.AddEgressRule(awsec2.Peer_Ipv4(w.Vpc.VpcCidrBlock()), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to interface endpoints"), nil)
	w.Role = newRole(c, &p, w.Type)
	w.Name = physicalName(c)
	if w.Type == Serverless {
		serverless(c, w, &p)
	} else {
		provisioned(c, w, &p)
	}
	return w
}

// Port is the port the warehouse listens on.
func (w *Warehouse) Port() awsec2.Port { return awsec2.Port_Tcp(jsii.Number(w.port)) }

// PortNumber is that port as a number.
func (w *Warehouse) PortNumber() float64 { return w.port }

// physicalName is a lowercase, unique name for the cluster or workgroup
// (Redshift identifiers: letters, digits, hyphens, starting with a letter).
func physicalName(c constructs.Construct) string {
	n := strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(60), Separator: jsii.String("-")}))
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		n = "dw-" + n
	}
	return strings.TrimRight(n, "-")
}
