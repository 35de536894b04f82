package schemaconversion_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/schemaconversion"
)

// An on-premises-style MySQL 8 schema (reachable from the VPC's isolated
// subnets) is assessed and converted to Aurora PostgreSQL; the reports and
// the converted code land in a retained, encrypted bucket.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Migration"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs:      jsii.Number(2),
		NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("db"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		},
	})
	secret := func(id string) awssecretsmanager.ISecret {
		return awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String(id),
			jsii.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:"+id+"-AbCdEf"))
	}
	sc := schemaconversion.New(stack, "OrdersToPostgres", &schemaconversion.Props{
		Vpc: vpc,
		Source: schemaconversion.DataProvider{
			Engine: schemaconversion.MySQL, ServerName: jsii.String("orders.db.internal"), Port: 3306,
			Secret: secret("orders-mysql"),
		},
		Target: schemaconversion.DataProvider{
			Engine: schemaconversion.AuroraPostgreSQL, ServerName: jsii.String("orders.cluster.internal"), Port: 5432,
			DatabaseName: "orders", Secret: secret("orders-postgres"),
		},
	})
	fmt.Println(*sc.InstanceProfile.Node().Path())
	fmt.Println(*sc.Source.Engine(), *sc.Target.Engine())
	fmt.Println(*sc.Project.Node().Path())
	fmt.Println(sc.Prefix)
	// Output:
	// Migration/OrdersToPostgres/InstanceProfile
	// mysql aurora-postgresql
	// Migration/OrdersToPostgres/Project
	// schema-conversion/
}
