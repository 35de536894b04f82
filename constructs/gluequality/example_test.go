package gluequality_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluequality"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Rules for the curated orders table, checked at synthesis: a typo such as
// CustomSQL (DQDL says CustomSql) or a missing comma fails "cdk synth"
// instead of the first data quality run. The ruleset is deployed in the
// canonical form the parser renders.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Quality"), nil)
	orders := gluequality.New(stack, "Orders", &gluequality.Props{
		DatabaseName: jsii.String("lake_curated"),
		TableName:    "orders",
		Ruleset: `Rules = [IsComplete "order_id", Uniqueness "order_id" > 0.99,
			ColumnValues "status" in ["placed","shipped","delivered","returned"]]`,
	})
	fmt.Println(*orders.Ruleset.Node().Path())
	fmt.Println(orders.Parsed.String())
	// Output:
	// Quality/Orders/Ruleset
	// Rules = [
	//     IsComplete "order_id",
	//     Uniqueness "order_id" > 0.99,
	//     ColumnValues "status" in ["placed", "shipped", "delivered", "returned"]
	// ]
}

// A quality gate in the pipeline: a Glue job evaluates the ruleset on the
// curated orders and writes them under "validated/" only when every rule
// passes; otherwise the run fails and its alarm fires.
func ExampleNew_gate() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Quality"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	gate := gluequality.New(stack, "Orders", &gluequality.Props{
		DatabaseName: jsii.String("lake_curated"),
		TableName:    "orders",
		Ruleset:      `Rules = [ IsComplete "order_id", ColumnValues "amount" between 0 and 100000 ]`,
		Job: &gluequality.JobProps{
			Gate:         gluequality.GateFail,
			SourceBucket: lake.Bucket, SourcePrefix: "curated/orders/",
			TargetBucket: lake.Bucket, TargetPrefix: "validated/orders/",
		},
	})
	fmt.Println(*gate.Ruleset.Node().Path())
	fmt.Println(*gate.Job.Job.Node().Path())
	fmt.Println(*gate.Job.FailureRule.Node().Path())
	// Output:
	// Quality/Orders/Ruleset
	// Quality/Orders/Job/Job
	// Quality/Orders/Job/FailureRule
}
