package analytics_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logshipper"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// logshipperUserData is the instance's user data with each intrinsic
// replaced by <Ref:...> / <Fn:...>.
func logshipperUserData(t *testing.T, st *testkit.Stack) string {
	t.Helper()
	inst := testkit.Props(st.Only(t, "AWS::EC2::Instance"))
	join := inst["UserData"].(map[string]any)["Fn::Base64"].(map[string]any)["Fn::Join"].([]any)
	var b strings.Builder
	for _, part := range join[1].([]any) {
		switch v := part.(type) {
		case string:
			b.WriteString(v)
		case map[string]any:
			if ref, ok := v["Ref"]; ok {
				b.WriteString("<Ref:" + ref.(string) + ">")
			} else {
				b.WriteString("<Fn>")
			}
		}
	}
	return b.String()
}

// logshipperHeredoc is the content the script writes to file.
func logshipperHeredoc(t *testing.T, script, file string) string {
	t.Helper()
	start := "cat > " + file + " <<'LOGSHIPPER_EOF'\n"
	i := strings.Index(script, start)
	if i < 0 {
		t.Fatalf("user data does not write %s:\n%s", file, script)
	}
	rest := script[i+len(start):]
	return rest[:strings.Index(rest, "\nLOGSHIPPER_EOF")]
}

// logshipperFluentBitSection is one [SECTION] of a classic fluent-bit.conf.
type logshipperFluentBitSection struct {
	name string
	kv   map[string]string
}

func logshipperParseFluentBit(t *testing.T, conf string) []logshipperFluentBitSection {
	t.Helper()
	var out []logshipperFluentBitSection
	for _, line := range strings.Split(conf, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			out = append(out, logshipperFluentBitSection{name: l[1 : len(l)-1], kv: map[string]string{}})
		default:
			f := strings.Fields(l)
			if len(out) == 0 || len(f) != 2 || !strings.HasPrefix(line, "    ") {
				t.Fatalf("bad fluent-bit line %q", line)
			}
			out[len(out)-1].kv[f[0]] = f[1]
		}
	}
	return out
}

// TestLogshipperInstanceInVPC: the instance sits in the VPC through its
// network interface (no SubnetId, which is why the compliance packs'
// EC2InstancesInVPC is suppressed, with that reason).
func TestLogshipperInstanceInVPC(t *testing.T) {
	st := logshipperConfigs().Stack(t, logshipperDefaultsStack)
	for _, r := range st.Resources("AWS::EC2::Instance") {
		p := testkit.Props(r)
		nics, _ := p["NetworkInterfaces"].([]any)
		if p["SubnetId"] != nil || len(nics) != 1 || nics[0].(map[string]any)["SubnetId"] == nil || nics[0].(map[string]any)["AssociatePublicIpAddress"] != false {
			t.Errorf("instance network: SubnetId %v, NetworkInterfaces %s", p["SubnetId"], testkit.JSON(nics))
		}
		rules := testkit.Suppressed(r)
		for _, rule := range []string{"HIPAA.Security-EC2InstancesInVPC", "NIST.800.53.R5-EC2InstancesInVPC", "PCI.DSS.321-EC2InstancesInVPC"} {
			if !slices.Contains(rules, rule) {
				t.Errorf("%s not suppressed: %v", rule, rules)
			}
		}
	}
}

func TestLogshipperDefaults(t *testing.T) {
	st := logshipperConfigs().Stack(t, logshipperDefaultsStack)
	script := logshipperUserData(t, st)
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", logshipperDefaultsStack+"/Weblogs/Resource")
	for _, s := range []string{"#!/bin/bash", "dnf install -y httpd", "systemctl enable --now httpd", "baseurl = https://packages.fluentbit.io/amazonlinux/2023/", "gpgcheck = 1",
		"dnf install -y fluent-bit", "systemctl restart fluent-bit"} {
		if !strings.Contains(script, s) {
			t.Errorf("user data lacks %q:\n%s", s, script)
		}
	}
	if strings.Contains(script, "kinesis-agent") {
		t.Errorf("Fluent Bit user data installs the Kinesis Agent")
	}
	secs := logshipperParseFluentBit(t, logshipperHeredoc(t, script, logshipper.FluentBitConfigPath))
	if len(secs) != 3 || secs[0].name != "SERVICE" || secs[1].name != "INPUT" || secs[2].name != "OUTPUT" {
		t.Fatalf("sections = %v", secs)
	}
	in, out := secs[1].kv, secs[2].kv
	for k, v := range map[string]string{"Name": "tail", "Path": "/var/log/httpd/access_log*", "Parser": "apache2", "Tag": "flow0", "DB": "/var/lib/fluent-bit/flow0.db"} {
		if in[k] != v {
			t.Errorf("INPUT %s = %q, want %q", k, in[k], v)
		}
	}
	for k, v := range map[string]string{"Name": "kinesis_streams", "Match": "flow*", "stream": "<Ref:" + streamID + ">", "region": "<Ref:AWS::Region>"} {
		if out[k] != v {
			t.Errorf("OUTPUT %s = %q, want %q", k, out[k], v)
		}
	}

	// The instance: private, IMDSv2, encrypted EBS, no key pair, AL2023 arm64.
	inst := testkit.Props(st.Only(t, "AWS::EC2::Instance"))
	if inst["InstanceType"] != "c7g.medium" || inst["KeyName"] != nil || inst["Monitoring"] != true {
		t.Errorf("instance = %s", testkit.JSON(inst))
	}
	if bd := testkit.JSON(inst["BlockDeviceMappings"]); !strings.Contains(bd, `"Encrypted":true`) {
		t.Errorf("block devices = %s", bd)
	}
	if img := testkit.JSON(inst["ImageId"]); !strings.Contains(img, "al2023") && !strings.Contains(img, "Ref") {
		t.Errorf("image = %s", img)
	}
	params := testkit.JSON(st.Template["Parameters"])
	if !strings.Contains(params, "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-") || !strings.Contains(params, "arm64") {
		t.Errorf("image parameter = %s", params)
	}
	st.Has(t, "AWS::EC2::LaunchTemplate", map[string]any{"LaunchTemplateData": map[string]any{"MetadataOptions": map[string]any{"HttpTokens": "required", "HttpPutResponseHopLimit": 1}, "Monitoring": map[string]any{"Enabled": true}}})
	if nets := testkit.JSON(inst["NetworkInterfaces"]) + testkit.JSON(inst["SubnetId"]); !strings.Contains(nets, "PrivateSubnet") {
		t.Errorf("subnet = %s", nets)
	}
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", logshipperDefaultsStack+"/WebServer/SecurityGroup/Resource")
	if sp := testkit.Props(sg); sp["SecurityGroupIngress"] != nil || !strings.Contains(testkit.JSON(sp["SecurityGroupEgress"]), `"FromPort":443`) {
		t.Errorf("security group = %s", testkit.JSON(sp))
	}

	// The role: Session Manager, writes to the one stream.
	_, role := st.ByPath(t, "AWS::IAM::Role", logshipperDefaultsStack+"/WebServer/InstanceRole/Resource")
	if mp := testkit.JSON(testkit.Props(role)["ManagedPolicyArns"]); !strings.Contains(mp, "AmazonSSMManagedInstanceCore") {
		t.Errorf("managed policies = %s", mp)
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", logshipperDefaultsStack+"/WebServer/InstanceRole/DefaultPolicy")
	var doc struct{ Statement []map[string]any }
	_ = json.Unmarshal([]byte(testkit.JSON(testkit.Props(pol)["PolicyDocument"])), &doc)
	var actions []string
	for _, s := range doc.Statement {
		res := testkit.JSON(s["Resource"])
		acts := testkit.JSON(s["Action"])
		if strings.Contains(acts, "kinesis:") && res != `{"Fn::GetAtt":["`+streamID+`","Arn"]}` {
			t.Errorf("kinesis statement on %s", res)
		}
		actions = append(actions, acts)
	}
	all := strings.Join(actions, " ")
	for _, a := range []string{"kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards", "kinesis:DescribeStreamSummary", "kms:GenerateDataKey"} {
		if !strings.Contains(all, a) {
			t.Errorf("role lacks %s: %s", a, all)
		}
	}
	for _, a := range []string{"firehose:", "cloudwatch:", "kinesis:GetRecords", "kinesis:*"} {
		if strings.Contains(all, a) {
			t.Errorf("role has %s: %s", a, all)
		}
	}
}

func TestLogshipperKinesisAgent(t *testing.T) {
	st := logshipperConfigs().Stack(t, logshipperAgentStack)
	script := logshipperUserData(t, st)
	for _, s := range []string{"dnf install -y java-17-amazon-corretto-headless", "dnf install -y aws-kinesis-agent || dnf install -y " + logshipper.KinesisAgentRPM,
		"setfacl -m u:aws-kinesis-agent-user:rx /var/log/httpd", "setfacl -d -m u:aws-kinesis-agent-user:r /var/log/app", "systemctl restart aws-kinesis-agent"} {
		if !strings.Contains(script, s) {
			t.Errorf("user data lacks %q:\n%s", s, script)
		}
	}
	raw := logshipperHeredoc(t, script, logshipper.KinesisAgentConfigPath)
	var cfg struct {
		EmitMetrics      bool   `json:"cloudwatch.emitMetrics"`
		FirehoseEndpoint string `json:"firehose.endpoint"`
		KinesisEndpoint  string `json:"kinesis.endpoint"`
		Flows            []struct {
			FilePattern, KinesisStream, DeliveryStream string
			DataProcessingOptions                      []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatalf("agent.json does not parse: %v\n%s", err, raw)
	}
	if !cfg.EmitMetrics || cfg.FirehoseEndpoint != "https://firehose.<Ref:AWS::Region>.<Ref:AWS::URLSuffix>" || cfg.KinesisEndpoint != "" || len(cfg.Flows) != 2 {
		t.Errorf("agent.json = %s", raw)
	}
	f0, f1 := cfg.Flows[0], cfg.Flows[1]
	if f0.FilePattern != "/var/log/httpd/access_log*" || f0.DeliveryStream != "weblogs-to-s3" || f0.KinesisStream != "" ||
		testkit.JSON(f0.DataProcessingOptions) != `[{"logFormat":"COMBINEDAPACHELOG","optionName":"LOGTOJSON"}]` {
		t.Errorf("flow 0 = %+v", f0)
	}
	if testkit.JSON(f1.DataProcessingOptions) != `[{"optionName":"SINGLELINE"},{"customFieldNames":["id","amount"],"optionName":"CSVTOJSON"}]` {
		t.Errorf("flow 1 = %+v", f1)
	}
	inst := testkit.Props(st.Only(t, "AWS::EC2::Instance"))
	if inst["InstanceType"] != "c7a.medium" || !strings.Contains(testkit.JSON(st.Template["Parameters"]), "x86_64") {
		t.Errorf("x86 instance = %v", inst["InstanceType"])
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", logshipperAgentStack+"/WebServer/InstanceRole/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"firehose:PutRecordBatch", ":deliverystream/weblogs-to-s3", "cloudwatch:PutMetricData", `"cloudwatch:namespace":"AWSKinesisAgent"`} {
		if !strings.Contains(doc, s) {
			t.Errorf("role lacks %s: %s", s, doc)
		}
	}
	if strings.Contains(doc, "kinesis:") {
		t.Errorf("role writes to Kinesis: %s", doc)
	}
}

// The rendered configurations alone, with literal names.
func TestLogshipperRenderedConfigs(t *testing.T) {
	d := logshipper.Destination{Stream: "weblogs", Region: "eu-west-1", URLSuffix: "amazonaws.com"}
	var agent map[string]any
	if err := json.Unmarshal([]byte(logshipper.KinesisAgentConfig(logshipper.DefaultFlows(), d)), &agent); err != nil {
		t.Fatal(err)
	}
	if agent["kinesis.endpoint"] != "https://kinesis.eu-west-1.amazonaws.com" || testkit.JSON(agent["flows"]) !=
		`[{"dataProcessingOptions":[{"logFormat":"COMBINEDAPACHELOG","optionName":"LOGTOJSON"}],"filePattern":"/var/log/httpd/access_log*","kinesisStream":"weblogs","partitionKeyOption":"RANDOM"}]` {
		t.Errorf("agent.json = %s", testkit.JSON(agent))
	}
	secs := logshipperParseFluentBit(t, logshipper.FluentBitConfig(logshipper.DefaultFlows(), logshipper.Destination{DeliveryStream: "weblogs-to-s3", Region: "eu-west-1", URLSuffix: "amazonaws.com"}))
	if out := secs[len(secs)-1].kv; out["Name"] != "kinesis_firehose" || out["delivery_stream"] != "weblogs-to-s3" || out["region"] != "eu-west-1" {
		t.Errorf("OUTPUT = %v", out)
	}
}

func TestLogshipperRejectedProps(t *testing.T) {
	type props = logshipper.Props
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *props
		wants []string
	}{
		{"neither", func(awscdk.Stack) *props { return nil }, []string{"logshipper Bad/WebServer: invalid props", "Stream/DeliveryStream = neither set: one destination"}},
		{"both", func(s awscdk.Stack) *props {
			return &props{Stream: logshipperStream(s), DeliveryStream: awskinesisfirehose.DeliveryStream_FromDeliveryStreamName(s, jsii.String("F"), jsii.String("f"))}
		}, []string{"Stream/DeliveryStream = both set: one destination"}},
		{"bad flows", func(s awscdk.Stack) *props {
			return &props{Stream: logshipperStream(s), Agent: "CLOUDWATCH", Flows: []logshipper.Flow{
				{FilePattern: "logs/access_log"},
				{FilePattern: "/var/log/x", Processing: []logshipper.Processing{{Option: "XMLTOJSON"}, {Option: logshipper.LogToJSON, LogFormat: "NGINX"}, {Option: logshipper.CSVToJSON}}},
				{FilePattern: "/var/log/$(reboot)"},
			}}
		}, []string{`Agent = CLOUDWATCH`, `Flows[0].FilePattern = "logs/access_log": an absolute path`, `Flows[1].Processing[0].Option = "XMLTOJSON": SINGLELINE, CSVTOJSON or LOGTOJSON`,
			`Flows[1].Processing[1].LogFormat = "NGINX"`, "Flows[1].Processing[2].CustomFieldNames = none", "Flows[1].Processing[2].Option = CSVTOJSON: only with Agent KinesisAgent",
			`Flows[2].FilePattern = "/var/log/$(reboot)": a path without spaces, quotes or shell characters`}},
		{"public subnet", func(s awscdk.Stack) *props {
			return &props{Stream: logshipperStream(s), VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}
		}, []string{"VpcSubnets = set: only with Vpc", "VpcSubnets = PUBLIC: a private subnet"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				logshipper.New(stack, "WebServer", c.props(stack))
			}, c.wants...)
		})
	}
}
