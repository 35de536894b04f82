package mskserverless_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
)

// A serverless Kafka cluster whose producer role may write to "clicks".
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("StreamAnalytics"), nil)
	kafka := mskserverless.New(stack, "Serverless", nil)
	producer := awsiam.NewRole(stack, jsii.String("Producer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	kafka.GrantProduce(producer, jsii.String("clicks"))
	fmt.Println(len(kafka.ClientSubnets), "subnets")
	fmt.Println(*kafka.Connections().DefaultPort().ToString())
	// Output:
	// 3 subnets
	// 9098
}
