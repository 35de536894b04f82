package kafkatopic_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/kafkatopic"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
)

// The readings topic of a serverless cluster: six partitions, a week of
// records; consumers depend on it.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Kafka"), nil)
	cluster := mskserverless.New(stack, "Cluster", nil)
	topic := kafkatopic.New(stack, "Readings", &kafkatopic.Props{
		Cluster:    cluster,
		Name:       "sensor-readings",
		Partitions: 6,
		Configs:    map[string]string{"retention.ms": "604800000"},
	})
	fmt.Println(topic.Name)
	fmt.Println(*topic.Resource.Node().Path())
	// Output:
	// sensor-readings
	// Kafka/Readings/Resource
}
