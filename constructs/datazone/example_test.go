package datazone_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datazone"
)

// The lake's raw and curated Glue databases are imported into a DataZone
// project every night; their data quality results come with them.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Catalog"), nil)
	catalog := datazone.New(stack, "Lineage", &datazone.Props{
		Databases: []string{"lake_raw", "lake_curated"},
		Schedule:  jsii.String("cron(0 4 * * ? *)"),
	})
	fmt.Println(*catalog.Domain.Node().Path())
	fmt.Println(*catalog.Blueprint.EnvironmentBlueprintIdentifier())
	fmt.Println(*catalog.DataSource.Type())
	// Output:
	// Catalog/Lineage/Domain
	// DefaultDataLake
	// GLUE
}
