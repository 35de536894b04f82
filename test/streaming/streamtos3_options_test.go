package streaming_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func streamtos3ContainerEnv(t *testing.T, st *testkit.Stack, path string) (map[string]any, map[string]string) {
	t.Helper()
	_, task := st.ByPath(t, "AWS::ECS::TaskDefinition", path)
	container := testkit.Props(task)["ContainerDefinitions"].([]any)[0].(map[string]any)
	env := map[string]string{}
	for _, e := range container["Environment"].([]any) {
		m := e.(map[string]any)
		env[m["Name"].(string)] = testkit.JSON(m["Value"])
	}
	return testkit.Props(task), env
}

func TestStreamtos3TunedOptions(t *testing.T) {
	s := streamtos3Options()
	st := s.Stack(t, streamtos3StackName)
	p := streamtos3StackName + "/Tuned/"
	streamID, stream := st.ByPath(t, "AWS::Kinesis::Stream", p+"Stream/Resource")
	consumerID, consumer := st.ByPath(t, "AWS::Kinesis::StreamConsumer", p+"FanOutConsumer/Resource")
	task, env := streamtos3ContainerEnv(t, st, p+"TaskDefinition/Resource")

	t.Run("provisioned stream with 4 shards, 7 days, the given key, the user's StreamProps", func(t *testing.T) {
		got := testkit.JSON(testkit.Props(stream))
		want := `{"DesiredShardLevelMetrics":["IteratorAgeMilliseconds"],"RetentionPeriodHours":168,"ShardCount":4,"StreamEncryption":{"EncryptionType":"KMS","KeyId":"` + streamtos3StreamKey + `"},"StreamModeDetails":{"StreamMode":"PROVISIONED"}}`
		if got != want {
			t.Errorf("stream = %s\nwant %s", got, want)
		}
	})

	t.Run("buffering, compression, prefix and replay position reach the consumer", func(t *testing.T) {
		for k, v := range map[string]string{
			"BUFFER_INTERVAL":  `"30s"`,
			"BUFFER_BYTES":     `"1048576"`,
			"COMPRESSION":      `"gzip"`,
			"PREFIX":           `"iot/raw"`,
			"INITIAL_POSITION": `"AT_TIMESTAMP"`,
			"START_TIMESTAMP":  `"` + streamtos3ReplayStart + `"`,
			"EFO_CONSUMER_ARN": `{"Fn::GetAtt":["` + consumerID + `","ConsumerARN"]}`,
		} {
			if env[k] != v {
				t.Errorf("%s = %s, want %s", k, env[k], v)
			}
		}
	})

	t.Run("enhanced fan-out consumer on the stream, with SubscribeToShard granted on it", func(t *testing.T) {
		cp := testkit.Props(consumer)
		if testkit.JSON(cp["StreamARN"]) != `{"Fn::GetAtt":["`+streamID+`","Arn"]}` || !strings.HasPrefix(cp["ConsumerName"].(string), st.Name+"-Tuned-") {
			t.Errorf("consumer = %s", testkit.JSON(cp))
		}
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"TaskRole/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		want := `{"Action":["kinesis:DescribeStreamConsumer","kinesis:SubscribeToShard"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + consumerID + `","ConsumerARN"]}}`
		if !strings.Contains(doc, want) {
			t.Errorf("task policy lacks %s\n%s", want, doc)
		}
		if !strings.Contains(doc, `{"Action":"kms:Decrypt","Effect":"Allow","Resource":"`+streamtos3StreamKey+`"}`) {
			t.Errorf("task policy cannot decrypt the stream's key:\n%s", doc)
		}
		if !strings.Contains(doc, `"/iot/raw/*"`) {
			t.Errorf("PutObject not scoped to the prefix:\n%s", doc)
		}
	})

	t.Run("iterator-age alarm reads the fan-out consumer's MillisBehindLatest, 10 min, shared topic", func(t *testing.T) {
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"IteratorAgeAlarm/Resource")
		ap := testkit.Props(alarm)
		if ap["MetricName"] != "SubscribeToShardEvent.MillisBehindLatest" || ap["Threshold"] != 600000.0 ||
			testkit.JSON(ap["Dimensions"]) != `[{"Name":"ConsumerName","Value":{"Fn::GetAtt":["`+consumerID+`","ConsumerName"]}},{"Name":"StreamName","Value":{"Ref":"`+streamID+`"}}]` {
			t.Errorf("iterator age alarm = %s", testkit.JSON(ap))
		}
		if testkit.JSON(ap["AlarmActions"]) != `["`+streamtos3TopicArn+`"]` {
			t.Errorf("AlarmActions = %s", testkit.JSON(ap["AlarmActions"]))
		}
		for _, r := range st.Resources("AWS::SNS::Topic") {
			if path := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasPrefix(path, p) {
				t.Errorf("a topic was created although AlarmTopic was given: %s", path)
			}
		}
		_, tc := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"TaskCountAlarm/Resource")
		if testkit.Props(tc)["Threshold"] != 3.0 {
			t.Errorf("task count threshold = %v, want the desired count 3", testkit.Props(tc)["Threshold"])
		}
	})

	t.Run("3 tasks of 0.5 vCPU / 2 GiB, logs kept two years", func(t *testing.T) {
		_, service := st.ByPath(t, "AWS::ECS::Service", p+"Service/Service")
		if testkit.Props(service)["DesiredCount"] != 3.0 || task["Cpu"] != "512" || task["Memory"] != "2048" {
			t.Errorf("DesiredCount=%v Cpu=%v Memory=%v", testkit.Props(service)["DesiredCount"], task["Cpu"], task["Memory"])
		}
		_, logs := st.ByPath(t, "AWS::Logs::LogGroup", p+"Logs/Resource")
		if testkit.Props(logs)["RetentionInDays"] != 731.0 {
			t.Errorf("RetentionInDays = %v", testkit.Props(logs)["RetentionInDays"])
		}
	})

	t.Run("BucketProps and LeaseTableProps reach the new resources", func(t *testing.T) {
		_, bucket := st.ByPath(t, "AWS::S3::Bucket", p+"Destination/Bucket/Resource")
		if enc := testkit.JSON(testkit.Props(bucket)["BucketEncryption"]); !strings.Contains(enc, `"SSEAlgorithm":"aws:kms"`) {
			t.Errorf("bucket encryption = %s, want SSE-KMS", enc)
		}
		_, table := st.ByPath(t, "AWS::DynamoDB::Table", p+"LeaseTable/Resource")
		if testkit.Props(table)["DeletionProtectionEnabled"] != true {
			t.Errorf("lease table DeletionProtectionEnabled = %v", testkit.Props(table)["DeletionProtectionEnabled"])
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestStreamtos3ExistingResources(t *testing.T) {
	s := streamtos3Options()
	st := s.Stack(t, streamtos3StackName)
	p := streamtos3StackName + "/Existing/"
	task, env := streamtos3ContainerEnv(t, st, p+"TaskDefinition/Resource")

	t.Run("nothing is created for what was given", func(t *testing.T) {
		for _, r := range []struct{ typ, path string }{
			{"AWS::Kinesis::Stream", "Stream"}, {"AWS::S3::Bucket", "Destination"}, {"AWS::EC2::VPC", "Vpc"},
			{"AWS::ECS::Cluster", "Cluster"}, {"AWS::KMS::Key", "Key"}, {"AWS::CloudWatch::Alarm", ""}, {"AWS::SNS::Topic", ""},
		} {
			for id, res := range st.Resources(r.typ) {
				if path := res["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasPrefix(path, p+r.path) {
					t.Errorf("%s %s (%s) created", r.typ, id, path)
				}
			}
		}
	})

	t.Run("consumer reads the given stream and writes the given bucket, runs the given image", func(t *testing.T) {
		if env["STREAM_NAME"] != `"sensor-events"` || env["BUCKET"] != `"company-lake"` {
			t.Errorf("STREAM_NAME=%s BUCKET=%s", env["STREAM_NAME"], env["BUCKET"])
		}
		image := testkit.JSON(task["ContainerDefinitions"].([]any)[0].(map[string]any)["Image"])
		if !strings.Contains(image, "/kinesistos3:v1.2.3") {
			t.Errorf("Image = %s", image)
		}
		_, service := st.ByPath(t, "AWS::ECS::Service", p+"Service/Service")
		sp := testkit.Props(service)
		if sp["Cluster"] != "data-consumers" || !strings.Contains(testkit.JSON(sp["NetworkConfiguration"]), `"Subnets":["subnet-0aaaaaaaaaaaaaaa1","subnet-0aaaaaaaaaaaaaaa2"]`) {
			t.Errorf("service = %s", testkit.JSON(sp))
		}
	})

	t.Run("grants name the given resources and their keys", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"TaskRole/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`"Resource":"` + streamtos3StreamArn + `"`,
			`{"Action":"kms:Decrypt","Effect":"Allow","Resource":"` + streamtos3StreamKey + `"}`,
			`{"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::company-lake/data/*"}`,
			`{"Action":"kms:GenerateDataKey","Effect":"Allow","Resource":"` + streamtos3BucketKey + `"}`,
			`"Resource":"` + streamtos3KeyArn + `"`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("task policy lacks %s\n%s", want, doc)
			}
		}
	})

	t.Run("lease table and logs use the given key", func(t *testing.T) {
		_, table := st.ByPath(t, "AWS::DynamoDB::Table", p+"LeaseTable/Resource")
		if !strings.Contains(testkit.JSON(testkit.Props(table)["SSESpecification"]), streamtos3KeyArn) {
			t.Errorf("lease table SSE = %s", testkit.JSON(testkit.Props(table)["SSESpecification"]))
		}
		_, logs := st.ByPath(t, "AWS::Logs::LogGroup", p+"Logs/Resource")
		if testkit.Props(logs)["KmsKeyId"] != streamtos3KeyArn {
			t.Errorf("log group key = %v", testkit.Props(logs)["KmsKeyId"])
		}
	})

	t.Run("New exposes what was given, and nil for what is off", func(t *testing.T) {
		c := streamtos3Built["options"]["Existing"]
		if c.SecureBucket != nil || c.AlarmTopic != nil || c.IteratorAgeAlarm != nil || c.TaskCountAlarm != nil || c.FanOutConsumer != nil {
			t.Errorf("unexpected non-nil field: %+v", c)
		}
		if *c.Stream.StreamName() != "sensor-events" || c.Cluster == nil || c.Vpc == nil {
			t.Errorf("Stream/Cluster/Vpc not the given ones")
		}
	})
}
