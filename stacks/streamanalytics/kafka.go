package streamanalytics

import (
	"strconv"

	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/kafkatopic"
	"github.com/cdk-data-patterns/patterns/constructs/kafkatos3"
	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
	"github.com/cdk-data-patterns/patterns/constructs/mskconnect"
	"github.com/cdk-data-patterns/patterns/constructs/mskserverless"
)

// Prefixes of the archive bucket the Kafka consumers write.
const (
	KafkaPrefix   = "kafka"
	ConnectPrefix = "connect"
	// Partitions of the declared topic.
	Partitions = 6
)

// kafka is ING-16 and ING-17: the provisioned cluster (IAM, TLS, CMK,
// broker logs, storage auto scaling, alarms), its declared topic, the Go
// consumer writing the topic to the archive, and the MSK Connect S3 sink
// when a plugin is given.
func (s *Stack) kafka(cfg Config) {
	s.Kafka = mskcluster.New(s.Stack, "Kafka", &mskcluster.Props{
		InstanceType:   cfg.Msk.InstanceType,
		BrokersPerZone: jsii.Number(cfg.Msk.BrokersPerZone),
		VolumeSize:     jsii.Number(cfg.Msk.VolumeGiB),
		MaxVolumeSize:  jsii.Number(cfg.Msk.MaxVolumeGiB),
		Vpc:            s.Network.Vpc,
		VpcSubnets:     s.Network.Private,
		AlarmTopic:     s.Alarms.Topic,
	})
	// The topic is declared (the cluster keeps auto.create.topics.enable
	// off); its readers start after it exists.
	s.Topic = kafkatopic.New(s.Stack, "Topic", &kafkatopic.Props{
		Cluster: s.Kafka, Name: cfg.Msk.Topic, Partitions: Partitions,
		Configs: map[string]string{"retention.ms": strconv.FormatInt(int64(cfg.Msk.RetentionHours)*3600*1000, 10)},
	})
	s.Consumer = kafkatos3.New(s.Stack, "KafkaArchive", &kafkatos3.Props{
		Cluster:        s.Kafka,
		Topic:          jsii.String(cfg.Msk.Topic),
		ExistingBucket: s.Archive.Bucket,
		Prefix:         jsii.String(KafkaPrefix),
		DesiredCount:   jsii.Number(cfg.Msk.ConsumerTasks),
		Subnets:        s.Network.Private,
		AlarmTopic:     s.Alarms.Topic,
	})
	s.Consumer.Node().AddDependency(s.Topic.Resource)
	if cfg.Msk.ConnectPlugin != "" {
		s.Connector = mskconnect.New(s.Stack, "KafkaSink", &mskconnect.Props{
			Cluster:    s.Kafka,
			Topic:      cfg.Msk.Topic,
			PluginPath: cfg.Msk.ConnectPlugin,
			Bucket:     s.Archive.Bucket,
			BucketKey:  s.Archive.Key,
			Prefix:     ConnectPrefix,
			VpcSubnets: s.Network.Private,
		})
		s.Connector.Node().AddDependency(s.Topic.Resource)
	}
}

// serverless is ING-18: an MSK Serverless cluster (IAM only) in the same
// VPC, for clients that do not want to size brokers.
func (s *Stack) serverless() {
	s.Serverless = mskserverless.New(s.Stack, "KafkaServerless", &mskserverless.Props{
		Vpc: s.Network.Vpc, VpcSubnets: s.Network.Private,
	})
}
