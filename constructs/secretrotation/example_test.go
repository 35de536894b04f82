package secretrotation_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
)

// Rotate a Redshift user's password every 30 days with AWS's hosted
// function in the warehouse's VPC, and publish where the secret is for the
// jobs that look it up in Parameter Store.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Warehouse"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
	warehouse := awsec2.NewSecurityGroup(stack, jsii.String("Warehouse"), &awsec2.SecurityGroupProps{Vpc: vpc, AllowAllOutbound: jsii.Bool(false)})
	loader := awssecretsmanager.NewSecret(stack, jsii.String("LoaderSecret"), &awssecretsmanager.SecretProps{
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(`{"engine":"redshift","host":"warehouse.internal","port":5439,"username":"orders_loader"}`),
			GenerateStringKey:    jsii.String("password"),
			ExcludePunctuation:   jsii.Bool(true),
		},
	})
	rotation := secretrotation.New(stack, "LoaderRotation", &secretrotation.Props{
		Secret:        loader,
		Engine:        secretrotation.RedshiftSingleUser,
		Vpc:           vpc,
		Target:        warehouse,
		Port:          jsii.Number(5439),
		ParameterPath: "/lake/warehouse/loader",
	})
	fmt.Println(rotation.Expression)
	fmt.Println(*rotation.Schedule.Node().Path())
	// Output:
	// rate(30 days)
	// Warehouse/LoaderRotation/Schedule
}
