package mysqlsource_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
)

// A MySQL source for a DMS replication in an isolated VPC: the replication
// instance's security group may reach the database port, and DMS reads
// ReplicationSecret.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Plm"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		},
	})
	dms := awsec2.NewSecurityGroup(stack, jsii.String("Dms"), &awsec2.SecurityGroupProps{Vpc: vpc})
	db := mysqlsource.New(stack, "Source", &mysqlsource.Props{Vpc: vpc})
	db.AllowFrom(dms, "DMS replication instance")
	fmt.Println(db.Identifier, db.Port)
	fmt.Println(*db.Instance.Node().Path())
	fmt.Println(len(db.LogGroups), "log groups")
	// Output:
	// plm-source-dc1ec985 3307
	// Plm/Source/Instance
	// 4 log groups
}
