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
