package firehose

import (
	"fmt"
	"net/url"

	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "firehose"

// PlaceholderHecEndpoint is the default Splunk endpoint: the stack deploys
// with it, and Firehose backs every event up to S3 until a real endpoint is
// configured.
const PlaceholderHecEndpoint = "https://splunk.example.com:8088"

// Config is the "firehose" object of cdk.json's context.
type Config struct {
	// Account and Region pin the stack to an environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// SplunkHecEndpoint is the HEC URL of logstosplunk.
	// @default PlaceholderHecEndpoint
	SplunkHecEndpoint string `json:"splunkHecEndpoint"`
	// SplunkHecTokenSecretName names an existing Secrets Manager secret
	// holding {"hec_token": ...}; empty creates one with a placeholder.
	SplunkHecTokenSecretName string `json:"splunkHecTokenSecretName"`
	// FlowLogsVpcId: a VPC whose flow logs go to Splunk; empty for none.
	FlowLogsVpcId string `json:"flowLogsVpcId"`
	// AlarmEmail, when set, is subscribed to the alarm topic.
	AlarmEmail string `json:"alarmEmail"`
	// IotTopicFilter is the MQTT topic filter of the IoT redaction pipeline.
	// @default "sensors/+/telemetry"
	IotTopicFilter string `json:"iotTopicFilter"`
	// RedactFields are the JSON paths it redacts.
	// @default ["owner.email", "owner.phone", "location.lat", "location.lon"]
	RedactFields []string `json:"redactFields"`
	// EnrichLogGroupName, EnrichTableName, EnrichTableKey and
	// EnrichKeyField turn on the log enrichment pipeline (all four or none).
	EnrichLogGroupName string `json:"enrichLogGroupName"`
	EnrichTableName    string `json:"enrichTableName"`
	EnrichTableKey     string `json:"enrichTableKey"`
	EnrichKeyField     string `json:"enrichKeyField"`
	// OpenSearch turns on the Kinesis → Firehose → OpenSearch pipeline
	// (streamtoopensearch) and the log loader into the same domain.
	// @default true
	OpenSearch *bool `json:"openSearch"`
	// OpenSearchIndexName is the daily index's name before the date.
	// @default "music-events"
	OpenSearchIndexName string `json:"openSearchIndexName"`
	// OpenSearchAdminRoleArns are mapped to all_access in the domain.
	OpenSearchAdminRoleArns []string `json:"openSearchAdminRoleArns"`
	// OpenSearchLogGroupNames are existing log groups streamed into the
	// domain besides the Splunk pipeline's log group.
	OpenSearchLogGroupNames []string `json:"openSearchLogGroupNames"`
}

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.SplunkHecEndpoint == "" {
		c.SplunkHecEndpoint = PlaceholderHecEndpoint
	}
	pr := context.Check(ContextKey)
	pr.Environment(c.Account, c.Region)
	if u, err := url.Parse(c.SplunkHecEndpoint); err != nil || u.Scheme != "https" || u.Host == "" {
		pr.Add("splunkHecEndpoint", c.SplunkHecEndpoint, "an https:// URL of the Splunk HTTP Event Collector")
	}
	if c.FlowLogsVpcId != "" && !vpcIDRE.MatchString(c.FlowLogsVpcId) {
		pr.Add("flowLogsVpcId", c.FlowLogsVpcId, "a VPC id such as vpc-0123456789abcdef0, or empty")
	}
	pr.Email("alarmEmail", c.AlarmEmail)
	if c.IotTopicFilter == "" {
		c.IotTopicFilter = "sensors/+/telemetry"
	}
	if len(c.RedactFields) == 0 {
		c.RedactFields = []string{"owner.email", "owner.phone", "location.lat", "location.lon"}
	}
	if c.OpenSearch == nil {
		c.OpenSearch = jsii.Bool(true)
	}
	if c.OpenSearchIndexName == "" {
		c.OpenSearchIndexName = "music-events"
	}
	set := 0
	for _, v := range []string{c.EnrichLogGroupName, c.EnrichTableName, c.EnrichTableKey, c.EnrichKeyField} {
		if v != "" {
			set++
		}
	}
	if set != 0 && set != 4 {
		pr.Add("enrichLogGroupName/enrichTableName/enrichTableKey/enrichKeyField", fmt.Sprintf("%d of 4 set", set), "all four (log enrichment on) or none")
	}
	pr.Fail()
	return c
}
