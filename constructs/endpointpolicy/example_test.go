package endpointpolicy_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Keep the lake's private traffic inside its own perimeter: restrict the
// S3 and DynamoDB gateway endpoints datavpc made to the raw bucket and the
// account's tables (plus the Amazon Linux repositories), and add KMS and
// CloudFormation interface endpoints; through the CloudFormation endpoint
// nobody creates stacks (the notes' second example).
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lake"), nil)
	net := datavpc.New(stack, "Network", &datavpc.Props{NatGateways: jsii.Number(0)})
	raw := securebucket.New(stack, "Raw", nil)
	perimeter := endpointpolicy.New(stack, "Endpoints", &endpointpolicy.Props{
		Vpc:    net.Vpc,
		Create: []endpointpolicy.Service{endpointpolicy.KMS, endpointpolicy.CloudFormation},
		ExistingGatewayEndpoints: map[endpointpolicy.Service]awsec2.IGatewayVpcEndpoint{
			endpointpolicy.S3:       net.Vpc.Node().FindChild(jsii.String("S3")).(awsec2.IGatewayVpcEndpoint),
			endpointpolicy.DynamoDB: net.Vpc.Node().FindChild(jsii.String("DynamoDB")).(awsec2.IGatewayVpcEndpoint),
		},
		Buckets:         []awss3.IBucket{raw.Bucket},
		AwsOwnedBuckets: []endpointpolicy.AwsOwned{endpointpolicy.AmazonLinuxRepos},
		DenyActions:     map[endpointpolicy.Service][]string{endpointpolicy.CloudFormation: {"cloudformation:CreateStack"}},
	})
	fmt.Println(*perimeter.InterfaceEndpoints[endpointpolicy.KMS].Node().Path())
	fmt.Println(len(perimeter.Statements[endpointpolicy.S3]), "S3 statements")
	// Output:
	// Lake/Endpoints/Kms
	// 2 S3 statements
}
