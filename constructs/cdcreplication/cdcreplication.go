package cdcreplication

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// Replication is a DMS full load + CDC replication from MySQL into Redshift
// and/or the lake.
type Replication struct {
	constructs.Construct
	Instance      awsdms.CfnReplicationInstance
	SecurityGroup awsec2.ISecurityGroup
	Source        awsdms.CfnEndpoint
	// WarehouseTarget, WarehouseTask and WarehouseSecret: nil without a warehouse.
	WarehouseTarget awsdms.CfnEndpoint
	WarehouseTask   awsdms.CfnReplicationTask
	WarehouseSecret awssecretsmanager.ISecret
	// LakeTarget and LakeTask: nil without a lake.
	LakeTarget awsdms.CfnEndpoint
	LakeTask   awsdms.CfnReplicationTask
	// SecretsRole lets DMS read the endpoint secrets.
	SecretsRole awsiam.IRole
	// AccountRoles are nil when CreateAccountRoles is false.
	AccountRoles *AccountRoles
	Key          awskms.IKey
	// AlarmTopic is notified by the alarms below; it and they are nil when
	// alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it; nil
	// with your own AlarmTopic or when alarms are off.
	AlarmTopicKey awskms.IKey
	// WarehouseCDCLatencySourceAlarm and WarehouseCDCLatencyTargetAlarm
	// fire when the warehouse task's CDCLatencySource (the source's newest
	// change vs. what DMS read) or CDCLatencyTarget (what DMS read vs. what
	// Redshift committed), maximum over 5 minutes, is above MaxLatency; nil
	// without a warehouse.
	WarehouseCDCLatencySourceAlarm awscloudwatch.IAlarm
	WarehouseCDCLatencyTargetAlarm awscloudwatch.IAlarm
	// LakeCDCLatencySourceAlarm and LakeCDCLatencyTargetAlarm are the same
	// for the lake task; nil without a lake.
	LakeCDCLatencySourceAlarm awscloudwatch.IAlarm
	LakeCDCLatencyTargetAlarm awscloudwatch.IAlarm
}

// DefaultInstanceClass is small enough for a sandbox and the notes' volumes.
const DefaultInstanceClass = "dms.t3.medium"

// New creates the replication. Invalid props, including task settings
// that DMS would ignore or reject, fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Replication {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr, settings := check(scope, id, &p)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &Replication{Construct: c, Key: p.EncryptionKey}
	if r.Key == nil {
		r.Key = keys.NewForLogs(c, "Key", "Encrypts the replication instance, secrets and lake objects of "+*c.Node().Path())
	}
	vpc := p.Vpc
	if vpc == nil {
		vpc = p.Warehouse.Vpc
	}
	subnets := p.Subnets
	if subnets == nil {
		subnets = network.PrivateSubnets(vpc)
	}
	if p.CreateAccountRoles == nil || *p.CreateAccountRoles {
		r.AccountRoles = NewAccountRoles(c, "AccountRoles")
	}
	r.instance(c, &p, vpc, subnets)
	r.SecretsRole = secretsRole(c, p.SecretsRoleName)
	r.Source = r.source(c, &p)
	if p.Warehouse != nil {
		r.warehouse(c, &p, settings)
	}
	if p.Lake != nil {
		r.lake(c, &p, settings)
	}
	r.alarms(c, &p)
	return r
}

func (r *Replication) instance(c constructs.Construct, p *Props, vpc awsec2.IVpc, subnets *awsec2.SubnetSelection) {
	r.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              vpc,
		Description:      jsii.String("DMS replication instance of " + *c.Node().Path()),
		AllowAllOutbound: jsii.Bool(true),
	})
	group := awsdms.NewCfnReplicationSubnetGroup(c, jsii.String("SubnetGroup"), &awsdms.CfnReplicationSubnetGroupProps{
		ReplicationSubnetGroupDescription: jsii.String("Private subnets of " + *c.Node().Path()),
		SubnetIds:                         vpc.SelectSubnets(subnets).SubnetIds,
	})
	class := p.InstanceClass
	if class == nil {
		class = jsii.String(DefaultInstanceClass)
	}
	storage := p.AllocatedStorage
	if storage == nil {
		storage = jsii.Number(50)
	}
	r.Instance = awsdms.NewCfnReplicationInstance(c, jsii.String("Instance"), &awsdms.CfnReplicationInstanceProps{
		ReplicationInstanceClass:         class,
		AllocatedStorage:                 storage,
		MultiAz:                          p.MultiAz != nil && *p.MultiAz,
		PubliclyAccessible:               false,
		KmsKeyId:                         r.Key.KeyArn(),
		ReplicationSubnetGroupIdentifier: group.Ref(),
		VpcSecurityGroupIds:              &[]*string{r.SecurityGroup.SecurityGroupId()},
		AutoMinorVersionUpgrade:          true,
		ReplicationInstanceIdentifier:    jsii.String(name(c, "instance")),
	})
	if r.AccountRoles != nil {
		// DMS looks dms-vpc-role up when it creates the subnet group.
		group.Node().AddDependency(r.AccountRoles.Vpc, r.AccountRoles.CloudWatchLogs)
	}
	if p.Warehouse != nil {
		p.Warehouse.SecurityGroup.Connections().AllowFrom(r.SecurityGroup, p.Warehouse.Port(), jsii.String("DMS replication instance"))
	}
}

// secretsRole lets DMS read endpoint secrets; DMS assumes it through its
// regional service principal.
func secretsRole(c constructs.Construct, roleName *string) awsiam.Role {
	region := awscdk.Stack_Of(c).Region()
	return awsiam.NewRole(c, jsii.String("SecretsRole"), &awsiam.RoleProps{
		RoleName:    roleName,
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("dms."+*region+".amazonaws.com"), nil),
		Description: jsii.String("Lets DMS read the endpoint secrets of " + *c.Node().Path()),
	})
}

func (r *Replication) source(c constructs.Construct, p *Props) awsdms.CfnEndpoint {
	p.SourceSecret.GrantRead(r.SecretsRole, nil)
	engine := p.SourceEngine
	if engine == "" {
		engine = "mysql"
	}
	return awsdms.NewCfnEndpoint(c, jsii.String("Source"), &awsdms.CfnEndpointProps{
		EndpointType: jsii.String("source"),
		EngineName:   jsii.String(engine),
		SslMode:      jsii.String("require"),
		MySqlSettings: &awsdms.CfnEndpoint_MySqlSettingsProperty{
			SecretsManagerSecretId:      p.SourceSecret.SecretArn(),
			SecretsManagerAccessRoleArn: r.SecretsRole.RoleArn(),
		},
		EndpointIdentifier: jsii.String(name(c, "source")),
	})
}

// name is a DMS identifier: lowercase letters, digits and single hyphens,
// starting with a letter, unique to the construct.
func name(c constructs.Construct, suffix string) string {
	n := strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(50), Separator: jsii.String("-")}))
	for strings.Contains(n, "--") {
		n = strings.ReplaceAll(n, "--", "-")
	}
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		n = "dms-" + n
	}
	return strings.TrimRight(n, "-") + "-" + suffix
}
