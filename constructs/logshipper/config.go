package logshipper

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Destination is where a rendered configuration sends the records. Values
// may be CDK tokens (resolved when the user data is rendered).
type Destination struct {
	// Stream or DeliveryStream is the name of the one destination.
	Stream, DeliveryStream string
	// Region and URLSuffix ("amazonaws.com") of the endpoints.
	Region, URLSuffix string
}

// KinesisAgentConfigPath is where the Kinesis Agent reads its configuration.
const KinesisAgentConfigPath = "/etc/aws-kinesis/agent.json"

// FluentBitConfigPath is where the fluent-bit package's service reads its configuration.
const FluentBitConfigPath = "/etc/fluent-bit/fluent-bit.conf"

// KinesisAgentConfig renders /etc/aws-kinesis/agent.json: the regional
// endpoints (the agent defaults to us-east-1 otherwise), CloudWatch
// metrics on, and one flow per Flow with random partition keys.
func KinesisAgentConfig(flows []Flow, d Destination) string {
	type option struct {
		OptionName       string   `json:"optionName"`
		LogFormat        string   `json:"logFormat,omitempty"`
		CustomFieldNames []string `json:"customFieldNames,omitempty"`
		Delimiter        string   `json:"delimiter,omitempty"`
	}
	type flow struct {
		FilePattern           string   `json:"filePattern"`
		KinesisStream         string   `json:"kinesisStream,omitempty"`
		DeliveryStream        string   `json:"deliveryStream,omitempty"`
		PartitionKeyOption    string   `json:"partitionKeyOption,omitempty"`
		DataProcessingOptions []option `json:"dataProcessingOptions,omitempty"`
	}
	cfg := struct {
		EmitMetrics        bool   `json:"cloudwatch.emitMetrics"`
		CloudWatchEndpoint string `json:"cloudwatch.endpoint"`
		KinesisEndpoint    string `json:"kinesis.endpoint,omitempty"`
		FirehoseEndpoint   string `json:"firehose.endpoint,omitempty"`
		Flows              []flow `json:"flows"`
	}{EmitMetrics: true, CloudWatchEndpoint: endpoint("monitoring", d)}
	if d.Stream != "" {
		cfg.KinesisEndpoint = endpoint("kinesis", d)
	} else {
		cfg.FirehoseEndpoint = endpoint("firehose", d)
	}
	for _, f := range flows {
		fl := flow{FilePattern: f.FilePattern, KinesisStream: d.Stream, DeliveryStream: d.DeliveryStream}
		if d.Stream != "" {
			fl.PartitionKeyOption = "RANDOM"
		}
		for _, p := range f.Processing {
			fl.DataProcessingOptions = append(fl.DataProcessingOptions, option{OptionName: p.Option, LogFormat: p.LogFormat, CustomFieldNames: p.CustomFieldNames, Delimiter: p.Delimiter})
		}
		cfg.Flows = append(cfg.Flows, fl)
	}
	out, _ := json.MarshalIndent(cfg, "", "  ")
	return string(out) + "\n"
}

func endpoint(service string, d Destination) string {
	return "https://" + service + "." + d.Region + "." + d.URLSuffix
}

// FluentBitConfig renders fluent-bit.conf (classic format): one tail input
// per Flow (tag flow<i>, offsets in /var/lib/fluent-bit, the stock parser
// matching LOGTOJSON's format), filesystem buffering, and the
// kinesis_streams or kinesis_firehose output.
func FluentBitConfig(flows []Flow, d Destination) string {
	var b strings.Builder
	section := func(name string, kv ...string) {
		fmt.Fprintf(&b, "[%s]\n", name)
		for i := 0; i < len(kv); i += 2 {
			fmt.Fprintf(&b, "    %-18s %s\n", kv[i], kv[i+1])
		}
		b.WriteString("\n")
	}
	section("SERVICE", "Flush", "5", "Log_Level", "info", "Parsers_File", "parsers.conf", "storage.path", "/var/lib/fluent-bit/buffer")
	for i, f := range flows {
		kv := []string{"Name", "tail", "Path", f.FilePattern, "Tag", fmt.Sprintf("flow%d", i),
			"DB", fmt.Sprintf("/var/lib/fluent-bit/flow%d.db", i), "Refresh_Interval", "10", "storage.type", "filesystem"}
		for _, p := range f.Processing {
			if p.Option == LogToJSON {
				kv = append(kv, "Parser", LogFormats[p.LogFormat])
			}
		}
		section("INPUT", kv...)
	}
	if d.Stream != "" {
		section("OUTPUT", "Name", "kinesis_streams", "Match", "flow*", "region", d.Region, "stream", d.Stream, "time_key", "shipped_at")
	} else {
		section("OUTPUT", "Name", "kinesis_firehose", "Match", "flow*", "region", d.Region, "delivery_stream", d.DeliveryStream, "time_key", "shipped_at")
	}
	return b.String()
}
