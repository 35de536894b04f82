package analytics_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mskconnect"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMskconnectDefaults(t *testing.T) {
	st := mskconnectConfigs().Stack(t, mskconnectDefaultsStack)
	conn := testkit.Props(st.Only(t, "AWS::KafkaConnect::Connector"))
	k := mskconnectBuilt.defaults
	want := map[string]string{
		"KafkaConnectVersion":              `"3.7.x"`,
		"KafkaClusterClientAuthentication": `{"AuthenticationType":"IAM"}`,
		"KafkaClusterEncryptionInTransit":  `{"EncryptionType":"TLS"}`,
		"Capacity":                         `{"AutoScaling":{"MaxWorkerCount":2,"McuCount":1,"MinWorkerCount":1,"ScaleInPolicy":{"CpuUtilizationPercentage":20},"ScaleOutPolicy":{"CpuUtilizationPercentage":80}}}`,
		"ConnectorName":                    `"` + k.Name + `"`,
	}
	for key, v := range want {
		if got := testkit.JSON(conn[key]); got != v {
			t.Errorf("%s = %s, want %s", key, got, v)
		}
	}
	cfg := conn["ConnectorConfiguration"].(map[string]any)
	for key, v := range map[string]string{
		"connector.class": mskconnect.DefaultConnectorClass, "topics": "sensor-readings", "topics.dir": "kafka",
		"format.class": "io.confluent.connect.s3.format.json.JsonFormat", "flush.size": "1000", "rotate.interval.ms": "600000",
		"partitioner.class": "io.confluent.connect.storage.partitioner.TimeBasedPartitioner", "path.format": mskconnect.HourlyPathFormat,
		"partition.duration.ms": "3600000", "locale": "en-US", "timezone": "UTC", "tasks.max": "2", "timestamp.extractor": "Record",
	} {
		if cfg[key] != v {
			t.Errorf("connector %s = %v, want %s", key, cfg[key], v)
		}
	}
	for _, key := range []string{"s3.ssea.name", "s3.sse.kms.key.id"} {
		if _, ok := cfg[key]; ok {
			t.Errorf("connector sends its own SSE header (%s): the securebucket denies other encryptions", key)
		}
	}
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", mskconnectDefaultsStack+"/Sink/Bucket/Bucket/Resource")
	if got := testkit.JSON(cfg["s3.bucket.name"]); got != `{"Ref":"`+bucketID+`"}` {
		t.Errorf("s3.bucket.name = %s", got)
	}
	if enc := testkit.JSON(testkit.Props(bucket)["BucketEncryption"]); !strings.Contains(enc, "aws:kms:dsse") {
		t.Errorf("bucket encryption = %s", enc)
	}
	if got := testkit.JSON(cfg["s3.region"]); got != `{"Ref":"AWS::Region"}` {
		t.Errorf("s3.region = %s", got)
	}
	kc := testkit.JSON(conn["KafkaCluster"])
	if !strings.Contains(kc, "b-1.sensors.kafka.eu-west-1.amazonaws.com:9098") || strings.Count(kc, "Subnet") < 2 {
		t.Errorf("KafkaCluster = %s", kc)
	}

	// Plugin from the asset, worker configuration.
	plugin := testkit.Props(st.Only(t, "AWS::KafkaConnect::CustomPlugin"))
	if plugin["ContentType"] != "ZIP" || !strings.Contains(testkit.JSON(plugin["Location"]), ".zip") {
		t.Errorf("plugin = %s", testkit.JSON(plugin))
	}
	wc := testkit.Props(st.Only(t, "AWS::KafkaConnect::WorkerConfiguration"))
	raw, err := base64.StdEncoding.DecodeString(wc["PropertiesFileContent"].(string))
	if err != nil {
		t.Fatal(err)
	}
	props := mskconnectParseProperties(string(raw))
	for key, v := range mskconnect.DefaultWorkerProperties {
		if props[key] != v {
			t.Errorf("worker %s = %q, want %q", key, props[key], v)
		}
	}

	// Logs: CMK, one year, delivered by the connector.
	groupID, group := st.ByPath(t, "AWS::Logs::LogGroup", mskconnectDefaultsStack+"/Sink/WorkerLogs/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", mskconnectDefaultsStack+"/Sink/Key/Resource")
	if gp := testkit.Props(group); gp["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(gp["KmsKeyId"]), keyID) {
		t.Errorf("log group = %s", testkit.JSON(gp))
	}
	if ld := testkit.JSON(conn["LogDelivery"]); !strings.Contains(ld, groupID) || !strings.Contains(ld, `"Enabled":true`) {
		t.Errorf("LogDelivery = %s", ld)
	}

	// Role: trusted by MSK Connect for this connector only.
	_, role := st.ByPath(t, "AWS::IAM::Role", mskconnectDefaultsStack+"/Sink/ServiceExecutionRole/Resource")
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	for _, s := range []string{`"Service":"kafkaconnect.amazonaws.com"`, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`, `:connector/` + k.Name + `/*`, `${AWS::Partition}`} {
		if !strings.Contains(trust, s) && !strings.Contains(trust, strings.ReplaceAll(s, "${AWS::Partition}", `{"Ref":"AWS::Partition"}`)) {
			t.Errorf("trust lacks %s: %s", s, trust)
		}
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", mskconnectDefaultsStack+"/Sink/ServiceExecutionRole/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"kafka-cluster:Connect", "kafka-cluster:ReadData", "/sensor-readings", "/connect-" + k.Name,
		"/__amazon_msk_connect_*", "kafka-cluster:CreateTopic", "s3:PutObject", `/kafka/*`, "kms:GenerateDataKey*"} {
		if !strings.Contains(doc, s) {
			t.Errorf("role lacks %s: %s", s, doc)
		}
	}
	for _, s := range []string{"s3:DeleteObject", `"Action":"*"`, "kafka-cluster:*"} {
		if strings.Contains(doc, s) {
			t.Errorf("role has %s: %s", s, doc)
		}
	}

	// Network: egress to the brokers' port and HTTPS only; the brokers admit it.
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", mskconnectDefaultsStack+"/Sink/SecurityGroup/Resource")
	egress := testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"])
	if !strings.Contains(egress, `"FromPort":443`) || strings.Contains(egress, `"IpProtocol":"-1"`) {
		t.Errorf("egress = %s", egress)
	}
	st.Has(t, "AWS::EC2::SecurityGroupEgress", map[string]any{"FromPort": 9098, "ToPort": 9098})
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"FromPort": 9098, "ToPort": 9098})
}

func TestMskconnectOptions(t *testing.T) {
	st := mskconnectConfigs().Stack(t, mskconnectOptionsStack)
	conn := testkit.Props(st.Only(t, "AWS::KafkaConnect::Connector"))
	if got := testkit.JSON(conn["Capacity"]); got != `{"ProvisionedCapacity":{"McuCount":2,"WorkerCount":2}}` {
		t.Errorf("Capacity = %s", got)
	}
	if conn["ConnectorName"] != "sensor-readings-to-lake" || conn["KafkaConnectVersion"] != "2.7.1" {
		t.Errorf("name/version = %v %v", conn["ConnectorName"], conn["KafkaConnectVersion"])
	}
	cfg := conn["ConnectorConfiguration"].(map[string]any)
	for key, v := range map[string]string{"topics.dir": "raw/sensor-readings", "format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
		"flush.size": "5000", "rotate.interval.ms": "300000", "timezone": "Europe/Paris", "tasks.max": "4", "errors.tolerance": "all"} {
		if cfg[key] != v {
			t.Errorf("connector %s = %v, want %s", key, cfg[key], v)
		}
	}
	plugin := testkit.Props(st.Only(t, "AWS::KafkaConnect::CustomPlugin"))
	if loc := testkit.JSON(plugin["Location"]); !strings.Contains(loc, `"FileKey":"confluentinc-kafka-connect-s3-10.6.7.zip"`) || !strings.Contains(loc, `"ObjectVersion":"v1"`) || !strings.Contains(loc, "my-connect-plugins") {
		t.Errorf("plugin location = %s", loc)
	}
	wc := testkit.Props(st.Only(t, "AWS::KafkaConnect::WorkerConfiguration"))
	raw, _ := base64.StdEncoding.DecodeString(wc["PropertiesFileContent"].(string))
	props := mskconnectParseProperties(string(raw))
	if props["value.converter.schemas.enable"] != "true" || props["offset.flush.interval.ms"] != "30000" {
		t.Errorf("worker properties = %v", props)
	}
	st.Count(t, "AWS::S3::Bucket", 2) // the lake and its access-log bucket: no bucket of the connector
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", mskconnectOptionsStack+"/Sink/ServiceExecutionRole/DefaultPolicy")
	if doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"]); !strings.Contains(doc, "/raw/sensor-readings/*") {
		t.Errorf("role = %s", doc)
	}
	st.Has(t, "AWS::EC2::SecurityGroupEgress", map[string]any{"DestinationPrefixListId": "pl-6da54004", "FromPort": 443, "ToPort": 443})
	if strings.Contains(testkit.JSON(st.Resources("AWS::EC2::SecurityGroup")), "0.0.0.0/0") {
		t.Error("HTTPS egress to any address despite S3PrefixListId")
	}
}

func TestMskconnectRejectedProps(t *testing.T) {
	type props = mskconnect.Props
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *props { return nil }, []string{"mskconnect Bad/Sink: invalid props", "Cluster = nil", `Topic = "": the Kafka topic`, `PluginPath = "": the connector plugin`}},
		{"both plugins", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip,
				PluginBucket: awss3.Bucket_FromBucketName(s, jsii.String("P"), jsii.String("plugins-bucket")), PluginKey: "s3.zip"}
		}, []string{"PluginPath = testdata/s3-sink-dummy.zip: either a local plugin file or PluginBucket/PluginKey, not both"}},
		{"plaintext, unauthenticated", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip, AuthenticationType: "NONE", EncryptionInTransit: "PLAINTEXT"}
		}, []string{"AuthenticationType = NONE: IAM", "EncryptionInTransit = PLAINTEXT: TLS: plaintext client-broker traffic is not allowed"}},
		{"capacity", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip,
				Capacity: &mskconnect.Capacity{MinWorkers: jsii.Number(4), MaxWorkers: jsii.Number(3), McuCount: jsii.Number(3)}}
		}, []string{"Capacity.MinWorkers = 4, Capacity.MaxWorkers = 3: MinWorkers must not exceed MaxWorkers", "Capacity.McuCount = 3: 1, 2, 4 or 8 MSK Connect units per worker"}},
		{"provisioned with scaling", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip,
				Capacity: &mskconnect.Capacity{ProvisionedWorkers: jsii.Number(11), MaxWorkers: jsii.Number(3)}}
		}, []string{"Capacity.ProvisionedWorkers = 11: a whole number from 1 to 10", "Capacity.ProvisionedWorkers = 11: not with MinWorkers"}},
		{"owned keys", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip,
				ConnectorConfiguration: map[string]string{"s3.bucket.name": "other", "s3.ssea.name": "aws:kms", "errors.tolerance": "all"}}
		}, []string{"ConnectorConfiguration[s3.bucket.name] = other: a key the construct sets", "ConnectorConfiguration[s3.ssea.name] = aws:kms"}},
		{"values", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "a,b", PluginPath: "plugin.tar.gz", KafkaConnectVersion: "3.8.x",
				Prefix: "/raw/", Format: "AVRO", Name: "bad name", S3PrefixListId: "sg-1"}
		}, []string{"Topic = a,b: one topic name", "PluginPath = plugin.tar.gz: a .zip or .jar file", "KafkaConnectVersion = 3.8.x: one of 2.7.1, 3.7.x",
			"Prefix = /raw/", "Format = AVRO: JSON or PARQUET", "Name = bad name", "S3PrefixListId = sg-1"}},
		{"parquet without schemas", func(s awscdk.Stack) *props {
			return &props{Cluster: kafkaNewFakeCluster(s), Topic: "t", PluginPath: mskconnectPluginZip, Format: mskconnect.Parquet,
				WorkerProperties: map[string]string{"value.converter.schemas.enable": "false"}}
		}, []string{"WorkerProperties[value.converter.schemas.enable] = false: true with Format PARQUET"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				mskconnect.New(stack, "Sink", c.props(stack))
			}, c.wants...)
		})
	}
}

// mskconnectParseProperties reads a Java properties file (key=value lines).
func mskconnectParseProperties(s string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		out[k] = v
	}
	return out
}
