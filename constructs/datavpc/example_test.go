package datavpc_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
)

// One network for a stack's brokers, stream processors and search domains;
// the workloads go into net.Private.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Analytics"), nil)
	net := datavpc.New(stack, "Network", &datavpc.Props{
		InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS()},
	})
	fmt.Println(net.Private.SubnetType)
	fmt.Println(*net.Endpoints["kinesis-streams"].Node().Path())
	// Output:
	// PRIVATE_WITH_EGRESS
	// Analytics/Network/Vpc/KinesisStreamsEndpoint
}
