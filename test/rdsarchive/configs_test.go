package rdsarchive_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	rdsarchiveDefaultsStack = "RdsarchiveDefaults"
	rdsarchiveOptionsStack  = "RdsarchiveOptions"
)

var rdsarchiveBuilt struct {
	defaults, cluster, quiet *rdsarchive.Archive
	staging, keyBucket       *securebucket.SecureBucket
	redshift                 awsiam.Role
	topic                    awssns.Topic
}

var rdsarchiveDefaults = testkit.Register("rdsarchive-defaults", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(rdsarchiveDefaultsStack), nil)
	b := &rdsarchiveBuilt
	b.staging = securebucket.New(stack, "Staging", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b.defaults = rdsarchive.New(stack, "Orders", &rdsarchive.Props{DBInstanceIdentifier: "orders-db", Bucket: b.staging.Bucket})
})

var rdsarchiveOptions = testkit.Register("rdsarchive-options", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(rdsarchiveOptionsStack), nil)
	b := &rdsarchiveBuilt
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b.keyBucket = securebucket.New(stack, "KeyHolder", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b.topic = awssns.NewTopic(stack, jsii.String("Ops"), &awssns.TopicProps{MasterKey: lake.Key, EnforceSSL: jsii.Bool(true)})
	b.cluster = rdsarchive.New(stack, "Aurora", &rdsarchive.Props{
		DBClusterIdentifier: "Orders-Aurora",
		Bucket:              lake.Bucket,
		Prefix:              "cold/orders/",
		EncryptionKey:       b.keyBucket.Key,
		ExportOnly:          []string{"plm_db.orders", "plm_db.customers"},
		Schedule:            "cron(30 5 3 * ? *)",
		TaskIDPrefix:        "aurora-cold",
		DatabaseName:        jsii.String("orders_archive"),
		CrawlerSchedule:     "cron(0 7 3-6 * ? *)",
		LogRetention:        awslogs.RetentionDays_TWO_YEARS,
		AlarmTopic:          b.topic,
	})
	b.redshift = awsiam.NewRole(stack, jsii.String("Redshift"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("redshift.amazonaws.com"), nil),
	})
	b.cluster.GrantSpectrumRead(b.redshift)
	b.quiet = rdsarchive.New(stack, "Quiet", &rdsarchive.Props{
		DBInstanceIdentifier: "reports-db", Bucket: lake.Bucket, Prefix: "reports/", CreateAlarms: jsii.Bool(false),
	})
})
