package analytics_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/mskcluster"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func mskclusterWant(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func TestMskclusterDefaults(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskclusterDefaultsStack)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", mskclusterDefaultsStack+"/Kafka/Key/Resource")
	logID, logs := st.ByPath(t, "AWS::Logs::LogGroup", mskclusterDefaultsStack+"/Kafka/BrokerLogs/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", mskclusterDefaultsStack+"/Kafka/SecurityGroup/Resource")
	cfgID, _ := st.ByPath(t, "AWS::MSK::Configuration", mskclusterDefaultsStack+"/Kafka/Configuration")
	_, res := st.ByPath(t, "AWS::MSK::Cluster", mskclusterDefaultsStack+"/Kafka/Cluster")
	if res["DeletionPolicy"] != "Retain" {
		t.Errorf("cluster DeletionPolicy = %v", res["DeletionPolicy"])
	}
	cl := testkit.Props(res)
	mskclusterWant(t, "cluster", testkit.JSON(cl),
		`"KafkaVersion":"`+mskcluster.DefaultKafkaVersion+`"`, `"NumberOfBrokerNodes":3`, `"InstanceType":"kafka.m7g.large"`,
		`"EncryptionInTransit":{"ClientBroker":"TLS","InCluster":true}`, `"DataVolumeKMSKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]}`,
		`"Sasl":{"Iam":{"Enabled":true}}`, `"Unauthenticated":{"Enabled":false}`, `"EnhancedMonitoring":"PER_BROKER"`,
		`"PublicAccess":{"Type":"DISABLED"}`, `"VolumeSize":100`, `"LogGroup":{"Ref":"`+logID+`"}`,
		`"SecurityGroups":[{"Fn::GetAtt":["`+sgID+`","GroupId"]}]`, `"Arn":{"Fn::GetAtt":["`+cfgID+`","Arn"]}`,
		`"Revision":{"Fn::GetAtt":["`+cfgID+`","LatestRevision.Revision"]}`)
	if _, ok := cl["OpenMonitoring"]; ok {
		t.Errorf("open monitoring on by default")
	}
	if subnets := cl["BrokerNodeGroupInfo"].(map[string]any)["ClientSubnets"].([]any); len(subnets) != 3 {
		t.Errorf("client subnets = %v", subnets)
	}
	// Three zones even in an environment-agnostic stack.
	mskclusterWant(t, "subnets", testkit.JSON(st.Resources("AWS::EC2::Subnet")), `{"Fn::Select":[2,{"Fn::GetAZs":""}]}`)
	if lp := testkit.Props(logs); lp["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(lp["KmsKeyId"]), keyID) {
		t.Errorf("broker logs = %s", testkit.JSON(lp))
	}
	st.Count(t, "AWS::EC2::FlowLog", 1)
	st.Count(t, "AWS::EC2::SecurityGroupIngress", 0)
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", mskclusterDefaultsStack+"/Kafka/SecurityGroup/Resource")
	if _, ok := testkit.Props(sg)["SecurityGroupIngress"]; ok {
		t.Errorf("ingress by default: %s", testkit.JSON(sg))
	}

	_, cfg := st.ByPath(t, "AWS::MSK::Configuration", mskclusterDefaultsStack+"/Kafka/Configuration")
	props := testkit.Props(cfg)["ServerProperties"].(string)
	if props != "auto.create.topics.enable=false\ndefault.replication.factor=3\nmin.insync.replicas=2\n" {
		t.Errorf("server properties = %q", props)
	}

	// Storage auto-scaling: 100 to 1000 GiB, target 60 %, no scale-in.
	st.Has(t, "AWS::ApplicationAutoScaling::ScalableTarget", map[string]any{
		"ServiceNamespace": "kafka", "ScalableDimension": "kafka:broker-storage:VolumeSize", "MinCapacity": 100, "MaxCapacity": 1000,
	})
	_, target := st.ByPath(t, "AWS::ApplicationAutoScaling::ScalableTarget", mskclusterDefaultsStack+"/Kafka/StorageScaling/Resource")
	mskclusterWant(t, "scalable target", testkit.JSON(target), "AWSServiceRoleForApplicationAutoScaling_KafkaCluster", `{"Ref":"AWS::Partition"}`)
	st.Has(t, "AWS::ApplicationAutoScaling::ScalingPolicy", map[string]any{
		"PolicyType": "TargetTrackingScaling",
		"TargetTrackingScalingPolicyConfiguration": map[string]any{
			"TargetValue": 60, "DisableScaleIn": true,
			"PredefinedMetricSpecification": map[string]any{"PredefinedMetricType": "KafkaBrokerStorageUtilization"},
		},
	})

	// Alarms: disk and under-replicated per broker, offline partitions and
	// controller per cluster, all to the encrypted topic.
	st.Count(t, "AWS::CloudWatch::Alarm", 8)
	name := mskclusterBuilt.defaults.Name
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{
		"MetricName": "KafkaDataLogsDiskUsed", "Namespace": "AWS/Kafka", "Threshold": 85, "Statistic": "Maximum", "Period": 300,
		"Dimensions": []any{map[string]any{"Name": "Broker ID", "Value": "3"}, map[string]any{"Name": "Cluster Name", "Value": name}},
	})
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{
		"MetricName": "UnderReplicatedPartitions", "Threshold": 0, "EvaluationPeriods": 5, "ComparisonOperator": "GreaterThanThreshold",
		"Dimensions": []any{map[string]any{"Name": "Broker ID", "Value": "1"}, map[string]any{"Name": "Cluster Name", "Value": name}},
	})
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{
		"MetricName": "OfflinePartitionsCount", "Threshold": 0, "Dimensions": []any{map[string]any{"Name": "Cluster Name", "Value": name}},
	})
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{
		"MetricName": "ActiveControllerCount", "Threshold": 1, "ComparisonOperator": "LessThanThreshold",
	})
	st.CheckAlarmTopic(t, mskclusterDefaultsStack+"/Kafka", mskclusterBuilt.defaults.AlarmTopic, mskclusterBuilt.defaults.AlarmTopicKey)

	// Bootstrap brokers through kafka:GetBootstrapBrokers on this cluster.
	_, cr := st.ByPath(t, "Custom::AWS", mskclusterDefaultsStack+"/Kafka/BootstrapBrokers/Resource/Default")
	mskclusterWant(t, "bootstrap call", testkit.JSON(cr), `\"service\":\"Kafka\"`, `\"action\":\"getBootstrapBrokers\"`, "BootstrapBrokerStringSaslIam")
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", mskclusterDefaultsStack+"/Kafka/BootstrapBrokers/CustomResourcePolicy")
	mskclusterWant(t, "bootstrap policy", testkit.JSON(pol), "kafka:GetBootstrapBrokers")
	out := testkit.JSON(st.Template["Outputs"])
	mskclusterWant(t, "outputs", out, "BootstrapBrokerStringSaslIam")
	if *mskclusterBuilt.defaults.Connections().DefaultPort().ToString() != "9098" {
		t.Errorf("default port = %s", *mskclusterBuilt.defaults.Connections().DefaultPort().ToString())
	}
}

func TestMskclusterGrants(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskclusterDefaultsStack)
	clusterID, _ := st.ByPath(t, "AWS::MSK::Cluster", mskclusterDefaultsStack+"/Kafka/Cluster")
	_, prod := st.ByPathPrefix(t, "AWS::IAM::Policy", mskclusterDefaultsStack+"/Producer/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(prod)["PolicyDocument"])
	mskclusterWant(t, "producer", doc, "kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently",
		"kafka-cluster:WriteData", "kafka-cluster:DescribeTopic", "kafka-cluster:CreateTopic",
		`{"Fn::Split":[":cluster/",{"Fn::GetAtt":["`+clusterID+`","Arn"]}]}`, `":topic/"`, `"/weblogs"`)
	if strings.Contains(doc, "ReadData") || strings.Contains(doc, `"*"`) {
		t.Errorf("producer policy too wide: %s", doc)
	}
	_, cons := st.ByPathPrefix(t, "AWS::IAM::Policy", mskclusterDefaultsStack+"/Consumer/DefaultPolicy")
	doc = testkit.JSON(testkit.Props(cons)["PolicyDocument"])
	mskclusterWant(t, "consumer", doc, "kafka-cluster:ReadData", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup", `":group/"`, `"/s3-sink"`)
	if strings.Contains(doc, "WriteData") {
		t.Errorf("consumer may write: %s", doc)
	}
}

func TestMskclusterOptions(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskclusterOptionsStack)
	cl := testkit.JSON(testkit.Props(st.Only(t, "AWS::MSK::Cluster")))
	mskclusterWant(t, "cluster", cl, `"ClusterName":"weblogs-kafka"`, `"KafkaVersion":"3.9.x.kraft"`, `"InstanceType":"kafka.m7g.xlarge"`,
		`"NumberOfBrokerNodes":4`, `"VolumeSize":500`, `"ProvisionedThroughput":{"Enabled":true,"VolumeThroughput":250}`,
		`"Sasl":{"Iam":{"Enabled":true},"Scram":{"Enabled":true}}`, `"EnhancedMonitoring":"PER_TOPIC_PER_BROKER"`,
		`"JmxExporter":{"EnabledInBroker":true}`, `"NodeExporter":{"EnabledInBroker":true}`, `"Tags":{"team":"streaming"}`,
		`"ClientBroker":"TLS"`, `"PublicAccess":{"Type":"DISABLED"}`)
	cfg := testkit.Props(st.Only(t, "AWS::MSK::Configuration"))
	if got := cfg["ServerProperties"]; got != "auto.create.topics.enable=false\ndefault.replication.factor=3\nlog.retention.hours=168\nmessage.max.bytes=10485760\nmin.insync.replicas=2\nreplica.fetch.max.bytes=10485760\n" {
		t.Errorf("server properties = %q", got)
	}
	st.Count(t, "AWS::SecretsManager::Secret", 2)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", mskclusterOptionsStack+"/Kafka/Key/Resource")
	st.Has(t, "AWS::SecretsManager::Secret", map[string]any{"Name": "AmazonMSK_weblogs-kafka_connect", "KmsKeyId": map[string]any{"Fn::GetAtt": []any{keyID, "Arn"}}})
	batch := testkit.JSON(testkit.Props(st.Only(t, "AWS::MSK::BatchScramSecret")))
	mskclusterWant(t, "scram batch", batch, "SecretArnList", "ClusterArn")
	st.Has(t, "AWS::ApplicationAutoScaling::ScalableTarget", map[string]any{"MinCapacity": 500, "MaxCapacity": 2000})
	st.Has(t, "AWS::ApplicationAutoScaling::ScalingPolicy", map[string]any{"TargetTrackingScalingPolicyConfiguration": map[string]any{"TargetValue": 50}})
	// 2 zones × 2 brokers: 4 disk + 4 URP + 2 cluster alarms.
	st.Count(t, "AWS::CloudWatch::Alarm", 10)
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{"MetricName": "KafkaDataLogsDiskUsed", "Threshold": 80,
		"Dimensions": []any{map[string]any{"Name": "Broker ID", "Value": "4"}, map[string]any{"Name": "Cluster Name", "Value": "weblogs-kafka"}}})
	st.Has(t, "AWS::CloudWatch::Alarm", map[string]any{"MetricName": "UnderReplicatedPartitions", "EvaluationPeriods": 10})
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"FromPort": 9098, "ToPort": 9098, "IpProtocol": "tcp"})
	st.Count(t, "AWS::EC2::VPC", 1)
}

func TestMskclusterScramOnly(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskclusterScramStack)
	cl := testkit.JSON(testkit.Props(st.Only(t, "AWS::MSK::Cluster")))
	mskclusterWant(t, "cluster", cl, `"Sasl":{"Scram":{"Enabled":true}}`)
	if strings.Contains(cl, `"Iam"`) {
		t.Errorf("IAM on: %s", cl)
	}
	st.Count(t, "AWS::ApplicationAutoScaling::ScalableTarget", 0)
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	mskclusterWant(t, "bootstrap", testkit.JSON(st.Resources("Custom::AWS")), "BootstrapBrokerStringSaslScram")
	if got := *mskclusterBuilt.scram.Connections().DefaultPort().ToString(); got != "9096" {
		t.Errorf("default port = %s", got)
	}
}
