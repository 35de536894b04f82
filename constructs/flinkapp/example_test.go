package flinkapp_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
)

// A PyFlink job from a local folder reading a Kinesis stream.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Analytics"), nil)
	stream := awskinesis.NewStream(stack, jsii.String("WeblogStream"), nil)

	weblogs := flinkapp.New(stack, "Weblogs", &flinkapp.Props{
		CodeDirectory: "flink/jobs",
		PythonEntry:   "weblogs.py",
		JarFile:       "lib/flink-connectors.jar",
		PyFiles:       []string{"appprops.py", "logparse.py"},
		Parallelism:   jsii.Number(2),
		PropertyGroups: map[string]map[string]string{
			"WeblogSource": {"stream.arn": *stream.StreamArn()},
			"WeblogSink":   {"endpoint": "https://search-weblogs.example.com", "index": "weblog-stats"},
		},
		LagAlarmStreams: []string{*stream.StreamName()},
	})
	stream.GrantRead(weblogs.Role)
}
