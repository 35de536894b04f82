package mskconnect_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskconnect"
)

// cluster stands for mskcluster.Cluster here (any type with the methods of
// mskconnect.Cluster).
type cluster struct {
	vpc awsec2.IVpc
	sg  awsec2.ISecurityGroup
}

func (c cluster) ClusterArn() *string {
	return jsii.String("arn:aws:kafka:eu-west-1:111122223333:cluster/sensors/u-1")
}
func (c cluster) ClusterName() *string      { return jsii.String("sensors") }
func (c cluster) BootstrapBrokers() *string { return jsii.String("b-1.sensors:9098,b-2.sensors:9098") }
func (c cluster) Vpc() awsec2.IVpc          { return c.vpc }
func (c cluster) Subnets() *awsec2.SubnetSelection {
	return &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
}
func (c cluster) Connections() awsec2.Connections {
	return awsec2.NewConnections(&awsec2.ConnectionsProps{SecurityGroups: &[]awsec2.ISecurityGroup{c.sg}, DefaultPort: awsec2.Port_Tcp(jsii.Number(9098))})
}
func (c cluster) GrantConnect(g awsiam.IGrantable) awsiam.Grant {
	return c.grant(g, "kafka-cluster:Connect")
}
func (c cluster) GrantProduce(g awsiam.IGrantable, topic *string) awsiam.Grant {
	return c.grant(g, "kafka-cluster:WriteData")
}
func (c cluster) GrantConsume(g awsiam.IGrantable, topic, group *string) awsiam.Grant {
	return c.grant(g, "kafka-cluster:ReadData")
}
func (c cluster) grant(g awsiam.IGrantable, action string) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{Grantee: g, Actions: jsii.Strings(action), ResourceArns: &[]*string{c.ClusterArn()}})
}

// The topic sensor-readings sunk into the lake bucket as hourly JSON
// objects, with Confluent's S3 sink uploaded beforehand to a plugin bucket.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Streaming"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Kafka"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
	brokers := awsec2.NewSecurityGroup(stack, jsii.String("Brokers"), &awsec2.SecurityGroupProps{Vpc: vpc})
	sink := mskconnect.New(stack, "SensorSink", &mskconnect.Props{
		Cluster:      cluster{vpc: vpc, sg: brokers},
		Topic:        "sensor-readings",
		Name:         "sensor-readings-to-lake",
		PluginBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Plugins"), jsii.String("my-connect-plugins")),
		PluginKey:    "confluentinc-kafka-connect-s3-10.6.7.zip",
		Prefix:       "raw/sensor-readings",
	})
	fmt.Println(sink.ConsumerGroup)
	fmt.Println(*sink.Connector.KafkaConnectVersion())
	fmt.Println(*sink.ConnectorConfiguration["topics.dir"], *sink.ConnectorConfiguration["format.class"])
	// Output:
	// connect-sensor-readings-to-lake
	// 3.7.x
	// raw/sensor-readings io.confluent.connect.s3.format.json.JsonFormat
}
