package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// streamAnalyticsCount counts the resources of typ in st.
func streamAnalyticsCount(st *testkit.Stack, typ string) int { return len(st.Resources(typ)) }

// TestStreamAnalyticsDefaults: as committed, the stack has the provisioned
// cluster with its Go consumer (no connector without a plugin, no
// serverless cluster), the web server shipping to the weblog stream, its
// archive, both Flink applications, the tiered domain with its ISM policy
// and snapshots (no follower), the anomaly pipe and the collection.
func TestStreamAnalyticsDefaults(t *testing.T) {
	const name = "StreamAnalytics"
	st := configured("cdk.json").Stack(t, name)
	for typ, n := range map[string]int{
		"AWS::MSK::Cluster": 1, "AWS::MSK::ServerlessCluster": 0, "AWS::KafkaConnect::Connector": 0,
		"AWS::ECS::Service": 1, "AWS::EC2::Instance": 1, "AWS::KinesisAnalyticsV2::Application": 2,
		"AWS::OpenSearchService::Domain": 1, "AWS::OpenSearchServerless::Collection": 1, "AWS::Pipes::Pipe": 1,
		"AWS::Kinesis::Stream": 4, "AWS::EC2::VPC": 1, "AWS::EC2::NatGateway": 1,
	} {
		if got := streamAnalyticsCount(st, typ); got != n {
			t.Errorf("%d %s, want %d", got, typ, n)
		}
	}
	// Every part in the one VPC: no construct made its own.
	vpcID, _ := st.ByPath(t, "AWS::EC2::VPC", name+"/Network/Vpc/Resource")
	_, msk := st.ByPath(t, "AWS::MSK::Cluster", name+"/Kafka/Cluster")
	mp := testkit.Props(msk)
	if enc := testkit.JSON(mp["EncryptionInfo"]); !strings.Contains(enc, `"ClientBroker":"TLS"`) || !strings.Contains(enc, `"InCluster":true`) {
		t.Errorf("MSK encryption = %s", enc)
	}
	if auth := testkit.JSON(mp["ClientAuthentication"]); !strings.Contains(auth, `"Iam":{"Enabled":true}`) {
		t.Errorf("MSK authentication = %s", auth)
	}
	// The topic is declared; the cluster creates none on its own; the
	// consumer starts after the topic exists.
	_, conf := st.ByPath(t, "AWS::MSK::Configuration", name+"/Kafka/Configuration")
	if sp := testkit.JSON(testkit.Props(conf)["ServerProperties"]); !strings.Contains(sp, "auto.create.topics.enable=false") {
		t.Errorf("server properties = %s", sp)
	}
	topicID, topic := st.ByPath(t, "Custom::KafkaTopic", name+"/Topic/Resource/Default")
	if tp := testkit.JSON(testkit.Props(topic)); !strings.Contains(tp, `"Topic":"sensor-readings"`) || !strings.Contains(tp, `"Partitions":"6"`) ||
		!strings.Contains(tp, `"retention.ms":"604800000"`) || !strings.Contains(tp, `"DeleteOnRemoval":"false"`) {
		t.Errorf("topic = %s", tp)
	}
	_, service := st.ByPathPrefix(t, "AWS::ECS::Service", name+"/KafkaArchive/")
	if deps := testkit.JSON(service["DependsOn"]); !strings.Contains(deps, topicID) {
		t.Errorf("the consumer does not wait for the topic: %s", deps)
	}

	// The weblog chain: shipper → Weblogs → {archive, Flink} → search stream → domain.
	weblogsID, _ := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Weblogs/Resource")
	searchStreamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", name+"/WeblogSearch/Stream/Resource")
	_, web := st.ByPath(t, "AWS::KinesisAnalyticsV2::Application", name+"/WeblogStats/Application")
	props := testkit.JSON(testkit.Props(web)["ApplicationConfiguration"])
	for _, want := range []string{`"PropertyGroupId":"WeblogSource"`, `"sink":"kinesis"`, weblogsID, searchStreamID, `"python":"weblogs.py"`,
		`"jarfile":"lib/flink-connectors.jar"`, `"CheckpointingEnabled":true`, vpcID[:len("NetworkVpc")]} {
		if !strings.Contains(props, want) {
			t.Errorf("WeblogStats lacks %s: %s", want, props)
		}
	}
	_, delivery := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/WeblogSearch/DeliveryStream")
	if d := testkit.JSON(testkit.Props(delivery)); strings.Contains(d, "ProcessingConfiguration") || !strings.Contains(d, `"IndexName":"weblog-stats"`) {
		t.Errorf("the statistics are delivered as they are: %s", d)
	}
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", name+"/WeblogSearch/Domain/Resource")
	cc := testkit.JSON(testkit.Props(domain)["ClusterConfig"])
	for _, want := range []string{`"WarmEnabled":true`, `"WarmCount":2`, `"ColdStorageOptions":{"Enabled":true}`, `"DedicatedMasterEnabled":true`} {
		if !strings.Contains(cc, want) {
			t.Errorf("domain lacks %s: %s", want, cc)
		}
	}
	ism := st.Resources("Custom::OpenSearchIsmPolicy")
	if len(ism) != 1 {
		t.Fatalf("%d ISM policies, want 1", len(ism))
	}
	for _, r := range ism {
		policy := testkit.JSON(testkit.Props(r))
		for _, want := range []string{"warm_migration", "cold_migration", "7d", "30d", "365d", "weblog-stats*"} {
			if !strings.Contains(policy, want) {
				t.Errorf("ISM policy lacks %s: %s", want, policy)
			}
		}
	}
	if len(st.Resources("Custom::OpenSearchSnapshotRepository")) != 1 {
		t.Error("no snapshot repository")
	}
	_, archive := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/WeblogArchive/DeliveryStream")
	if a := testkit.JSON(testkit.Props(archive)); !strings.Contains(a, weblogsID) || !strings.Contains(a, `weblogs/year=`) {
		t.Errorf("archive = %s", a)
	}
	_, instance := st.ByPathPrefix(t, "AWS::EC2::Instance", name+"/WebServer/")
	if ud := testkit.JSON(testkit.Props(instance)["UserData"]); !strings.Contains(ud, "fluent-bit") {
		t.Errorf("the web server does not run Fluent Bit: %.300s", ud)
	}

	// Readings → Anomaly → Anomalies stream → pipe → alarm topic; readings → collection.
	readingsID, _ := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Readings/Resource")
	anomaliesID, _ := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Anomalies/Stream/Resource")
	alarmsID, _ := st.ByPath(t, "AWS::SNS::Topic", name+"/Alarms/Resource")
	_, anomaly := st.ByPath(t, "AWS::KinesisAnalyticsV2::Application", name+"/Anomaly/Application")
	ac := testkit.JSON(testkit.Props(anomaly)["ApplicationConfiguration"])
	for _, want := range []string{readingsID, anomaliesID, `"factor":"6"`, `"python":"anomaly.py"`} {
		if !strings.Contains(ac, want) {
			t.Errorf("Anomaly lacks %s: %s", want, ac)
		}
	}
	_, pipe := st.ByPath(t, "AWS::Pipes::Pipe", name+"/Anomalies/Pipe")
	if p := testkit.JSON(testkit.Props(pipe)); !strings.Contains(p, anomaliesID) || !strings.Contains(p, `"Target":{"Ref":"`+alarmsID+`"}`) || !strings.Contains(p, "anomaly_score") {
		t.Errorf("pipe = %s", p)
	}
	_, collectionDelivery := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/ReadingsSearch/DeliveryStream")
	if d := testkit.JSON(testkit.Props(collectionDelivery)); !strings.Contains(d, readingsID) {
		t.Errorf("collection delivery does not read the readings: %s", d)
	}

	// The consumer reads the topic into the archive's kafka/ prefix.
	_, task := st.ByPathPrefix(t, "AWS::ECS::TaskDefinition", name+"/KafkaArchive/")
	if td := testkit.JSON(testkit.Props(task)); !strings.Contains(td, "sensor-readings") || !strings.Contains(td, `"kafka"`) {
		t.Errorf("consumer task = %.600s", td)
	}
	outputs := testkit.JSON(st.Template["Outputs"])
	for _, want := range []string{"KafkaBootstrapBrokers", "WeblogStatsApplication", "AnomalyApplication", "CollectionEndpoint", "SearchEndpoint", "WebServerId"} {
		if !strings.Contains(outputs, want) {
			t.Errorf("no output %s", want)
		}
	}
}

// TestStreamAnalyticsSandbox: the sandbox's one-node domain has no
// dedicated masters, so no UltraWarm nor cold tier; ISM still deletes.
func TestStreamAnalyticsSandbox(t *testing.T) {
	st := configured("sandbox").Stack(t, "StreamAnalytics")
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", "StreamAnalytics/WeblogSearch/Domain/Resource")
	if cc := testkit.JSON(testkit.Props(domain)["ClusterConfig"]); strings.Contains(cc, `"WarmEnabled":true`) || strings.Contains(cc, "ColdStorageOptions\":{\"Enabled\":true") {
		t.Errorf("sandbox domain has tiers: %s", cc)
	}
	for _, r := range st.Resources("Custom::OpenSearchIsmPolicy") {
		if p := testkit.JSON(testkit.Props(r)); strings.Contains(p, "warm_migration") || !strings.Contains(p, "365d") {
			t.Errorf("sandbox ISM policy = %s", p)
		}
	}
}

// TestStreamAnalyticsAllOptions: the connector with the given plugin, the
// serverless cluster, the follower domain with replication, the Kinesis
// Agent, and the sizes of the context.
func TestStreamAnalyticsAllOptions(t *testing.T) {
	const name = "StreamAnalytics"
	st := configured("all-options").Stack(t, name)
	for typ, n := range map[string]int{
		"AWS::MSK::ServerlessCluster": 1, "AWS::KafkaConnect::Connector": 1, "AWS::KafkaConnect::CustomPlugin": 1,
		"AWS::OpenSearchService::Domain": 2, "Custom::OpenSearchReplication": 1,
	} {
		if got := streamAnalyticsCount(st, typ); got != n {
			t.Errorf("%d %s, want %d", got, typ, n)
		}
	}
	_, topic := st.ByPath(t, "Custom::KafkaTopic", name+"/Topic/Resource/Default")
	if tp := testkit.JSON(testkit.Props(topic)); !strings.Contains(tp, `"Topic":"plant-readings"`) || !strings.Contains(tp, `"retention.ms":"86400000"`) {
		t.Errorf("topic = %s", tp)
	}
	_, connector := st.ByPath(t, "AWS::KafkaConnect::Connector", name+"/KafkaSink/Connector")
	if c := testkit.JSON(testkit.Props(connector)); !strings.Contains(c, `"topics":"plant-readings"`) || !strings.Contains(c, `"topics.dir":"connect"`) {
		t.Errorf("connector = %.800s", c)
	}
	_, msk := st.ByPath(t, "AWS::MSK::Cluster", name+"/Kafka/Cluster")
	if b := testkit.JSON(testkit.Props(msk)["BrokerNodeGroupInfo"]); !strings.Contains(b, "kafka.m7g.xlarge") || !strings.Contains(b, `"VolumeSize":200`) {
		t.Errorf("brokers = %s", b)
	}
	_, instance := st.ByPathPrefix(t, "AWS::EC2::Instance", name+"/WebServer/")
	if ud := testkit.JSON(testkit.Props(instance)["UserData"]); !strings.Contains(ud, "aws-kinesis-agent") {
		t.Errorf("the web server does not run the Kinesis Agent: %.300s", ud)
	}
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", name+"/WeblogSearch/Domain/Resource")
	if cc := testkit.JSON(testkit.Props(domain)["ClusterConfig"]); !strings.Contains(cc, `"WarmCount":3`) || strings.Contains(cc, `"ColdStorageOptions":{"Enabled":true}`) {
		t.Errorf("domain = %s", cc)
	}
	_, anomaly := st.ByPath(t, "AWS::KinesisAnalyticsV2::Application", name+"/Anomaly/Application")
	if ac := testkit.JSON(testkit.Props(anomaly)["ApplicationConfiguration"]); !strings.Contains(ac, `"factor":"8"`) || !strings.Contains(ac, `"Parallelism":2`) {
		t.Errorf("Anomaly = %s", ac)
	}
}
