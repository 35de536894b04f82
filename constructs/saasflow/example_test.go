package saasflow_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/saasflow"
)

// Copy Salesforce opportunities into the lake every hour, only the records
// changed since the previous run, as Parquet partitioned by day. The
// Salesforce connection "salesforce-prod" was created once in the AppFlow
// console.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Ingest"), nil)
	flow := saasflow.New(stack, "Opportunities", &saasflow.Props{
		ConnectorProfileName: "salesforce-prod",
		Object:               "Opportunity",
		Fields:               []string{"Id", "AccountId", "Amount", "StageName", "CloseDate", "LastModifiedDate"},
	})
	fmt.Println(flow.Prefix)
	fmt.Println(*flow.ConnectorProfileName)
	fmt.Println(*flow.Flow.Node().Path())
	// Output:
	// saas/salesforce/opportunity
	// salesforce-prod
	// Ingest/Opportunities/Flow
}
