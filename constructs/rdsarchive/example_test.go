package rdsarchive_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
)

// The orders of a MySQL instance leave for s3://…/archive/ every month;
// a Redshift role reads them through Spectrum.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Archive"), nil)
	key := awskms.NewKey(stack, jsii.String("Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	bucket := awss3.NewBucket(stack, jsii.String("Staging"), &awss3.BucketProps{
		Encryption: awss3.BucketEncryption_KMS, EncryptionKey: key, EnforceSSL: jsii.Bool(true),
	})
	redshift := awsiam.NewRole(stack, jsii.String("Redshift"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("redshift.amazonaws.com"), nil),
	})
	archive := rdsarchive.New(stack, "Orders", &rdsarchive.Props{
		DBInstanceIdentifier: "orders-db",
		Bucket:               bucket,
		ExportOnly:           []string{"plm_db.orders"},
		DatabaseName:         jsii.String("orders_archive"),
	})
	archive.GrantSpectrumRead(redshift)
	fmt.Println(archive.TaskIDPrefix, archive.Prefix, archive.Tables)
	fmt.Println(*archive.Schedule.Node().Path())

	sql, err := rdsarchive.SpectrumView{
		ExternalSchema: "archive", GlueDatabase: "orders_archive",
		RoleArn: "arn:aws:iam::111111111111:role/redshift", View: "sales.orders_all",
		CurrentTable: "sales.orders", ArchiveTable: "plm_db_orders",
		Columns: []string{"order_id", "customer_id", "amount", "order_date"},
		Key:     []string{"order_id"}, DateColumn: "order_date",
	}.SQL()
	fmt.Println(err == nil, len(sql) > 0)
	fmt.Println(rdsarchive.HotWindowDelete("plm_db.orders", "order_date", 3, 10000))
	// Output:
	// orders-db archive/ [plm_db.orders]
	// Archive/Orders/Schedule
	// true true
	// DELETE FROM plm_db.orders WHERE order_date < DATE_SUB(CURRENT_DATE, INTERVAL 3 MONTH) ORDER BY order_date LIMIT 10000;
}
