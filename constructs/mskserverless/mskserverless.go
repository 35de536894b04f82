package mskserverless

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/kafkaiam"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
)

var nameRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{0,63}$`)

// Cluster is an Amazon MSK Serverless cluster with its network.
type Cluster struct {
	constructs.Construct
	Cluster awsmsk.CfnServerlessCluster
	// Name is the cluster's name.
	Name string
	// Key encrypts the log groups the construct creates.
	Key awskms.IKey
	// ClientSubnets are the subnets of the cluster's endpoints.
	ClientSubnets []awsec2.ISubnet
	SecurityGroup awsec2.ISecurityGroup

	vpc         awsec2.IVpc
	connections awsec2.Connections
	bootstrap   *string
	props       Props
}

// New creates the cluster. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *Cluster {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr := propcheck.For("mskserverless", scope, id)
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 64 letters, digits and hyphens, starting with a letter")
	}
	pr.FiniteRetention(p.LogRetention)
	var subnets []awsec2.ISubnet
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc")
		}
	} else {
		sel := *network.PrivateOr(p.Vpc, p.VpcSubnets)
		sel.OnePerAz = jsii.Bool(true)
		var err error
		if subnets, err = network.TrySelect(p.Vpc, &sel); err != nil {
			pr.Add("VpcSubnets", err.Error(), "private subnets of Vpc in two to five zones")
		} else if n := len(subnets); n < 2 || n > 5 {
			pr.Add("VpcSubnets", fmt.Sprintf("%d zone(s)", n), "subnets in two to five zones (MSK Serverless needs at least two)")
		}
	}
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	cl := &Cluster{Construct: c, Name: p.Name, props: p}
	if cl.Name == "" {
		cl.Name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})
	}
	cl.Key = p.EncryptionKey
	if cl.Key == nil {
		cl.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the Amazon MSK Serverless cluster "+*c.Node().Path())
	} else {
		keys.AllowLogs(cl.Key)
	}
	if p.Vpc == nil {
		vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
			RestrictDefaultSecurityGroup: jsii.Bool(true),
			AvailabilityZones:            mskcluster.ThreeZones(c),
			NatGateways:                  jsii.Number(0),
			SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
				{Name: jsii.String("Clients"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
			},
		})
		flowlogs.Add(c, vpc, cl.Key, p.LogRetention)
		cl.vpc = vpc
		subnets = *vpc.SelectSubnets(&awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}).Subnets
	} else {
		cl.vpc = p.Vpc
	}
	cl.ClientSubnets = subnets
	cl.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              cl.vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Amazon MSK Serverless endpoints of " + *c.Node().Path() + ": no ingress until a client is allowed (Connections)"),
	})
	cl.connections = awsec2.NewConnections(&awsec2.ConnectionsProps{
		SecurityGroups: &[]awsec2.ISecurityGroup{cl.SecurityGroup},
		DefaultPort:    awsec2.Port_Tcp(jsii.Number(Port)),
	})
	ids := make([]*string, len(subnets))
	for i, s := range subnets {
		ids[i] = s.SubnetId()
	}
	cl.Cluster = awsmsk.NewCfnServerlessCluster(c, jsii.String("Cluster"), &awsmsk.CfnServerlessClusterProps{
		ClusterName: jsii.String(cl.Name),
		// IAM access control is the only authentication MSK Serverless has.
		ClientAuthentication: &awsmsk.CfnServerlessCluster_ClientAuthenticationProperty{
			Sasl: &awsmsk.CfnServerlessCluster_SaslProperty{
				Iam: &awsmsk.CfnServerlessCluster_IamProperty{Enabled: jsii.Bool(true)},
			},
		},
		VpcConfigs: &[]*awsmsk.CfnServerlessCluster_VpcConfigProperty{{
			SubnetIds:      &ids,
			SecurityGroups: &[]*string{cl.SecurityGroup.SecurityGroupId()},
		}},
	})
	// The topics are data: kept when the stack is deleted unless sandbox.
	cl.Cluster.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	return cl
}

// ClusterArn is the cluster's ARN (a token).
func (cl *Cluster) ClusterArn() *string { return cl.Cluster.AttrArn() }

// ClusterName is the cluster's name (a literal).
func (cl *Cluster) ClusterName() *string { return jsii.String(cl.Name) }

// BootstrapBrokers is the SASL/IAM bootstrap string ("boot-xxxx.c1.kafka-
// serverless.<region>.amazonaws.com:9098"), read at deployment with
// kafka:GetBootstrapBrokers (a token). The first call adds the custom
// resource "BootstrapBrokers".
func (cl *Cluster) BootstrapBrokers() *string {
	if cl.bootstrap == nil {
		cl.bootstrap = kafkaiam.BootstrapBrokers(cl.Construct, "BootstrapBrokers", cl.ClusterArn(), kafkaiam.SaslIam, cl.Key, cl.props.LogRetention, cl.Cluster)
	}
	return cl.bootstrap
}

// Vpc is the cluster's VPC.
func (cl *Cluster) Vpc() awsec2.IVpc { return cl.vpc }

// Subnets selects the subnets of the cluster's endpoints.
func (cl *Cluster) Subnets() *awsec2.SubnetSelection {
	return &awsec2.SubnetSelection{Subnets: &cl.ClientSubnets}
}

// Connections is the endpoints' security group, default port 9098;
// nothing may connect until allowed.
func (cl *Cluster) Connections() awsec2.Connections { return cl.connections }

// GrantConnect lets grantee connect and describe the cluster.
func (cl *Cluster) GrantConnect(grantee awsiam.IGrantable) awsiam.Grant {
	return kafkaiam.GrantConnect(grantee, cl.ClusterArn())
}

// GrantProduce lets grantee write to topic, create and describe it.
func (cl *Cluster) GrantProduce(grantee awsiam.IGrantable, topic *string) awsiam.Grant {
	return kafkaiam.GrantProduce(grantee, cl.ClusterArn(), topic)
}

// GrantConsume lets grantee read topic as a member of the consumer group.
func (cl *Cluster) GrantConsume(grantee awsiam.IGrantable, topic *string, group *string) awsiam.Grant {
	return kafkaiam.GrantConsume(grantee, cl.ClusterArn(), topic, group)
}
