package analytics_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func flinkappApp(t *testing.T, stack string) (map[string]any, map[string]any) {
	t.Helper()
	s := flinkappConfigs().Stack(t, stack)
	apps := s.Resources("AWS::KinesisAnalyticsV2::Application")
	if len(apps) != 1 {
		t.Fatalf("%s: %d applications", stack, len(apps))
	}
	for _, r := range apps {
		props := testkit.Props(r)
		return props, props["ApplicationConfiguration"].(map[string]any)
	}
	return nil, nil
}

func flinkappGroups(config map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	env, _ := config["EnvironmentProperties"].(map[string]any)
	groups, _ := env["PropertyGroups"].([]any)
	for _, g := range groups {
		m := g.(map[string]any)
		out[m["PropertyGroupId"].(string)] = m["PropertyMap"].(map[string]any)
	}
	return out
}

func TestFlinkappPythonDefaults(t *testing.T) {
	props, config := flinkappApp(t, flinkappWeblogsStack)
	if props["RuntimeEnvironment"] != flinkapp.DefaultRuntime || flinkapp.DefaultRuntime != "FLINK-1_20" {
		t.Errorf("runtime %v", props["RuntimeEnvironment"])
	}
	if props["ApplicationMode"] != "STREAMING" || props["ApplicationName"] != nil {
		t.Errorf("mode %v, name %v", props["ApplicationMode"], props["ApplicationName"])
	}
	flink := config["FlinkApplicationConfiguration"].(map[string]any)
	want := map[string]string{
		"CheckpointConfiguration":  `{"CheckpointInterval":60000,"CheckpointingEnabled":true,"ConfigurationType":"CUSTOM","MinPauseBetweenCheckpoints":5000}`,
		"MonitoringConfiguration":  `{"ConfigurationType":"CUSTOM","LogLevel":"INFO","MetricsLevel":"APPLICATION"}`,
		"ParallelismConfiguration": `{"AutoScalingEnabled":true,"ConfigurationType":"CUSTOM","Parallelism":1,"ParallelismPerKPU":1}`,
	}
	for k, v := range want {
		if got := testkit.JSON(flink[k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if got := testkit.JSON(config["ApplicationSnapshotConfiguration"]); got != `{"SnapshotsEnabled":true}` {
		t.Errorf("snapshots %s", got)
	}
	if got := testkit.JSON(config["ApplicationSystemRollbackConfiguration"]); got != `{"RollbackEnabled":true}` {
		t.Errorf("rollback %s", got)
	}
	if got := testkit.JSON(props["RunConfiguration"]); !strings.Contains(got, `"ApplicationRestoreType":"RESTORE_FROM_LATEST_SNAPSHOT"`) || !strings.Contains(got, `"AllowNonRestoredState":false`) {
		t.Errorf("run configuration %s", got)
	}
	code := testkit.JSON(config["ApplicationCodeConfiguration"])
	if !strings.Contains(code, `"CodeContentType":"ZIPFILE"`) || !strings.Contains(code, "S3ContentLocation") {
		t.Errorf("code %s", code)
	}
	groups := flinkappGroups(config)
	run := testkit.JSON(groups[flinkapp.RunOptionsGroup])
	if run != `{"jarfile":"lib/flink-connectors.jar","pyFiles":"appprops.py,logparse.py","python":"weblogs.py"}` {
		t.Errorf("run options %s", run)
	}
	if src := testkit.JSON(groups["WeblogSource"]); !strings.Contains(src, "stream.arn") {
		t.Errorf("WeblogSource %s", src)
	}
	vpc := testkit.JSON(config["VpcConfigurations"])
	if !strings.Contains(vpc, "SubnetIds") || !strings.Contains(vpc, "SecurityGroupIds") {
		t.Errorf("vpc %s", vpc)
	}
	if flinkappBuilt.weblogs.SecurityGroup == nil || flinkappBuilt.weblogs.Connections == nil {
		t.Error("no security group / connections in a VPC")
	}
	if flinkappBuilt.weblogs.JarMissing == flinkappJarBuilt() {
		t.Errorf("JarMissing = %v, jar built = %v", flinkappBuilt.weblogs.JarMissing, flinkappJarBuilt())
	}
}

// The application warns exactly when its connector jar is missing from the
// package: where flink/connectors/build.sh has run, no warning.
func TestFlinkappJarWarning(t *testing.T) {
	s := flinkappConfigs().Stack(t, flinkappWeblogsStack)
	found := false
	for _, m := range s.Messages {
		if m.Level == "warning" && strings.Contains(m.Text, "flink-connectors.jar is missing") {
			found = true
		}
	}
	if found == flinkappJarBuilt() {
		t.Errorf("warning about the missing connector jar = %v with the jar built = %v: %v", found, flinkappJarBuilt(), s.Messages)
	}
}

func TestFlinkappLogging(t *testing.T) {
	s := flinkappConfigs().Stack(t, flinkappWeblogsStack)
	opts := s.Resources("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption")
	if len(opts) != 1 {
		t.Fatalf("%d logging options", len(opts))
	}
	for _, r := range opts {
		got := testkit.JSON(testkit.Props(r))
		if !strings.Contains(got, ":log-stream:") || !strings.Contains(got, "AWS::Partition") {
			t.Errorf("logging option %s", got)
		}
	}
	for _, r := range s.Resources("AWS::Logs::LogGroup") {
		p := testkit.Props(r)
		if p["KmsKeyId"] == nil {
			t.Errorf("log group without KMS key: %s", testkit.JSON(p))
		}
	}
}

func TestFlinkappRole(t *testing.T) {
	s := flinkappConfigs().Stack(t, flinkappWeblogsStack)
	trust := ""
	for _, r := range s.Resources("AWS::IAM::Role") {
		j := testkit.JSON(testkit.Props(r))
		if strings.Contains(j, "kinesisanalytics.amazonaws.com") {
			trust = j
		}
	}
	if !strings.Contains(trust, `"aws:SourceAccount"`) {
		t.Errorf("trust policy without aws:SourceAccount: %s", trust)
	}
	policies := ""
	for _, r := range s.Resources("AWS::IAM::Policy") {
		policies += testkit.JSON(testkit.Props(r))
	}
	for _, want := range []string{"logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeSubnets", "kinesis:GetRecords", "s3:GetObject*"} {
		if !strings.Contains(policies, want) {
			t.Errorf("role policy lacks %s", want)
		}
	}
	if strings.Contains(policies, `"s3:PutObject`) {
		t.Error("the role may write objects")
	}
}

func TestFlinkappAlarms(t *testing.T) {
	s := flinkappConfigs().Stack(t, flinkappWeblogsStack)
	names := map[string]string{}
	for _, r := range s.Resources("AWS::CloudWatch::Alarm") {
		p := testkit.Props(r)
		names[p["MetricName"].(string)] = testkit.JSON(p)
	}
	for _, m := range []string{"downtime", "numberOfFailedCheckpoints", "millisBehindLatest"} {
		if names[m] == "" {
			t.Errorf("no %s alarm (have %v)", m, names)
		} else if !strings.Contains(names[m], `"AlarmActions"`) || !strings.Contains(names[m], `"OKActions"`) {
			t.Errorf("%s alarm does not notify: %s", m, names[m])
		}
	}
	if !strings.Contains(names["millisBehindLatest"], `"Threshold":60000`) || !strings.Contains(names["millisBehindLatest"], `"Value":"Input"`) {
		t.Errorf("lag alarm %s", names["millisBehindLatest"])
	}
	if len(flinkappBuilt.weblogs.LagAlarms) != 1 || flinkappBuilt.weblogs.DowntimeAlarm == nil {
		t.Error("alarms not exposed")
	}
}

func TestFlinkappOptions(t *testing.T) {
	props, config := flinkappApp(t, flinkappAnomalyStack)
	if props["ApplicationName"] != "rcf-anomaly" || props["RuntimeEnvironment"] != flinkapp.Flink119 {
		t.Errorf("name %v runtime %v", props["ApplicationName"], props["RuntimeEnvironment"])
	}
	flink := config["FlinkApplicationConfiguration"].(map[string]any)
	for k, v := range map[string]string{
		"CheckpointConfiguration":  `{"CheckpointInterval":30000,"CheckpointingEnabled":true,"ConfigurationType":"CUSTOM","MinPauseBetweenCheckpoints":10000}`,
		"MonitoringConfiguration":  `{"ConfigurationType":"CUSTOM","LogLevel":"WARN","MetricsLevel":"OPERATOR"}`,
		"ParallelismConfiguration": `{"AutoScalingEnabled":false,"ConfigurationType":"CUSTOM","Parallelism":4,"ParallelismPerKPU":2}`,
	} {
		if got := testkit.JSON(flink[k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if got := testkit.JSON(config["ApplicationSnapshotConfiguration"]); got != `{"SnapshotsEnabled":false}` {
		t.Errorf("snapshots %s", got)
	}
	if got := testkit.JSON(props["RunConfiguration"]); !strings.Contains(got, "SKIP_RESTORE_FROM_SNAPSHOT") {
		t.Errorf("run configuration %s", got)
	}
	if config["VpcConfigurations"] != nil || flinkappBuilt.anomaly.SecurityGroup != nil {
		t.Error("a VPC without Vpc")
	}
	groups := flinkappGroups(config)
	if got := testkit.JSON(groups[flinkapp.RunOptionsGroup]); got != `{"jarfile":"lib/flink-connectors.jar","pyFiles":"rcf.py,appprops.py","python":"anomaly.py"}` {
		t.Errorf("run options %s", got)
	}
	if got := testkit.JSON(groups["RandomCutForest"]); got != `{"number.of.trees":"50","shingle.size":"4"}` {
		t.Errorf("RandomCutForest %s", got)
	}
	s := flinkappConfigs().Stack(t, flinkappAnomalyStack)
	if n := len(s.Resources("AWS::SNS::Topic")); n != 1 {
		t.Errorf("%d topics: the given AlarmTopic must be used", n)
	}
	for _, r := range s.Resources("AWS::Logs::LogGroup") {
		if d := testkit.Props(r)["RetentionInDays"]; d != float64(731) {
			t.Errorf("retention %v", d)
		}
	}
	policies := ""
	for _, r := range s.Resources("AWS::IAM::Policy") {
		policies += testkit.JSON(testkit.Props(r))
	}
	if !strings.Contains(policies, "kinesis:PutRecords") || strings.Contains(policies, "ec2:CreateNetworkInterface") {
		t.Errorf("anomaly role policies %s", policies)
	}
}

func TestFlinkappJavaPrebuilt(t *testing.T) {
	props, config := flinkappApp(t, flinkappJavaStack)
	if props["RuntimeEnvironment"] != flinkapp.Flink22 {
		t.Errorf("runtime %v", props["RuntimeEnvironment"])
	}
	code := testkit.JSON(config["ApplicationCodeConfiguration"])
	for _, want := range []string{`"FileKey":"apps/stream-etl-1.0.jar"`, `"ObjectVersion":"3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"`, `"CodeContentType":"ZIPFILE"`} {
		if !strings.Contains(code, want) {
			t.Errorf("code %s lacks %s", code, want)
		}
	}
	if config["EnvironmentProperties"] != nil {
		t.Errorf("a Java application gets no run options: %s", testkit.JSON(config["EnvironmentProperties"]))
	}
	s := flinkappConfigs().Stack(t, flinkappJavaStack)
	if n := len(s.Resources("AWS::CloudWatch::Alarm")); n != 0 {
		t.Errorf("%d alarms with CreateAlarms false", n)
	}
	policies := ""
	for _, r := range s.Resources("AWS::IAM::Policy") {
		policies += testkit.JSON(testkit.Props(r))
	}
	if !strings.Contains(policies, "apps/stream-etl-1.0.jar") || !strings.Contains(policies, "kms:Decrypt") {
		t.Errorf("the role must read exactly the jar (and decrypt it): %s", policies)
	}
}
