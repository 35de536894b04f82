package stacks_test

import (
	"strings"
	"testing"

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
	t.Run("cdk.json: on-demand, 24 h, 5 s / 5 MiB, two tasks, no e-mail", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		_, stream := st.ByPath(t, "AWS::Kinesis::Stream", name+"/Sensors/Stream/Resource")
		if got := testkit.JSON(testkit.Props(stream)); got != `{"RetentionPeriodHours":24,"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"},"StreamModeDetails":{"StreamMode":"ON_DEMAND"}}` {
			t.Errorf("stream = %s", got)
		}
		e := env(st)
		if e["BUFFER_INTERVAL"] != `"5s"` || e["BUFFER_BYTES"] != `"5242880"` || e["PREFIX"] != `"data"` || e["COMPRESSION"] != `"none"` {
			t.Errorf("consumer env = %v", e)
		}
		st.Count(t, "AWS::Kinesis::StreamConsumer", 0)
		st.Count(t, "AWS::SNS::Subscription", 0)
		st.Count(t, "AWS::SNS::Topic", 1)
		st.Count(t, "AWS::CloudWatch::Alarm", 6) // 4 of streamtos3, 2 of firehosetos3
		st.Count(t, "AWS::Lambda::EventSourceMapping", 0)
		_, fh := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/SensorsFirehose/DeliveryStream")
		dest := testkit.Props(fh)["ExtendedS3DestinationConfiguration"].(map[string]any)
		if !strings.Contains(testkit.JSON(dest["BucketARN"]), "SensorsDestinationBucket") || !strings.HasPrefix(dest["Prefix"].(string), "firehose/") {
			t.Errorf("Firehose alternative does not write the same bucket under firehose/: %s", testkit.JSON(dest))
		}
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"StreamName", "BucketName", "LeaseTableName", "ConsumerLogGroup", "DeliveryStreamName"} {
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
		if sp["ShardCount"] != 2.0 || sp["RetentionPeriodHours"] != 168.0 || testkit.JSON(sp["StreamModeDetails"]) != `{"StreamMode":"PROVISIONED"}` {
			t.Errorf("stream = %s", testkit.JSON(sp))
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
