package findmatches_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Customer records merged from two CRMs hold the same person several
// times. A FindMatches ML transform on the unified table (teach it with
// labels, then apply it with the shipped find_matches.py job) finds them;
// labels and training data are encrypted with the lake's key.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Customers"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	matches := findmatches.New(stack, "Matches", &findmatches.Props{
		DatabaseName:  jsii.String("lake_curated"),
		TableName:     "customers_unified",
		PrimaryKey:    "record_id",
		DataBucket:    lake.Bucket,
		DataPrefix:    "unified/customers/",
		EncryptionKey: lake.Key,
	})
	fmt.Println(*matches.Transform.Node().Path())
	fmt.Println(*matches.Role.Node().Path())
	fmt.Println(*matches.SecurityConfiguration.Node().Path())
	fmt.Println(*matches.Transform.WorkerType(), *matches.Transform.NumberOfWorkers())
	// Output:
	// Customers/Matches/Transform
	// Customers/Matches/Role
	// Customers/Matches/SecurityConfiguration
	// G.2X 10
}

// The prepared customers (Parquet from DataBrew) are mapped every day at
// 05:00 UTC onto the unified table a FindMatches transform reads: the
// customer id becomes the record id, the age an integer.
func ExampleNewUnify() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Customers"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	unify := findmatches.NewUnify(stack, "Unify", &findmatches.UnifyProps{
		DatabaseName: jsii.String("lake_curated"), TableName: "customers_unified", PrimaryKey: "record_id",
		SourceBucket: lake.Bucket, SourcePrefix: "prepared/customers/",
		TargetBucket: lake.Bucket, TargetPrefix: "unified/customers/",
		Mapping: []findmatches.Mapping{
			{Source: "customer_id", SourceType: "string", Target: "record_id", TargetType: "string"},
			{Source: "email", SourceType: "string", Target: "email", TargetType: "string"},
			{Source: "age", SourceType: "string", Target: "age", TargetType: "int"},
		},
		Schedule: jsii.String("cron(0 5 * * ? *)"),
	})
	fmt.Println(*unify.Table.Node().Path())
	fmt.Println(findmatches.MappingArgument(findmatches.Unified([]findmatches.Mapping{
		{Source: "customer_id", SourceType: "string", Target: "record_id", TargetType: "string"}})))
	// Output:
	// Customers/Unify/Table
	// record_id:string:record_id:string
}
