package quicksight_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/quicksight"
)

// A SPICE dataset over the warehouse's sales mart, refreshed every night,
// owned by the analyst and readable by the finance group. QuickSight
// reaches Redshift through a VPC connection in the warehouse's VPC.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Serving"), nil)
	net := datavpc.New(stack, "Network", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0)})
	warehouse := awsec2.NewSecurityGroup(stack, jsii.String("Warehouse"), &awsec2.SecurityGroupProps{Vpc: net.Vpc})
	sales := quicksight.New(stack, "Sales", &quicksight.Props{
		Redshift: &quicksight.Redshift{
			Vpc: net.Vpc, Warehouse: warehouse,
			Host: "lake.abc123.eu-west-1.redshift.amazonaws.com", Database: "analytics",
			Secret: awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("QuickSightUser"), jsii.String("warehouse/quicksight")),
		},
		OwnerArn:   "arn:aws:quicksight:us-east-1:111122223333:user/default/analyst",
		ReaderArns: []string{"arn:aws:quicksight:us-east-1:111122223333:group/default/finance"},
		Table: &quicksight.Table{Schema: "mart", Name: "sales", Columns: []quicksight.Column{
			{Name: "order_id", Type: "STRING"}, {Name: "amount", Type: "DECIMAL"}, {Name: "ordered_at", Type: "DATETIME"},
		}},
	})
	fmt.Println(*sales.DataSet.ImportMode())
	fmt.Println(*sales.RefreshSchedule.Node().Path())
	// Output:
	// SPICE
	// Serving/Sales/RefreshSchedule
}
