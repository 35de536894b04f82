package logshipper_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logshipper"
)

// A web server shipping its Apache access log, parsed to JSON, to the
// weblogs stream with Fluent Bit.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Weblogs"), nil)
	stream := awskinesis.NewStream(stack, jsii.String("Weblogs"), &awskinesis.StreamProps{StreamName: jsii.String("weblogs")})
	web := logshipper.New(stack, "WebServer", &logshipper.Props{Stream: stream})
	fmt.Println(web.Agent, web.ConfigPath)
	fmt.Println(*web.Instance.InstanceId() != "")

	// The legacy agent's configuration, as the notes have it.
	fmt.Print(logshipper.KinesisAgentConfig(logshipper.DefaultFlows(),
		logshipper.Destination{Stream: "weblogs", Region: "eu-west-1", URLSuffix: "amazonaws.com"}))
	// Output:
	// FLUENT_BIT /etc/fluent-bit/fluent-bit.conf
	// true
	// {
	//   "cloudwatch.emitMetrics": true,
	//   "cloudwatch.endpoint": "https://monitoring.eu-west-1.amazonaws.com",
	//   "kinesis.endpoint": "https://kinesis.eu-west-1.amazonaws.com",
	//   "flows": [
	//     {
	//       "filePattern": "/var/log/httpd/access_log*",
	//       "kinesisStream": "weblogs",
	//       "partitionKeyOption": "RANDOM",
	//       "dataProcessingOptions": [
	//         {
	//           "optionName": "LOGTOJSON",
	//           "logFormat": "COMBINEDAPACHELOG"
	//         }
	//       ]
	//     }
	//   ]
	// }
}
