package cdcreplication_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Every table of the MySQL schema "plm_db" is copied to Redshift and then
// kept current from the binary log (full load + CDC), and the same changes
// land in the lake as Parquet under "cdc/". The source's credentials are a
// placeholder secret to fill in after deploying; latency alarms notify an
// encrypted topic.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	staging := securebucket.New(stack, "Staging", &securebucket.Props{Encryption: securebucket.SSEKMS})
	dwh := warehouse.New(stack, "Warehouse", &warehouse.Props{EncryptionKey: staging.Key})
	source := cdcreplication.NewSourceSecret(stack, "SourceSecret", staging.Key, "MySQL source of the replication")
	cdc := cdcreplication.New(stack, "Cdc", &cdcreplication.Props{
		SourceSecret:  source,
		Schemas:       []string{"plm_db"},
		Warehouse:     dwh,
		Lake:          staging.Bucket,
		LakePrefix:    "cdc/",
		EncryptionKey: staging.Key,
	})
	fmt.Println(*cdc.Instance.Node().Path())
	fmt.Println(*cdc.Source.Node().Path())
	fmt.Println(*cdc.WarehouseTask.Node().Path())
	fmt.Println(*cdc.LakeTask.Node().Path())
	fmt.Println(*cdc.WarehouseSecret.Node().Path())
	fmt.Println(*cdc.AccountRoles.Vpc.Node().Path())
	fmt.Println(*cdc.WarehouseCDCLatencyTargetAlarm.Node().Path())
	// Output:
	// Dwh/Cdc/Instance
	// Dwh/Cdc/Source
	// Dwh/Cdc/WarehouseTask
	// Dwh/Cdc/LakeTask
	// Dwh/Cdc/WarehouseSecret
	// Dwh/Cdc/AccountRoles/dms-vpc-role
	// Dwh/Cdc/WarehouseCDCLatencyTarget
}

// The source account's side of a replication whose warehouse is in
// another account (111111111111): the role that accepts the warehouse
// VPC's peering request, the database's security group rule for the
// warehouse CIDR, and the source secret that the replication's secrets
// role (Props.SecretsRoleName there) may read.
func ExampleNewSourceAccess() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("PlmSource"), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("222222222222"), Region: jsii.String("eu-west-1")},
	})
	access := cdcreplication.NewSourceAccess(stack, "Access", &cdcreplication.SourceAccessProps{
		TargetAccount:         "111111111111",
		SecretsRoleName:       "plm-dms-secrets",
		AcceptorRoleName:      "plm-peering-acceptor",
		SourceVpcId:           "vpc-0a1b2c3d4e5f67890",
		SourceSecurityGroupId: "sg-0123456789abcdef0",
		SourcePort:            3306,
		TargetCidr:            "10.20.0.0/16",
	})
	fmt.Println(*access.Acceptor.Node().Path())
	fmt.Println(*access.Secret.Node().Path())
	fmt.Println(*access.Key.Node().Path())
	// Output:
	// PlmSource/Access/PeeringAcceptor
	// PlmSource/Access/Secret
	// PlmSource/Access/Key
}
