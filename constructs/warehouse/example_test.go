package warehouse_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// A private, encrypted, audited Redshift cluster (two ra3.large nodes in a
// new isolated VPC, port 5440, admin password managed and rotated by
// Secrets Manager) whose role may COPY from "incoming/", UNLOAD to
// "exports/", and read the "lake_curated" Glue database through Spectrum.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	staging := securebucket.New(stack, "Staging", &securebucket.Props{Encryption: securebucket.SSEKMS})
	dwh := warehouse.New(stack, "Warehouse", &warehouse.Props{
		Buckets: []warehouse.BucketAccess{
			{Bucket: staging.Bucket, Prefix: "incoming/"},
			{Bucket: staging.Bucket, Prefix: "exports/", Write: true},
		},
		SpectrumDatabases: []string{"lake_curated"},
		EncryptionKey:     staging.Key,
	})
	fmt.Printf("type=%s database=%s port=%v\n", dwh.Type, dwh.DatabaseName, dwh.PortNumber())
	fmt.Println(*dwh.Cluster.Node().Path())
	fmt.Println(*dwh.Vpc.Node().Path())
	fmt.Println(*dwh.SecurityGroup.Node().Path())
	fmt.Println(*dwh.Role.Node().Path())
	for _, logs := range dwh.LogGroups {
		fmt.Println(*logs.Node().Path())
	}
	// Output:
	// type=provisioned database=warehouse port=5440
	// Dwh/Warehouse/Cluster
	// Dwh/Warehouse/Vpc
	// Dwh/Warehouse/SecurityGroup
	// Dwh/Warehouse/Role
	// Dwh/Warehouse/AuditLog-connectionlog
	// Dwh/Warehouse/AuditLog-userlog
	// Dwh/Warehouse/AuditLog-useractivitylog
}

// A serverless warehouse (8 to 64 RPUs, billed while queries run) for a
// small team.
func ExampleNew_serverless() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	dwh := warehouse.New(stack, "Warehouse", &warehouse.Props{Type: warehouse.Serverless})
	fmt.Printf("type=%s database=%s port=%v\n", dwh.Type, dwh.DatabaseName, dwh.PortNumber())
	fmt.Println(*dwh.Namespace.Node().Path())
	fmt.Println(*dwh.Workgroup.Node().Path())
	// Output:
	// type=serverless database=warehouse port=5440
	// Dwh/Warehouse/Namespace
	// Dwh/Warehouse/Workgroup
}

// The daily stored procedure runs at 02:00 UTC through EventBridge
// Scheduler and the Redshift Data API, as the database user
// "etl_scheduler": no Lambda function, no Query Editor setting outside
// the template.
func ExampleWarehouse_Schedule() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	dwh := warehouse.New(stack, "Warehouse", nil)
	daily := dwh.Schedule("Daily", warehouse.ScheduleProps{
		Cron: "cron(0 2 * * ? *)",
		SQL:  "CALL sales.process_daily_data();",
	})
	fmt.Println(*daily.Node().Path())
	fmt.Println(*daily.ScheduleExpression(), *daily.ScheduleExpressionTimezone())
	// Output:
	// Dwh/Warehouse/Daily
	// cron(0 2 * * ? *) UTC
}

// The schema is applied at deployment, one transaction per statement set,
// and again whenever the SQL changes; a failing statement fails the
// deployment.
func ExampleWarehouse_ApplySQL() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	dwh := warehouse.New(stack, "Warehouse", nil)
	schema := dwh.ApplySQL("Schema", [][]string{
		{"CREATE SCHEMA IF NOT EXISTS sales;"},
		{"CREATE TABLE IF NOT EXISTS sales.orders (order_id varchar(36), amount decimal(12,2), sold_at timestamp);"},
	})
	fmt.Println(*schema.Node().Path())
	// Output:
	// Dwh/Warehouse/Schema
}
