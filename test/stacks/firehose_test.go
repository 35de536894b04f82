package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestFirehoseComposition: cdk.json's "firehose" settings reach the lake and
// Splunk pipelines; one alarm topic; the outputs a sender needs.
func TestFirehoseComposition(t *testing.T) {
	const name = "FirehoseDelivery"
	t.Run("cdk.json: placeholder HEC endpoint, a new token secret, no flow logs, one topic", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		_, splunk := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/LogsToSplunk/DeliveryStream")
		if got := testkit.Props(splunk)["SplunkDestinationConfiguration"].(map[string]any)["HECEndpoint"]; got != "https://splunk.example.com:8088" {
			t.Errorf("HECEndpoint = %v", got)
		}
		st.Count(t, "AWS::SecretsManager::Secret", 1)
		st.Count(t, "AWS::EC2::FlowLog", 0)
		st.Count(t, "AWS::SNS::Topic", 1)
		st.Count(t, "AWS::Glue::Table", 1)
		_, rule := st.ByPath(t, "AWS::IoT::TopicRule", name+"/IotTelemetry/TopicRule")
		if !strings.Contains(testkit.JSON(testkit.Props(rule)), `SELECT * FROM 'sensors/+/telemetry'`) {
			t.Errorf("IoT rule = %s", testkit.JSON(testkit.Props(rule)))
		}
		st.Count(t, "AWS::Logs::SubscriptionFilter", 1) // Splunk only: no enrichment by default
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"LakeDeliveryStream", "LakeBucket", "LakeTable", "SplunkLogGroup", "SplunkHecTokenSecret"} {
			if _, ok := outputs[o]; !ok {
				t.Errorf("no output %s", o)
			}
		}
	})
	t.Run("all options: endpoint, existing secret, flow logs of the VPC, e-mail", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		_, splunk := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/LogsToSplunk/DeliveryStream")
		d := testkit.JSON(testkit.Props(splunk))
		if !strings.Contains(d, `"HECEndpoint":"https://hec.splunk.example.org:443"`) || !strings.Contains(d, ":secret:splunk/hec") {
			t.Errorf("splunk destination = %s", d)
		}
		st.Count(t, "AWS::SecretsManager::Secret", 0)
		fl := st.Only(t, "AWS::EC2::FlowLog")
		if testkit.Props(fl)["ResourceId"] != "vpc-0123456789abcdef0" {
			t.Errorf("flow log = %s", testkit.JSON(testkit.Props(fl)))
		}
		_, rfn := st.ByPath(t, "AWS::Lambda::Function", name+"/IotTelemetry/Redactor/Function/Resource")
		if !strings.Contains(testkit.JSON(testkit.Props(rfn)["Environment"]), `"REDACT_FIELDS":"operator.name"`) {
			t.Errorf("redactor env = %s", testkit.JSON(testkit.Props(rfn)["Environment"]))
		}
		_, efn := st.ByPath(t, "AWS::Lambda::Function", name+"/LogEnrichment/Enricher/Function/Resource")
		if env := testkit.JSON(testkit.Props(efn)["Environment"]); !strings.Contains(env, `"TABLE_NAME":"customers"`) || !strings.Contains(env, `"KEY_FIELD":"customer.id"`) {
			t.Errorf("enricher env = %s", env)
		}
		sub := st.Only(t, "AWS::SNS::Subscription")
		if testkit.Props(sub)["Endpoint"] != "data-oncall@example.com" {
			t.Errorf("subscription = %s", testkit.JSON(testkit.Props(sub)))
		}
	})
}
