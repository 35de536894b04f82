package sparkjobs_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
)

// The scripts for an EMR Serverless job role: read access, the skew
// metrics, and the job driver of the skew job.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("SparkCompute"), nil)
	jobs := sparkjobs.New(stack, "Scripts", nil)
	role := awsiam.NewRole(stack, jsii.String("JobRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("emr-serverless.amazonaws.com"), nil),
	})
	jobs.GrantRead(role)
	jobs.GrantPutMetricData(role)
	driver := jobs.SparkDriver(sparkjobs.SkewJoin, []string{
		"--facts", "s3://lake/curated/orders/", "--dimension", "s3://lake/curated/customers/",
		"--output", "s3://lake/curated/order_totals/", "--region", "eu-west-1",
	}, "")
	fmt.Println(len(jobs.Assets), "assets")
	fmt.Println(len(driver.EntryPointArguments), "arguments")
	fmt.Println(jobs.MetricNamespace, *jobs.SkewRatioAlarm.Node().Path())
	// Output:
	// 3 assets
	// 8 arguments
	// DataPatterns/Spark SparkCompute/Scripts/SkewRatioAlarm
}
