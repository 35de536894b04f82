package warehouse

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// CreatesSource reports whether the stack creates the MySQL source itself
// (warehouse.cdc.createSource, STO-03 and DWH-12's RDS halves): by default
// when no external source is configured, that is, without sourceSecretArn
// and without a source in another account. createSource false keeps the
// placeholder secret for an external MySQL in this account.
func (c CdcConfig) CreatesSource() bool {
	if c.CreateSource != nil {
		return *c.CreateSource
	}
	return c.SourceSecretArn == "" && !c.CrossAccount()
}

// checkSourceDatabase: a created source and an external one exclude each other.
func checkSourceDatabase(pr *context.Problems, c *Config) {
	cdc := c.Cdc
	if cdc.CreateSource == nil || !*cdc.CreateSource {
		return
	}
	if cdc.SourceSecretArn != "" {
		pr.Add("cdc.createSource", true, "false or unset with sourceSecretArn: the replication reads either the database this stack creates or the external source's secret")
	}
	if cdc.CrossAccount() {
		pr.Add("cdc.createSource", true, "false or unset with sourceAccount: a source in another account is deployed there (CdcSource stack), not here")
	}
}

// sourceDatabase creates the MySQL source in the warehouse VPC and returns
// the secret the DMS source endpoint reads (the DMS user's, with host and
// port). The replication instance, created after this, may reach the
// database port: its security group is resolved at synthesis.
func (s *Stack) sourceDatabase(cfg Config) awssecretsmanager.ISecret {
	db := mysqlsource.New(s.Stack, "SourceDatabase", &mysqlsource.Props{
		Vpc:           s.Warehouse.Vpc,
		DatabaseName:  cfg.Cdc.Schemas[0],
		EncryptionKey: s.Staging.Key,
	})
	port := jsii.Number(db.Port)
	awsec2.NewCfnSecurityGroupIngress(s.Stack, jsii.String("SourceDatabaseFromDms"), &awsec2.CfnSecurityGroupIngressProps{
		GroupId:               db.SecurityGroup.SecurityGroupId(),
		IpProtocol:            jsii.String("tcp"),
		FromPort:              port,
		ToPort:                port,
		SourceSecurityGroupId: awscdk.Lazy_String(&dmsSecurityGroup{s}, nil),
		Description:           jsii.String("DMS replication instance of the warehouse"),
	})
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("SourceDatabaseEndpoint", db.Instance.AttrEndpointAddress(), "MySQL source (port "+strconv.Itoa(int(db.Port))+"), reachable from inside the warehouse VPC only")
	out("SourceMasterSecretArn", db.MasterSecret.SecretArn(), "Administrator cdp_admin of the MySQL source (RDS-managed, rotated): create dms_reader and the tables with it")
	out("SourceReplicationSecretArn", db.ReplicationSecret.SecretArn(), "dms_reader's password, host and port: the DMS source endpoint reads this secret")
	return db.ReplicationSecret
}

// dmsSecurityGroup produces the replication instance's security group id
// once the replication exists.
type dmsSecurityGroup struct{ s *Stack }

func (g *dmsSecurityGroup) Produce() *string {
	if g.s.Cdc == nil {
		panic("warehouse: the source database was created without a replication")
	}
	return g.s.Cdc.SecurityGroup.SecurityGroupId()
}
