package warehouse

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// Lake is what the warehouse takes from the lake stack (GlueEtl) by
// cross-stack reference: the published (curated) table, the bucket and
// prefix under it, and the lake's nightly workflow with the quality gate
// that publishes. The lake is upstream: GlueEtl deploys first and never
// refers to the warehouse.
type Lake struct {
	// Bucket holds the tables' objects; its EncryptionKey is granted.
	Bucket awss3.IBucket
	// Prefix of the published table's objects ("curated/orders/").
	Prefix string
	// Database and Table of the published table in the Glue Data Catalog.
	Database, Table string
	// Workflow is the lake's nightly workflow; Gate is its job that
	// publishes the table (the load runs after it succeeded).
	Workflow awsglue.IWorkflow
	Gate     awsglue.IJob
	// Customers is the lake's unified customer table (DataBrew-prepared,
	// mapped by the unify job), loaded into LakeCustomersTable after the
	// job that fills it (ETL-03); nil loads no customers.
	Customers *LakeTable
}

// LakeTable is a lake table the warehouse loads and the workflow step after
// which it loads.
type LakeTable struct {
	// Prefix of the table's objects in Lake.Bucket.
	Prefix string
	// Database and Table in the Glue Data Catalog.
	Database, Table string
	// Workflow runs After, the job that writes the table.
	Workflow awsglue.IWorkflow
	After    awsglue.IJob
}

// LakeLoaderUser signs the lake load jobs in (the Glue connection's
// secret): it creates and drops its staging tables in the schema and
// replaces rows of the lake tables, nothing else.
const LakeLoaderUser = "lake_loader"

// LakeOrdersTable receives the lake's curated orders (ETL-01, ETL-20);
// LakeCustomersTable the DataBrew-prepared, unified customers (ETL-03).
const (
	LakeOrdersTable    = Schema + ".lake_orders"
	LakeCustomersTable = Schema + ".lake_customers"
)

// lakeColumn is a column of a lake table: its Glue (Spark) type, which the
// load job casts to, and its Redshift type.
type lakeColumn struct{ name, glue, redshift string }

// lakeLoadSpec is one lake table merged into one Redshift table.
type lakeLoadSpec struct {
	target   string
	columns  []lakeColumn
	mergeKey string // identifies a row: a batch replaces the rows with its keys (ETL-20)
	sortKey  string
}

// lakeOrders: the curated orders' columns in table order, the CSV header
// order_id,customer_id,order_date,status,amount under
// raw/orders/year=YYYY/month=MM/, plus the partition columns.
var lakeOrders = lakeLoadSpec{
	target: LakeOrdersTable,
	columns: []lakeColumn{
		{"order_id", "string", "VARCHAR(64) NOT NULL"},
		{"customer_id", "string", "VARCHAR(64)"},
		{"order_date", "date", "DATE"},
		{"status", "string", "VARCHAR(16)"},
		{"amount", "decimal(12,2)", "DECIMAL(12,2)"},
		{"year", "string", "CHAR(4)"},
		{"month", "string", "CHAR(2)"},
	},
	mergeKey: "order_id", sortKey: "order_date",
}

// lakeCustomers: the unified customers' columns (GlueEtl's customer
// mapping: the customer id as record_id, the masked name and e-mail, age).
var lakeCustomers = lakeLoadSpec{
	target: LakeCustomersTable,
	columns: []lakeColumn{
		{"record_id", "string", "VARCHAR(64) NOT NULL"},
		{"name", "string", "VARCHAR(256)"},
		{"email", "string", "VARCHAR(256)"},
		{"age", "int", "INTEGER"},
	},
	mergeKey: "record_id", sortKey: "record_id",
}

// sql creates the load's target table and grants the load user SELECT,
// INSERT and DELETE on it: what the merge needs.
func (l lakeLoadSpec) sql() []string {
	cols := make([]string, len(l.columns))
	for i, c := range l.columns {
		cols[i] = c.name + " " + c.redshift
	}
	return []string{
		fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s, PRIMARY KEY (%s)) DISTKEY (%s) SORTKEY (%s)",
			l.target, strings.Join(cols, ", "), l.mergeKey, l.mergeKey, l.sortKey),
		"GRANT SELECT, INSERT, DELETE ON " + l.target + " TO " + LakeLoaderUser,
	}
}

// columnsArgument is the load job's --columns.
func (l lakeLoadSpec) columnsArgument() string {
	parts := make([]string, len(l.columns))
	for i, c := range l.columns {
		parts[i] = c.name + ":" + c.glue
	}
	return strings.Join(parts, ",")
}

// lakeTablesSQL creates every table the lake loads into, and lets the load
// user create its staging tables (CREATE on the schema).
func lakeTablesSQL(lake *Lake) []string {
	out := append([]string{"GRANT USAGE, CREATE ON SCHEMA " + Schema + " TO " + LakeLoaderUser}, lakeOrders.sql()...)
	if lake.Customers != nil {
		out = append(out, lakeCustomers.sql()...)
	}
	return out
}

// lakeEndpoints are the interface endpoints a Glue job needs in the
// warehouse's isolated VPC (S3 goes through the gateway endpoint): the Glue
// API (catalog, bookmarks, the connection), Secrets Manager (the
// connection's secret), CloudWatch Logs and metrics, KMS and STS.
var lakeEndpoints = map[string]awsec2.InterfaceVpcEndpointAwsService{
	"Glue":           awsec2.InterfaceVpcEndpointAwsService_GLUE(),
	"SecretsManager": awsec2.InterfaceVpcEndpointAwsService_SECRETS_MANAGER(),
	"Logs":           awsec2.InterfaceVpcEndpointAwsService_CLOUDWATCH_LOGS(),
	"Monitoring":     awsec2.InterfaceVpcEndpointAwsService_CLOUDWATCH_MONITORING(),
	"Kms":            awsec2.InterfaceVpcEndpointAwsService_KMS(),
	"Sts":            awsec2.InterfaceVpcEndpointAwsService_STS(),
}

// lakeLoad is ETL-01 with ETL-20: after the lake's gate published new
// curated orders, a Glue job with bookmarks merges them into
// LakeOrdersTable through a JDBC connection in the warehouse's VPC, signed
// in as LakeLoaderUser. The job joins the lake's workflow, so a gate that
// fails stops the load too. With lake.Customers, a second job merges the
// unified customers into LakeCustomersTable after the unify job (ETL-03).
func (s *Stack) lakeLoad(lake *Lake) {
	w := s.Warehouse
	scope := constructs.NewConstruct(s.Stack, jsii.String("LakeLoad"))
	s.LakeLoaderSecret = userSecret(s, "LakeLoaderUserSecret", LakeLoaderUser, "Redshift user "+LakeLoaderUser+" of the lake load jobs (the Glue connection signs in with it)")
	url := fmt.Sprintf("jdbc:redshift://%s:%d/%s", *w.Endpoint, int(w.PortNumber()), w.DatabaseName)
	s.LakeConnection = gluecatalog.NewJdbcConnection(scope, "Connection", &gluecatalog.JdbcConnectionProps{
		URL: url, Secret: s.LakeLoaderSecret, Vpc: w.Vpc,
		Description: jsii.String("The warehouse, for the lake load jobs (user " + LakeLoaderUser + ")"),
	})
	w.SecurityGroup.Connections().AllowFrom(s.LakeConnection.SecurityGroup, w.Port(), jsii.String("The lake load jobs' Glue workers"))
	endpoints := awsec2.NewSecurityGroup(scope, jsii.String("EndpointSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              w.Vpc,
		Description:      jsii.String("Interface endpoints of the lake load jobs: HTTPS from their Glue workers"),
		AllowAllOutbound: jsii.Bool(false),
	})
	s.EndpointSecurityGroup = endpoints
	endpoints.Connections().AllowFrom(s.LakeConnection.SecurityGroup, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("The lake load jobs' Glue workers"))
	for _, id := range []string{"Glue", "Kms", "Logs", "Monitoring", "SecretsManager", "Sts"} {
		w.Vpc.AddInterfaceEndpoint(jsii.String(id), &awsec2.InterfaceVpcEndpointOptions{
			Service:           lakeEndpoints[id],
			PrivateDnsEnabled: jsii.Bool(true),
			SecurityGroups:    &[]awsec2.ISecurityGroup{endpoints},
			Subnets:           &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
			Open:              jsii.Bool(false),
		})
	}
	s.offload(endpoints)
	orders := LakeTable{Prefix: lake.Prefix, Database: lake.Database, Table: lake.Table, Workflow: lake.Workflow, After: lake.Gate}
	s.LakeLoad, s.LakeLoadStep = s.lakeLoadJob(scope, "Job", "AfterGate", lake.Bucket, orders, lakeOrders)
	if lake.Customers != nil {
		s.LakeCustomersLoad, s.LakeCustomersStep = s.lakeLoadJob(scope, "CustomersJob", "AfterUnify", lake.Bucket, *lake.Customers, lakeCustomers)
	}
}

// lakeLoadJob is the Glue job merging the lake table src into spec's
// target, and its trigger after src.After in src.Workflow.
func (s *Stack) lakeLoadJob(scope constructs.Construct, id, stepID string, bucket awss3.IBucket, src LakeTable, spec lakeLoadSpec) (*gluejob.GlueJob, awsglue.CfnTrigger) {
	w := s.Warehouse
	job := gluejob.New(scope, id, &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.S3ToRedshift),
		EncryptionKey: s.Staging.Key,
		Connections:   []awsglue.IConnection{s.LakeConnection.Connection},
		Arguments: map[string]string{
			"--database": src.Database, "--table": src.Table,
			"--connection":        *s.LakeConnection.Connection.ConnectionName(),
			"--target_table":      spec.target,
			"--redshift_database": w.DatabaseName,
			"--columns":           spec.columnsArgument(),
			"--merge_keys":        spec.mergeKey,
			"--iam_role":          *w.Role.RoleArn(),
		},
	})
	job.GrantCatalogRead(src.Database, src.Table)
	job.GrantRead(bucket, src.Prefix)
	s.LakeConnection.GrantUse(job.Role)
	// Redshift's COPY reads what the job staged under its temporary folder.
	job.GrantReadTemp(w.Role)
	step := gluecatalog.NewWorkflowStep(scope, stepID, &gluecatalog.WorkflowStepProps{
		Workflow: src.Workflow, After: src.After, Job: job.Job,
	})
	return job, step
}
