package flinkapp_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/flink"
)

// The shipped PyFlink weblog job, reading a Kinesis stream.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Analytics"), nil)
	stream := awskinesis.NewStream(stack, jsii.String("WeblogStream"), nil)

	weblogs := flinkapp.New(stack, "Weblogs", &flinkapp.Props{
		CodeDirectory: flink.JobsDir(),
		PythonEntry:   flink.WeblogsEntry,
		JarFile:       flink.ConnectorJar,
		PyFiles:       flink.WeblogsModules,
		Parallelism:   jsii.Number(2),
		PropertyGroups: map[string]map[string]string{
			"WeblogSource": {"stream.arn": *stream.StreamArn()},
			"WeblogSink":   {"endpoint": "https://search-weblogs.example.com", "index": "weblog-stats"},
		},
		LagAlarmStreams: []string{*stream.StreamName()},
	})
	stream.GrantRead(weblogs.Role)
	fmt.Println(weblogs.Language, *weblogs.Application.RuntimeEnvironment())
	// Output:
	// PYTHON FLINK-1_20
}
