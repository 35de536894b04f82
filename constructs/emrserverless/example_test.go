package emrserverless_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
)

// A Spark application for the lake's nightly job, started by a state
// machine that waits for the run (startJobRun.sync). The SparkCompute stack
// wraps the state in constructs/statemachine for logs, tracing and alarms.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("SparkCompute"), nil)
	lake := awss3.Bucket_FromBucketName(stack, jsii.String("Lake"), jsii.String("example-lake-bucket"))
	spark := emrserverless.New(stack, "Spark", &emrserverless.Props{
		Scripts:            []emrserverless.Location{{Bucket: lake, Prefix: "scripts/"}},
		ReadLocations:      []emrserverless.Location{{Bucket: lake, Prefix: "raw/"}},
		ReadWriteLocations: []emrserverless.Location{{Bucket: lake, Prefix: "curated/"}},
		GlueDatabases:      []string{"lake_raw", "lake_curated"},
	})
	run := spark.StartJobRun(stack, "Nightly", &emrserverless.JobRunProps{EntryPoint: "s3://example-lake-bucket/scripts/nightly.py"})
	machine := awsstepfunctions.NewStateMachine(stack, jsii.String("Pipeline"), &awsstepfunctions.StateMachineProps{
		DefinitionBody: awsstepfunctions.DefinitionBody_FromChainable(run),
	})
	spark.GrantStartJobRun(machine)
	fmt.Println(*spark.Application.ReleaseLabel(), *spark.Application.Type(), *spark.Application.Architecture())
	fmt.Println(*spark.JobRole.Node().Path())
	// Output:
	// emr-7.12.0 SPARK ARM64
	// SparkCompute/Spark/JobRole
}
