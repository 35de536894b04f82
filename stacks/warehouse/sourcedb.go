package warehouse

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
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

// SourceReaderUser is the MySQL user DMS reads the created source as (its
// password in the source's ReplicationSecret; a person creates the user
// after the deployment, docs/patterns/mysqlsource.md).
const SourceReaderUser = "dms_reader"

// sourceDatabase creates the MySQL source in the warehouse VPC and returns
// the secret the DMS source endpoint reads (the DMS user's, with host and
// port). The replication instance, created after this, may reach the
// database port: its security group is resolved at synthesis.
func (s *Stack) sourceDatabase(cfg Config) awssecretsmanager.ISecret {
	db := mysqlsource.New(s.Stack, "SourceDatabase", &mysqlsource.Props{
		Vpc:                 s.Warehouse.Vpc,
		DatabaseName:        cfg.Cdc.Schemas[0],
		ReplicationUsername: SourceReaderUser,
		EncryptionKey:       s.Staging.Key,
	})
	s.SourceDatabase = db
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
	s.archive(cfg, db)
	return db.ReplicationSecret
}

// Names of STO-10's archive: the Glue database of the exported tables, the
// Spectrum schema over it and the view joining current and archived orders.
const (
	ArchiveDatabase = "warehouse_archive"
	ArchiveSchema   = "archive"
	OrdersAllView   = "sales.orders_all"
)

// archiveColumns are the source's orders (docs/patterns/mysqlsource.md
// creates the table): what the view unites.
var archiveColumns = []string{"order_id", "customer_id", "amount", "order_date"}

// archive is STO-10: the MySQL source keeps three months of orders; every
// month its newest automated snapshot's orders table is exported to the
// staging bucket as Parquet (archive/), crawled, and read by the warehouse
// through Spectrum; the view sales.orders_all unites the replicated current
// rows (plm_db.orders, DMS) with the archived ones.
func (s *Stack) archive(cfg Config, db *mysqlsource.Database) {
	table := cfg.Cdc.Schemas[0] + ".orders"
	s.Archive = rdsarchive.New(s.Stack, "SourceArchive", &rdsarchive.Props{
		DBInstanceIdentifier: db.Identifier,
		Bucket:               s.Staging.Bucket,
		ExportOnly:           []string{table},
		DatabaseName:         jsii.String(ArchiveDatabase),
	})
	s.Archive.GrantSpectrumRead(s.Warehouse.Role)
	text, err := rdsarchive.SpectrumView{
		ExternalSchema: ArchiveSchema, GlueDatabase: ArchiveDatabase, RoleArn: *s.Warehouse.Role.RoleArn(),
		View: OrdersAllView, CurrentTable: table, ArchiveTable: strings.ReplaceAll(table, ".", "_"),
		Columns: archiveColumns, Key: []string{"order_id"}, DateColumn: "order_date",
	}.SQL()
	if err != nil {
		panic(err)
	}
	var sets [][]string
	for _, stmt := range strings.Split(text, ";") {
		if stmt = strings.TrimSpace(stmt); stmt != "" {
			sets = append(sets, []string{stmt})
		}
	}
	s.ArchiveSQL = s.Warehouse.ApplySQL("Archive", sets)
	s.ArchiveSQL.Node().AddDependency(s.Archive.Construct)
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
