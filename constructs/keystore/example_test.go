package keystore_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/keystore"
)

// The raw zone's key: the security team administers it, the ingestion
// role uses it, it rotates every 180 days and is a multi-Region primary.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Keys"), nil)
	security := awsiam.NewRole(stack, jsii.String("Security"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	ingest := awsiam.NewRole(stack, jsii.String("Ingest"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	raw := keystore.New(stack, "Raw", &keystore.Props{
		Admins:         []awsiam.IPrincipal{security},
		Users:          []awsiam.IGrantable{ingest},
		MultiRegion:    jsii.Bool(true),
		RotationPeriod: awscdk.Duration_Days(jsii.Number(180)),
		Alias:          "alias/lake/raw",
	})
	fmt.Println(*raw.Key.Node().Path(), raw.AliasName)
	// Output:
	// Keys/Raw/Key alias/lake/raw
}
