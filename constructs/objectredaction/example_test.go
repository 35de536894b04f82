package objectredaction_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/objectredaction"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The e-commerce application reads the orders under raw/; the analytics
// application reads redacted copies under redacted/, each through its own
// VPC-only access point. (Existing S3 Object Lambda customers can add
// ObjectLambda and ExistingCustomer: true for redaction at read time.)
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Shop"), nil)
	orders := securebucket.New(stack, "Orders", nil)
	ecommerce := awsiam.NewRole(stack, jsii.String("ECommerce"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil)})
	analytics := awsiam.NewRole(stack, jsii.String("Analytics"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil)})
	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId: jsii.String("vpc-0a1b2c3d4e5f67890"), AvailabilityZones: jsii.Strings("eu-west-1a"),
	})
	r := objectredaction.New(stack, "Redaction", &objectredaction.Props{
		Bucket:          orders.Bucket,
		OriginalReaders: []awsiam.IGrantable{ecommerce},
		RedactedReaders: []awsiam.IGrantable{analytics},
		Vpc:             vpc,
	})
	fmt.Println(r.SourcePrefix, "→", r.RedactedPrefix)
	for _, p := range r.AccessPoints.Points {
		fmt.Println(p.ID, p.Prefix)
	}
	fmt.Println(r.ObjectLambdaAccessPoint == nil)
	// Output:
	// raw/ → redacted/
	// Original raw/
	// Redacted redacted/
	// true
}
