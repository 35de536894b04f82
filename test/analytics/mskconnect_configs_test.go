package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskconnect"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	mskconnectDefaultsStack = "MskConnectDefaults"
	mskconnectOptionsStack  = "MskConnectOptions"
	mskconnectPluginZip     = "testdata/s3-sink-dummy.zip"
)

var mskconnectBuilt struct {
	defaults, options *mskconnect.Connector
	lake              *securebucket.SecureBucket
}

var mskconnectConfigs = testkit.Register("mskconnect", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(mskconnectDefaultsStack), nil)
	mskconnectBuilt.defaults = mskconnect.New(s1, "Sink", &mskconnect.Props{
		Cluster: kafkaNewFakeCluster(s1), Topic: "sensor-readings", PluginPath: mskconnectPluginZip,
	})

	// The StreamAnalytics shape: the lake bucket, a prefix, Parquet,
	// provisioned workers, the plugin already in S3, extra keys.
	s2 := awscdk.NewStack(app, jsii.String(mskconnectOptionsStack), nil)
	mskconnectBuilt.lake = securebucket.New(s2, "Lake", nil)
	plugins := awss3.Bucket_FromBucketName(s2, jsii.String("Plugins"), jsii.String("my-connect-plugins"))
	mskconnectBuilt.options = mskconnect.New(s2, "Sink", &mskconnect.Props{
		Cluster: kafkaNewFakeCluster(s2), Topic: "sensor-readings", Name: "sensor-readings-to-lake",
		PluginBucket: plugins, PluginKey: "confluentinc-kafka-connect-s3-10.6.7.zip", PluginObjectVersion: "v1",
		KafkaConnectVersion: "2.7.1",
		Bucket:              mskconnectBuilt.lake.Bucket, Prefix: "raw/sensor-readings", Format: mskconnect.Parquet,
		FlushSize: jsii.Number(5000), RotateInterval: awscdk.Duration_Minutes(jsii.Number(5)), Timezone: "Europe/Paris",
		TasksMax:               jsii.Number(4),
		ConnectorConfiguration: map[string]string{"errors.tolerance": "all", "behavior.on.null.values": "ignore"},
		WorkerProperties:       map[string]string{"offset.flush.interval.ms": "30000"},
		Capacity:               &mskconnect.Capacity{ProvisionedWorkers: jsii.Number(2), McuCount: jsii.Number(2)},
		S3PrefixListId:         "pl-6da54004",
	})
})
