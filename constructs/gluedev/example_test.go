package gluedev_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluedev"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The lake's engineers try scripts on the raw orders in interactive
// sessions that write only under dev/.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lake"), nil)
	lake := securebucket.New(stack, "Lake", nil)
	engineers := awsiam.NewRole(stack, jsii.String("Engineers"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	dev := gluedev.New(stack, "Dev", &gluedev.Props{
		Bucket:       lake.Bucket,
		ReadPrefixes: []string{"raw/orders/"},
		Databases:    []string{"lake_raw"},
		Developers:   []awsiam.IGrantable{engineers},
	})
	fmt.Println(dev.ScratchPrefix)
	fmt.Println(*dev.SessionRole.Node().Path())
	// Output:
	// dev/
	// Lake/Dev/Role
}
