package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestStreamingComposition: cdk.json's "streaming" settings reach the
// stream, the consumer and the alarm topic; the stack prints what a producer
// and a reader need.
func TestStreamingComposition(t *testing.T) {
	const name = "Streaming"
	env := func(st *testkit.Stack) map[string]string {
		_, task := st.ByPath(t, "AWS::ECS::TaskDefinition", name+"/Sensors/TaskDefinition/Resource")
		out := map[string]string{}
		for _, e := range testkit.Props(task)["ContainerDefinitions"].([]any)[0].(map[string]any)["Environment"].([]any) {
			m := e.(map[string]any)
			out[m["Name"].(string)] = testkit.JSON(m["Value"])
		}
		return out
	}
	t.Run("cdk.json: provisioned 2 shards, 24 h, 5 s / 5 MiB, two tasks, every pattern on, no e-mail", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		streamID, stream := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Sensors/Stream/Resource")
		// Provisioned because the shard scaler (ING-14) needs UpdateShardCount.
		if got := testkit.JSON(testkit.Props(stream)); got != `{"RetentionPeriodHours":24,"ShardCount":2,"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"},"StreamModeDetails":{"StreamMode":"PROVISIONED"}}` {
			t.Errorf("stream = %s", got)
		}
		e := env(st)
		if e["BUFFER_INTERVAL"] != `"5s"` || e["BUFFER_BYTES"] != `"5242880"` || e["PREFIX"] != `"data"` || e["COMPRESSION"] != `"none"` {
			t.Errorf("consumer env = %v", e)
		}
		st.Count(t, "AWS::SNS::Subscription", 0)
		st.Count(t, "AWS::SNS::Topic", 1)
		_, fh := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/SensorsFirehose/DeliveryStream")
		dest := testkit.Props(fh)["ExtendedS3DestinationConfiguration"].(map[string]any)
		if !strings.Contains(testkit.JSON(dest["BucketARN"]), "SensorsDestinationBucket") || !strings.HasPrefix(dest["Prefix"].(string), "firehose/") {
			t.Errorf("Firehose alternative does not write the same bucket under firehose/: %s", testkit.JSON(dest))
		}
		// ING-13: the consumer reads through its enhanced fan-out consumer.
		consumerID, _ := st.ByPath(t, "AWS::Kinesis::StreamConsumer", name+"/Sensors/FanOutConsumer/Resource")
		if !strings.Contains(e["EFO_CONSUMER_ARN"], consumerID) {
			t.Errorf("EFO_CONSUMER_ARN = %s", e["EFO_CONSUMER_ARN"])
		}
		// ING-12: the Lambda consumer polls the same stream.
		esm := st.Only(t, "AWS::Lambda::EventSourceMapping")
		if !strings.Contains(testkit.JSON(testkit.Props(esm)["EventSourceArn"]), streamID) {
			t.Errorf("Lambda consumer does not read the stream: %s", testkit.JSON(testkit.Props(esm)))
		}
		// ING-14: the scaler between 2 and 8 shards.
		_, scaler := st.ByPath(t, "AWS::Lambda::Function", name+"/Scaler/Scaler/Function/Resource")
		if vars := testkit.JSON(testkit.Props(scaler)["Environment"]); !strings.Contains(vars, `"MIN_SHARDS":"2"`) || !strings.Contains(vars, `"MAX_SHARDS":"8"`) {
			t.Errorf("scaler environment = %s", vars)
		}
		// ING-09: the consumer reaches Kinesis through an interface endpoint.
		found := false
		for _, r := range st.Resources("AWS::EC2::VPCEndpoint") {
			if strings.Contains(testkit.JSON(testkit.Props(r)["ServiceName"]), "kinesis-streams") {
				found = true
			}
		}
		if !found {
			t.Errorf("no Kinesis interface endpoint")
		}
		// MON-08: latency and lease-table throttling alarms.
		for _, a := range []string{"GetRecordsLatencyAlarm", "LeaseReadThrottleAlarm", "LeaseWriteThrottleAlarm"} {
			st.ByPath(t, "AWS::CloudWatch::Alarm", name+"/Sensors/"+a+"/Resource")
		}
		// CAT-10: the registry holds the producer's schema; the consumer
		// decodes with it; the producer role may write and look it up.
		_, registry := st.ByPath(t, "AWS::Glue::Registry", name+"/Schemas/Registry")
		schemaID, schema := st.ByPath(t, "AWS::Glue::Schema", name+"/Schemas/Schema-"+producer.SchemaName)
		sp := testkit.Props(schema)
		if sp["SchemaDefinition"] != producer.SensorSchema || sp["DataFormat"] != "AVRO" || sp["Compatibility"] != "BACKWARD" {
			t.Errorf("schema = %s", testkit.JSON(sp))
		}
		if e["SCHEMA_ARN"] != `{"Fn::GetAtt":["`+schemaID+`","Arn"]}` {
			t.Errorf("SCHEMA_ARN = %s", e["SCHEMA_ARN"])
		}
		_, policy := st.ByPath(t, "AWS::IAM::Policy", name+"/ProducerRole/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{`"kinesis:PutRecords"`, `{"Action":"glue:GetSchemaByDefinition","Effect":"Allow","Resource":[{"Fn::GetAtt":["`} {
			if !strings.Contains(doc, want) {
				t.Errorf("producer policy lacks %s: %s", want, doc)
			}
		}
		if strings.Contains(doc, "kinesis:GetRecords") || strings.Contains(doc, "glue:CreateSchema") || strings.Contains(doc, "glue:RegisterSchemaVersion") {
			t.Errorf("producer policy grants more than writing and looking up: %s", doc)
		}
		if registry == nil {
			t.Errorf("no registry")
		}
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"StreamName", "BucketName", "LeaseTableName", "ConsumerLogGroup", "DeliveryStreamName", "LatestReadingsTable", "SchemaRegistryName", "ProducerRoleArn"} {
			if _, ok := outputs[o]; !ok {
				t.Errorf("no output %s", o)
			}
		}
		if st.Template["Description"] == nil {
			t.Errorf("stack has no description")
		}
	})

	t.Run("all options: provisioned 2 shards, 7 days, 30 s / 16 MiB gzip, 3 tasks, fan-out, e-mail", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		_, stream := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Sensors/Stream/Resource")
		sp := testkit.Props(stream)
		if sp["ShardCount"] != 2.0 || sp["RetentionPeriodHours"] != 168.0 || testkit.JSON(sp["StreamModeDetails"]) != `{"StreamMode":"PROVISIONED"}` ||
			testkit.JSON(sp["DesiredShardLevelMetrics"]) != `["ALL"]` {
			t.Errorf("stream = %s", testkit.JSON(sp))
		}
		st.Count(t, "AWS::Glue::Registry", 0)
		if _, ok := env(st)["SCHEMA_ARN"]; ok {
			t.Errorf("SCHEMA_ARN without the schema registry")
		}
		if outputs, _ := st.Template["Outputs"].(map[string]any); outputs["ProducerRoleArn"] != nil {
			t.Errorf("producer role without the schema registry")
		}
		e := env(st)
		if e["BUFFER_INTERVAL"] != `"30s"` || e["BUFFER_BYTES"] != `"16777216"` || e["PREFIX"] != `"iot/raw"` || e["COMPRESSION"] != `"gzip"` ||
			!strings.Contains(e["EFO_CONSUMER_ARN"], "ConsumerARN") {
			t.Errorf("consumer env = %v", e)
		}
		_, service := st.ByPath(t, "AWS::ECS::Service", name+"/Sensors/Service/Service")
		if testkit.Props(service)["DesiredCount"] != 3.0 {
			t.Errorf("DesiredCount = %v", testkit.Props(service)["DesiredCount"])
		}
		sub := st.Only(t, "AWS::SNS::Subscription")
		if p := testkit.Props(sub); p["Protocol"] != "email" || p["Endpoint"] != "data-oncall@example.com" {
			t.Errorf("subscription = %s", testkit.JSON(p))
		}
		st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 0)
		esm := st.Only(t, "AWS::Lambda::EventSourceMapping")
		if !strings.Contains(testkit.JSON(testkit.Props(esm)["EventSourceArn"]), "SensorsStream") {
			t.Errorf("Lambda consumer does not read the stream: %s", testkit.JSON(testkit.Props(esm)))
		}
		_, scaler := st.ByPath(t, "AWS::Lambda::Function", name+"/Scaler/Scaler/Function/Resource")
		if vars := testkit.JSON(testkit.Props(scaler)["Environment"]); !strings.Contains(vars, `"MIN_SHARDS":"2"`) || !strings.Contains(vars, `"MAX_SHARDS":"16"`) {
			t.Errorf("scaler environment = %s", vars)
		}
		st.Count(t, "AWS::SNS::Topic", 1) // every alarm on the stream's topic
	})
}
