package dataapi_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dataapi"
)

func bound(v int64) *int64 { return &v }

// A data API over a Redshift Serverless workgroup: GET /orders with a
// customer id and a date range, IAM-authorized, readable by one role.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Serving"), nil)
	api := dataapi.New(stack, "OrdersApi", &dataapi.Props{
		Redshift: &dataapi.Redshift{
			WorkgroupName: "analytics",
			WorkgroupArn:  "arn:aws:redshift-serverless:eu-west-1:111122223333:workgroup/7d4e2f10-1111-4222-8333-944455556666",
			Database:      "dev",
		},
		Queries: []dataapi.Query{{
			Name: "orders",
			SQL:  "SELECT order_id, order_date, amount FROM sales.orders WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to ORDER BY order_id",
			Params: []dataapi.Param{
				{Name: "customer_id", Type: dataapi.String, Pattern: `C-[0-9]{1,10}`},
				{Name: "from", Type: dataapi.Date},
				{Name: "to", Type: dataapi.Date},
			},
		}, {
			Name:   "recent",
			SQL:    "SELECT order_id, amount FROM sales.orders WHERE order_date >= CURRENT_DATE - :days ORDER BY order_id",
			Params: []dataapi.Param{{Name: "days", Type: dataapi.Int, Min: bound(1), Max: bound(90), Default: "7"}},
		}},
	})
	reader := awsiam.NewRole(stack, jsii.String("Dashboard"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	api.GrantInvoke(reader)
	fmt.Println(api.Paths, api.StageName)
	// Output:
	// [/orders /recent] v1
}
