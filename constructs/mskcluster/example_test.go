package mskcluster_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
)

// A three-zone Kafka cluster for the weblog topic, accepting records up to
// 10 MiB, whose producer role may write to "weblogs" and whose consumer
// role may read it as the group "s3-sink".
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("StreamAnalytics"), nil)
	kafka := mskcluster.New(stack, "Kafka", &mskcluster.Props{
		MessageMaxBytes: jsii.Number(10 * 1024 * 1024),
	})
	producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	consumer := awsiam.NewRole(stack, jsii.String("Consumer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	kafka.GrantProduce(producer, jsii.String("weblogs"))
	kafka.GrantConsume(consumer, jsii.String("weblogs"), jsii.String("s3-sink"))
	fmt.Println(kafka.Zones, "zones,", kafka.Brokers, "brokers,", *kafka.Cluster.KafkaVersion())
	fmt.Println(*kafka.Connections().DefaultPort().ToString())
	fmt.Println(len(kafka.Alarms), "alarms")
	// Output:
	// 3 zones, 3 brokers, 4.1.x.kraft
	// 9098
	// 8 alarms
}
