package streamalert_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamalert"
)

// A detector writes scored readings to the stream; those above 3 reach the
// topic as one line each.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Alerts"), nil)
	alert := streamalert.New(stack, "Anomalies", &streamalert.Props{
		Filter:          []string{`{"data": {"score": [{"numeric": [">", 3]}]}}`},
		MessageTemplate: jsii.String("Sensor <$.data.sensor_id>: score <$.data.score>"),
	})
	// The detector's sink: alert.Stream.GrantWrite(detectorRole).
	fmt.Println(*alert.Pipe.Node().Path())
	// Output:
	// Alerts/Anomalies/Pipe
}
