package lakeformation_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The curated prefix of the lake is registered, lake_curated is tagged
// domain=sales, and analysts read the German orders without e-mail
// addresses, while every sales table is readable through its LF-tag.
func ExampleNewGrant() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lakehouse"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	analysts := awsiam.NewRole(stack, jsii.String("Analysts"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})

	settings := lakeformation.NewSettings(stack, "Settings", &lakeformation.SettingsProps{
		Admins: []string{"arn:aws:iam::111122223333:role/LakeAdmin"},
	})
	lakeformation.NewLocation(stack, "Curated", &lakeformation.LocationProps{Bucket: lake.Bucket, Prefix: "curated/", Settings: settings})
	domain := lakeformation.NewTag(stack, "Domain", &lakeformation.TagProps{Key: "domain", Values: []string{"sales", "finance"}, Settings: settings})
	lakeformation.NewTagAssociation(stack, "Tagged", &lakeformation.TagAssociationProps{
		Resource: lakeformation.Database{Name: "lake_curated"},
		Tags:     []lakeformation.TagCondition{{Tag: domain, Values: []string{"sales"}}},
		Settings: settings,
	})
	german := lakeformation.NewDataCellsFilter(stack, "GermanOrders", &lakeformation.FilterProps{
		Database: "lake_curated", Table: "orders", RowFilter: "country = 'DE'", ExcludedColumns: []string{"email"}, Settings: settings,
	})
	grant := lakeformation.NewGrant(stack, "AnalystsGerman", &lakeformation.GrantProps{
		Principal: *analysts.RoleArn(), Resource: lakeformation.Filtered{Filter: german},
		Permissions: []lakeformation.Permission{lakeformation.Select}, Settings: settings,
	})
	lakeformation.NewGrant(stack, "AnalystsSales", &lakeformation.GrantProps{
		Principal: *analysts.RoleArn(),
		Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagTables,
			Conditions: []lakeformation.TagCondition{{Tag: domain, Values: []string{"sales"}}}},
		Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}, Settings: settings,
	})
	fmt.Println(*grant.Resource.Node().Path())
	fmt.Println(*german.Resource.Node().Path())
	// Output:
	// Lakehouse/AnalystsGerman/Resource
	// Lakehouse/GermanOrders/Resource
}
