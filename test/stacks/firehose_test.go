package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/firehose"
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
		st.Count(t, "AWS::EC2::FlowLog", 1) // the OpenSearch VPC's own; none for Splunk
		st.Count(t, "AWS::SNS::Topic", 1)
		st.Count(t, "AWS::Glue::Table", 1)
		_, rule := st.ByPath(t, "AWS::IoT::TopicRule", name+"/IotTelemetry/TopicRule")
		if !strings.Contains(testkit.JSON(testkit.Props(rule)), `SELECT * FROM 'sensors/+/telemetry'`) {
			t.Errorf("IoT rule = %s", testkit.JSON(testkit.Props(rule)))
		}
		st.Count(t, "AWS::Logs::SubscriptionFilter", 2) // Splunk and the OpenSearch log loader: no enrichment by default
		_, search := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", name+"/MusicSearch/DeliveryStream")
		if got := testkit.JSON(testkit.Props(search)["AmazonopensearchserviceDestinationConfiguration"]); !strings.Contains(got, `"IndexName":"music-events","IndexRotationPeriod":"OneDay"`) {
			t.Errorf("search delivery = %s", got)
		}
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"LakeDeliveryStream", "LakeBucket", "LakeTable", "SplunkLogGroup", "SplunkHecTokenSecret", "SearchStream", "SearchDomainEndpoint"} {
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
		_, fl := st.ByPath(t, "AWS::EC2::FlowLog", name+"/LogsToSplunk/FlowLog1")
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
		_, cr := st.ByPath(t, "Custom::OpenSearchRoleMapping", name+"/MusicSearch/RoleMapping/Default")
		if got := testkit.JSON(testkit.Props(cr)); !strings.Contains(got, `plays*`) || !strings.Contains(got, `"AdminBackendRoles":"arn:aws:iam::111111111111:role/search-admins"`) {
			t.Errorf("role mapping = %s", got)
		}
		st.Count(t, "AWS::Logs::SubscriptionFilter", 4) // Splunk, enrichment, and two log groups into OpenSearch
		sub := st.Only(t, "AWS::SNS::Subscription")
		if testkit.Props(sub)["Endpoint"] != "data-oncall@example.com" {
			t.Errorf("subscription = %s", testkit.JSON(testkit.Props(sub)))
		}
	})
	t.Run("openSearch false: no domain, no stream, no search outputs", func(t *testing.T) {
		s := firehoseNoSearch()
		st := s.Stack(t, name)
		for _, typ := range []string{"AWS::OpenSearchService::Domain", "AWS::Kinesis::Stream", "Custom::OpenSearchRoleMapping", "AWS::EC2::VPC"} {
			st.Count(t, typ, 0)
		}
		st.Count(t, "AWS::Logs::SubscriptionFilter", 1) // Splunk only
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"SearchStream", "SearchDomainEndpoint"} {
			if _, ok := outputs[o]; ok {
				t.Errorf("output %s without OpenSearch", o)
			}
		}
	})
}

var firehoseNoSearch = testkit.Register("firehose-no-search", map[string]any{"firehose": map[string]any{"openSearch": false}}, func(scope constructs.Construct) {
	firehose.New(scope, "FirehoseDelivery", firehose.ConfigFrom(scope))
})
