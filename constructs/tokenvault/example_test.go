package tokenvault_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/tokenvault"
)

// A vault with deterministic tokens (joins on tokens keep working): the
// order service may tokenize, only the payment service may detokenize.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orders"), nil)
	vault := tokenvault.New(stack, "CardVault", &tokenvault.Props{Deterministic: jsii.Bool(true)})

	orders := awsiam.NewRole(stack, jsii.String("OrderService"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
	})
	payments := awsiam.NewRole(stack, jsii.String("PaymentService"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
	})
	vault.GrantTokenize(orders)
	vault.GrantDetokenize(payments)

	fmt.Println(*vault.TokenizeFunction.Node().Path())
	fmt.Println(*vault.DetokenizeFunction.Node().Path())
	fmt.Println(vault.HMACSecret != nil)
	// Output:
	// Orders/CardVault/Tokenize/Function
	// Orders/CardVault/Detokenize/Function
	// true
}
