// Package warehouse is the deployable warehouse stack (catalogue ING-06,
// ING-07, ING-24, DWH-01 to DWH-12, and ANA-05's BI user): a private
// Redshift warehouse, MySQL changes replicated into it and into the lake by
// DMS, new files loaded with manifest COPY, a daily stored procedure run by
// EventBridge Scheduler, the warehouse's SQL applied at deployment. With a source in another account
// or region (ING-07) a second stack, CdcSource, opens the source side. It is
// configured by the "warehouse" object of cdk.json.
package warehouse

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Prefixes of the staging bucket.
const (
	unloadPrefix   = "unload/"
	cdcPrefix      = "cdc/"
	manifestPrefix = "manifests/"
	// Schema holds the warehouse's tables and procedures (package sql).
	Schema = "sales"
)

// SecretsRoleName is the DMS secrets role's name in a cross-account
// replication: the source account's secret allows it by name.
const SecretsRoleName = "cdk-data-patterns-dms-secrets"

// Stack is the warehouse stack.
type Stack struct {
	awscdk.Stack
	Staging   *securebucket.SecureBucket
	Warehouse *dw.Warehouse
	Daily     awsscheduler.CfnSchedule
	// Cdc and CdcCatalog are nil when cdc.enabled is false.
	Cdc        *cdcreplication.Replication
	CdcCatalog *gluecatalog.Catalog
	// Peering connects to the source VPC (cross-account only).
	Peering awsec2.CfnVPCPeeringConnection
	// Schema and Governance apply the warehouse's SQL at deployment.
	Schema, Governance awscdk.CustomResource
	Loader             *manifestload.Loader
	// LoaderSecret is the loader's database user.
	LoaderSecret awssecretsmanager.ISecret
	// LakeLoad merges the lake's curated orders (ETL-01, ETL-20) through
	// LakeConnection as the user in LakeLoaderSecret, started by
	// LakeLoadStep in the lake's workflow.
	LakeLoad         *gluejob.GlueJob
	LakeConnection   *gluecatalog.JdbcConnection
	LakeLoaderSecret awssecretsmanager.ISecret
	LakeLoadStep     awsglue.CfnTrigger
	// LakeCustomersLoad merges the lake's unified customers (ETL-03) after
	// LakeCustomersStep's unify job; nil without Lake.Customers.
	LakeCustomersLoad *gluejob.GlueJob
	LakeCustomersStep awsglue.CfnTrigger
	// Archive exports the created MySQL source's old orders to S3 monthly
	// and ArchiveSQL creates the Spectrum schema and sales.orders_all over
	// them (STO-10); nil without a created source.
	Archive    *rdsarchive.Archive
	ArchiveSQL awscdk.CustomResource
	// Operations: pause/resume and resize, monthly tables, datashare (operations.go).
	Operations *Operations
	// Offload is what the SparkCompute stack's offload job (ETL-22) uses;
	// nil on a serverless warehouse (offload.go).
	Offload *Offload
	// OffloadSecret holds OffloadUser's (unused) password.
	OffloadSecret awssecretsmanager.ISecret
	// BiReader is the read-only user of BI tools (bireader.go); nil
	// without warehouse.biReader.
	BiReader *BiReader
	// SchedulerSecret holds SchedulerUser's (unused) password.
	SchedulerSecret awssecretsmanager.ISecret
	// EndpointSecurityGroup guards the VPC's interface endpoints (Secrets
	// Manager, Glue, KMS, Logs, Monitoring, STS; Redshift when
	// provisioned): their clients get HTTPS to it.
	EndpointSecurityGroup awsec2.ISecurityGroup
	// SourceDatabase is the MySQL source the stack creates (nil with an
	// external source or without the replication).
	SourceDatabase *mysqlsource.Database
	// Rotations are the rotation schedules of the database users'
	// secrets (SEC-08, rotation.go) by user name; empty with
	// warehouse.rotationDays 0.
	Rotations map[string]*secretrotation.Rotation
}

// New creates the stack from cfg, downstream of the lake: Spectrum reads the
// lake's published table and the lake load merges it into Redshift.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake) *Stack {
	if lake == nil {
		panic("warehouse: New needs the lake (the GlueEtl stack's published table and workflow)")
	}
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: Redshift warehouse with DMS change data capture, manifest COPY loads and scheduled procedures",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Staging = securebucket.New(stack, "Staging", &securebucket.Props{
		Encryption: securebucket.SSEKMS,
		// The offload connector's tempdir (ETL-22) is scratch: it leaves
		// its UNLOAD and COPY files behind.
		Lifecycle: &securebucket.Lifecycle{Prefix: jsii.String(OffloadPrefix), Expiration: awscdk.Duration_Days(jsii.Number(2)), NoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(1))},
	})
	wp := &dw.Props{
		Type:    dw.Type(cfg.Type),
		VpcCidr: jsii.String(cfg.VpcCidr),
		Buckets: []dw.BucketAccess{
			{Bucket: s.Staging.Bucket, Prefix: cfg.Loader.Prefix}, {Bucket: s.Staging.Bucket, Prefix: manifestPrefix},
			{Bucket: s.Staging.Bucket, Prefix: unloadPrefix, Write: true},
			// UNLOAD and COPY of the Spark offload (ETL-22).
			{Bucket: s.Staging.Bucket, Prefix: OffloadPrefix, Write: true},
			// Spectrum reads exactly the published table (and its key).
			{Bucket: lake.Bucket, Prefix: lake.Prefix},
		},
		SpectrumDatabases: []string{lake.Database},
		EncryptionKey:     s.Staging.Key,
	}
	if cfg.NodeType != "" {
		wp.NodeType = jsii.String(cfg.NodeType)
	}
	if cfg.Nodes != 0 {
		wp.Nodes = jsii.Number(cfg.Nodes)
	}
	s.Warehouse = dw.New(stack, "Warehouse", wp)
	s.Daily = s.Warehouse.Schedule("DailyProcedure", dw.ScheduleProps{Cron: cfg.DailyProcedureCron, SQL: "CALL " + Schema + ".process_daily_data();", DbUser: SchedulerUser})

	if cfg.Cdc.Enabled == nil || *cfg.Cdc.Enabled {
		s.replication(cfg)
	}
	// The loader (which checks the table name) comes before the SQL that
	// grants on that table.
	s.LoaderSecret = userSecret(s, "LoaderUserSecret", LoaderUser, "Redshift user "+LoaderUser+" of the manifest COPY loader")
	s.Loader = manifestload.New(stack, "OrdersLoader", &manifestload.Props{
		Warehouse: s.Warehouse, Bucket: s.Staging.Bucket, Prefix: cfg.Loader.Prefix, ManifestPrefix: manifestPrefix + "orders/",
		Table: cfg.Loader.Table, Format: cfg.Loader.Format, Schedule: cfg.Loader.Schedule, OnArrival: cfg.Loader.OnArrival,
		UserSecret: s.LoaderSecret, Slices: loaderSlices(cfg, s.Warehouse), SplitPrefix: loaderSplitPrefix(cfg, s.Warehouse),
	})
	s.lakeLoad(lake)
	if cfg.BiReader {
		s.biReader()
	}
	s.applySQL(cfg, lake)
	s.operations(cfg)
	s.rotation(cfg)
	// The function (not its role, which the key policy names) waits for its tables.
	s.Loader.Function.Node().AddDependency(s.Schema)
	if cfg.AlarmEmail != "" && s.Cdc != nil && s.Cdc.AlarmTopic != nil {
		s.Cdc.AlarmTopic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("WarehouseName", jsii.String(s.Warehouse.Name), "Redshift cluster identifier or serverless workgroup")
	out("WarehouseEndpoint", s.Warehouse.Endpoint, "Host name inside the VPC (port "+strconv.Itoa(int(s.Warehouse.PortNumber()))+")")
	out("StagingBucket", s.Staging.Bucket.BucketName(), "Files to load under "+cfg.Loader.Prefix+"; DMS Parquet under "+cdcPrefix)
	out("LakeLoadJob", s.LakeLoad.Job.JobName(), "Runs in the lake's workflow after its quality gate; merges the published orders into "+LakeOrdersTable)
	if s.LakeCustomersLoad != nil {
		out("LakeCustomersLoadJob", s.LakeCustomersLoad.Job.JobName(), "Runs after the lake's customer unify job; merges the unified customers into "+LakeCustomersTable)
	}
	return s
}

// replication is ING-06 (into Redshift) and ING-24 (into the lake, then a
// crawler), from a source in this account or, with ING-07, another one.
func (s *Stack) replication(cfg Config) {
	cdc := cfg.Cdc
	var secret awssecretsmanager.ISecret
	switch {
	case cdc.SourceSecretArn != "":
		attrs := &awssecretsmanager.SecretAttributes{SecretCompleteArn: jsii.String(cdc.SourceSecretArn)}
		if cdc.SourceSecretKeyArn != "" {
			attrs.EncryptionKey = awskms.Key_FromKeyArn(s.Stack, jsii.String("SourceSecretKey"), jsii.String(cdc.SourceSecretKeyArn))
		}
		secret = awssecretsmanager.Secret_FromSecretAttributes(s.Stack, jsii.String("SourceSecret"), attrs)
	case cdc.CreatesSource():
		secret = s.sourceDatabase(cfg) // sourcedb.go
	default:
		secret = cdcreplication.NewSourceSecret(s.Stack, "SourceSecret", s.Staging.Key,
			"MySQL source of the DMS replication: replace host, port, username and password with the source's (see docs)")
	}
	props := &cdcreplication.Props{
		SourceSecret:       secret,
		Schemas:            cdc.Schemas,
		Warehouse:          s.Warehouse,
		CreateAccountRoles: cdc.CreateAccountRoles,
		EncryptionKey:      s.Staging.Key,
	}
	if cdc.Lake == nil || *cdc.Lake {
		props.Lake, props.LakePrefix = s.Staging.Bucket, cdcPrefix
	}
	if cdc.CrossAccount() {
		props.SecretsRoleName = jsii.String(SecretsRoleName)
		s.Peering = peering(s.Stack, s.Warehouse, cdc)
	}
	s.Cdc = cdcreplication.New(s.Stack, "Cdc", props)
	if props.Lake != nil {
		s.CdcCatalog = gluecatalog.New(s.Stack, "CdcCatalog", &gluecatalog.Props{
			DatabaseName: jsii.String("cdc_raw"),
			Targets:      []gluecatalog.S3Target{{Bucket: s.Staging.Bucket, Prefix: cdcPrefix, Format: gluecatalog.Parquet}},
			// cdc/<schema>/<table>/YYYY/MM/DD/: one table per source table.
			SingleTable:   jsii.Bool(false),
			TableLevel:    jsii.Number(4),
			Schedule:      jsii.String("cron(15 * * * ? *)"),
			EncryptionKey: s.Staging.Key,
		})
	}
}
