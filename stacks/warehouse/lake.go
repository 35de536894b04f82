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
	// Bucket holds the table's objects; its EncryptionKey is granted.
	Bucket awss3.IBucket
	// Prefix of the published table's objects ("curated/orders/").
	Prefix string
	// Database and Table of the published table in the Glue Data Catalog.
	Database, Table string
	// Workflow is the lake's nightly workflow; Gate is its job that
	// publishes the table (the load runs after it succeeded).
	Workflow awsglue.IWorkflow
	Gate     awsglue.IJob
}

// LakeLoaderUser signs the lake load job in (the Glue connection's secret):
// it creates and drops its staging table in the schema and replaces rows of
// LakeOrdersTable, nothing else.
const LakeLoaderUser = "lake_loader"

// LakeOrdersTable receives the lake's curated orders (ETL-01, ETL-20).
const LakeOrdersTable = Schema + ".lake_orders"

// lakeColumn is a column of the curated orders: its Glue (Spark) type, which
// the load job casts to, and its Redshift type.
type lakeColumn struct{ name, glue, redshift string }

// LakeColumns are the curated orders' columns in table order: the CSV
// header order_id,customer_id,order_date,status,amount under
// raw/orders/year=YYYY/month=MM/, plus the partition columns.
var lakeColumns = []lakeColumn{
	{"order_id", "string", "VARCHAR(64) NOT NULL"},
	{"customer_id", "string", "VARCHAR(64)"},
	{"order_date", "date", "DATE"},
	{"status", "string", "VARCHAR(16)"},
	{"amount", "decimal(12,2)", "DECIMAL(12,2)"},
	{"year", "string", "CHAR(4)"},
	{"month", "string", "CHAR(2)"},
}

// lakeMergeKey identifies a row: the load replaces the rows whose keys a
// batch carries (ETL-20).
const lakeMergeKey = "order_id"

// lakeOrdersSQL creates the load's target table and grants the load user
// what the merge needs: CREATE on the schema for its staging table, SELECT,
// INSERT and DELETE on the target.
func lakeOrdersSQL() []string {
	cols := make([]string, len(lakeColumns))
	for i, c := range lakeColumns {
		cols[i] = c.name + " " + c.redshift
	}
	return []string{
		fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s, PRIMARY KEY (%s)) DISTKEY (%s) SORTKEY (order_date)",
			LakeOrdersTable, strings.Join(cols, ", "), lakeMergeKey, lakeMergeKey),
		"GRANT USAGE, CREATE ON SCHEMA " + Schema + " TO " + LakeLoaderUser,
		"GRANT SELECT, INSERT, DELETE ON " + LakeOrdersTable + " TO " + LakeLoaderUser,
	}
}

// lakeColumnsArgument is the load job's --columns.
func lakeColumnsArgument() string {
	parts := make([]string, len(lakeColumns))
	for i, c := range lakeColumns {
		parts[i] = c.name + ":" + c.glue
	}
	return strings.Join(parts, ",")
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
// fails stops the load too.
func (s *Stack) lakeLoad(cfg Config, lake *Lake) {
	w := s.Warehouse
	scope := constructs.NewConstruct(s.Stack, jsii.String("LakeLoad"))
	s.LakeLoaderSecret = userSecret(s, "LakeLoaderUserSecret", LakeLoaderUser, "Redshift user "+LakeLoaderUser+" of the lake load job (the Glue connection signs in with it)")
	url := fmt.Sprintf("jdbc:redshift://%s:%d/%s", *w.Endpoint, int(w.PortNumber()), w.DatabaseName)
	s.LakeConnection = gluecatalog.NewJdbcConnection(scope, "Connection", &gluecatalog.JdbcConnectionProps{
		URL: url, Secret: s.LakeLoaderSecret, Vpc: w.Vpc,
		Description: jsii.String("The warehouse, for the lake load job (user " + LakeLoaderUser + ")"),
	})
	w.SecurityGroup.Connections().AllowFrom(s.LakeConnection.SecurityGroup, w.Port(), jsii.String("The lake load job's Glue workers"))
	endpoints := awsec2.NewSecurityGroup(scope, jsii.String("EndpointSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              w.Vpc,
		Description:      jsii.String("Interface endpoints of the lake load job: HTTPS from its Glue workers"),
		AllowAllOutbound: jsii.Bool(false),
	})
	endpoints.Connections().AllowFrom(s.LakeConnection.SecurityGroup, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("The lake load job's Glue workers"))
	for _, id := range []string{"Glue", "Kms", "Logs", "Monitoring", "SecretsManager", "Sts"} {
		w.Vpc.AddInterfaceEndpoint(jsii.String(id), &awsec2.InterfaceVpcEndpointOptions{
			Service:           lakeEndpoints[id],
			PrivateDnsEnabled: jsii.Bool(true),
			SecurityGroups:    &[]awsec2.ISecurityGroup{endpoints},
			Subnets:           &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
			Open:              jsii.Bool(false),
		})
	}
	s.LakeLoad = gluejob.New(scope, "Job", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.S3ToRedshift),
		EncryptionKey: s.Staging.Key,
		Connections:   []awsglue.IConnection{s.LakeConnection.Connection},
		Arguments: map[string]string{
			"--database": lake.Database, "--table": lake.Table,
			"--connection":        *s.LakeConnection.Connection.ConnectionName(),
			"--target_table":      LakeOrdersTable,
			"--redshift_database": w.DatabaseName,
			"--columns":           lakeColumnsArgument(),
			"--merge_keys":        lakeMergeKey,
			"--iam_role":          *w.Role.RoleArn(),
		},
	})
	s.LakeLoad.GrantCatalogRead(lake.Database, lake.Table)
	s.LakeLoad.GrantRead(lake.Bucket, lake.Prefix)
	s.LakeConnection.GrantUse(s.LakeLoad.Role)
	// Redshift's COPY reads what the job staged under its temporary folder.
	s.LakeLoad.GrantReadTemp(w.Role)
	s.LakeLoadStep = gluecatalog.NewWorkflowStep(scope, "AfterGate", &gluecatalog.WorkflowStepProps{
		Workflow: lake.Workflow, After: lake.Gate, Job: s.LakeLoad.Job,
	})
}
