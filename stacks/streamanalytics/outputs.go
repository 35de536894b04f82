package streamanalytics

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func (s *Stack) outputs(cfg Config) {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("AlarmTopic", s.Alarms.Topic.TopicArn(), "Alarms and anomalies")
	out("ArchiveBucket", s.Archive.Bucket.BucketName(), "Raw weblogs (weblogs/), the Kafka consumer's (kafka/) and the connector's (connect/) objects")
	out("WeblogStream", s.Weblogs.StreamName(), "The web server's logs (Fluent Bit or the Kinesis Agent)")
	out("ReadingsStream", s.Readings.StreamName(), `Temperature readings {"sensor_id", "temperature", "ts"} scored by the Anomaly application`)
	out("SearchEndpoint", s.Search.Domain.DomainEndpoint(), "Weblog statistics (index "+StatsIndex+"-*), reachable from the VPC (docs/patterns/streamtoopensearch.md)")
	if s.WebServer != nil {
		out("WebServerId", s.WebServer.Instance.InstanceId(), "aws ssm start-session --target <this>")
	}
	for _, app := range []struct {
		id  string
		ok  bool
		get func() *string
	}{
		{"WeblogStatsApplication", s.WeblogStats != nil, func() *string { return s.WeblogStats.ApplicationName }},
		{"AnomalyApplication", s.Anomaly != nil, func() *string { return s.Anomaly.ApplicationName }},
	} {
		if app.ok {
			out(app.id, app.get(), "aws kinesisanalyticsv2 start-application --application-name <this> (created READY, not running)")
		}
	}
	if s.Collection != nil {
		out("CollectionEndpoint", s.Collection.CollectionEndpoint(), "OpenSearch Serverless collection of the readings (index readings)")
	}
	if s.Kafka != nil {
		out("KafkaBootstrapBrokers", s.Kafka.BootstrapBrokers(), "IAM-authenticated brokers: apps/kafkaproducer -brokers <this> -topic "+cfg.Msk.Topic)
	}
	if s.Serverless != nil {
		out("KafkaServerlessBootstrapBrokers", s.Serverless.BootstrapBrokers(), "MSK Serverless brokers (IAM)")
	}
}
