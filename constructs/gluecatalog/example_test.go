package gluecatalog_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The raw CSV orders under "raw/orders/" (partition folders year=/month=
// below it) become one table of the "lake_raw" database, which a crawler
// updates every night at 02:00 UTC.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Catalog"), nil)
	lake := securebucket.New(stack, "Lake", nil)
	raw := gluecatalog.New(stack, "Raw", &gluecatalog.Props{
		DatabaseName: jsii.String("lake_raw"),
		Targets:      []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "raw/orders/", Format: gluecatalog.CSV}},
		Schedule:     jsii.String("cron(0 2 * * ? *)"),
	})
	fmt.Println(*raw.Database.Node().Path())
	fmt.Println(*raw.Crawler.Node().Path())
	fmt.Println(*raw.Role.Node().Path())
	// Output:
	// Catalog/Raw/Database
	// Catalog/Raw/Crawler
	// Catalog/Raw/Role
}

// A nightly workflow: the crawler catalogues the new raw files, then the
// shipped csv_to_parquet.py job curates them; each step starts when the one
// before succeeded.
func ExampleNewWorkflow() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Catalog"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	raw := gluecatalog.New(stack, "Raw", &gluecatalog.Props{
		DatabaseName: jsii.String("lake_raw"),
		Targets:      []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "raw/orders/", Format: gluecatalog.CSV}},
	})
	curate := gluejob.New(stack, "Curate", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.CSVToParquet),
		EncryptionKey: lake.Key,
		Arguments: map[string]string{
			"--database": "lake_raw", "--table": "orders", "--partition_keys": "year,month",
			"--target_path": *lake.Bucket.S3UrlForObject(jsii.String("curated/orders/")),
		},
	})
	curate.GrantCatalogRead("lake_raw", "orders")
	curate.GrantRead(lake.Bucket, "raw/orders/")
	curate.GrantWrite(lake.Bucket, "curated/orders/")
	nightly := gluecatalog.NewWorkflow(stack, "Nightly", &gluecatalog.WorkflowProps{
		Schedule: jsii.String("cron(0 2 * * ? *)"),
		Crawler:  raw,
		Job:      curate.Job,
	})
	fmt.Println(*nightly.Workflow.Node().Path())
	for _, child := range *nightly.Workflow.Node().Children() {
		if *child.Node().Id() != "Resource" { // the triggers
			fmt.Println(*child.Node().Path())
		}
	}
	// Output:
	// Catalog/Nightly/Workflow
	// Catalog/Nightly/Workflow/Start
	// Catalog/Nightly/Workflow/AfterCrawler
}

// A Glue connection to a Redshift cluster in a new isolated VPC: the
// credentials stay in Secrets Manager and Glue connects with TLS only.
func ExampleNewJdbcConnection() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Catalog"), nil)
	secret := awssecretsmanager.NewSecret(stack, jsii.String("RedshiftLogin"), nil)
	redshift := gluecatalog.NewJdbcConnection(stack, "Redshift", &gluecatalog.JdbcConnectionProps{
		URL:    "jdbc:redshift://warehouse.example.internal:5439/dev",
		Secret: secret,
	})
	fmt.Println(*redshift.Connection.Node().Path())
	fmt.Println(*redshift.SecurityGroup.Node().Path())
	fmt.Println(*redshift.Vpc.Node().Path())
	// Output:
	// Catalog/Redshift/Connection
	// Catalog/Redshift/SecurityGroup
	// Catalog/Redshift/Vpc
}

// A schema registry with the Avro schema of customer records; new versions
// must stay backward compatible.
func ExampleNewSchemaRegistry() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Catalog"), nil)
	registry := gluecatalog.NewSchemaRegistry(stack, "Schemas", &gluecatalog.SchemaRegistryProps{
		Schemas: []gluecatalog.SchemaDefinition{{
			Name:       "customer",
			DataFormat: "AVRO",
			Definition: `{"type":"record","name":"Customer","fields":[{"name":"customer_id","type":"string"}]}`,
		}},
	})
	fmt.Println(*registry.Registry.Node().Path())
	fmt.Println(*registry.Schemas["customer"].Node().Path())
	fmt.Println(*registry.Schemas["customer"].Compatibility())
	// Output:
	// Catalog/Schemas/Registry
	// Catalog/Schemas/Schema-customer
	// BACKWARD
}
