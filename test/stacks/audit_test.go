package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/audit"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// auditContains fails for each want missing from got.
func auditContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

// TestAuditDefaults: as committed, a new multi-region trail records the
// management events and the data events of exactly the lake's two buckets
// (read from GlueEtl and SecureStorage), with Insights; AWS Config records
// every resource with the data-store rules; Security Hub with two
// standards and GuardDuty with S3 protection; every alarm and finding goes
// to the stack's one topic. No CloudTrail Lake (closed to new customers).
func TestAuditDefaults(t *testing.T) {
	const name = "Audit"
	st := configured("cdk.json").Stack(t, name)
	for typ, n := range map[string]int{
		"AWS::CloudTrail::Trail": 1, "AWS::CloudTrail::EventDataStore": 0, "AWS::Config::ConfigurationRecorder": 1,
		"AWS::Config::DeliveryChannel": 1, "AWS::Config::ConfigRule": 7, "AWS::Config::ConformancePack": 0,
		"AWS::CloudFormation::StackSet": 0, "AWS::SecurityHub::Hub": 1, "AWS::SecurityHub::Standard": 2,
		"AWS::GuardDuty::Detector": 1, "AWS::SNS::Topic": 1, "AWS::Logs::QueryDefinition": 5, "AWS::CloudWatch::Alarm": 2,
	} {
		if got := len(st.Resources(typ)); got != n {
			t.Errorf("%d %s, want %d", got, typ, n)
		}
	}
	trail := testkit.JSON(testkit.Props(st.Only(t, "AWS::CloudTrail::Trail")))
	auditContains(t, "trail", trail, `"EnableLogFileValidation":true`, `"IsMultiRegionTrail":true`,
		`"InsightSelectors":[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight"}]`,
		`{"Equals":["Management"],"Field":"eventCategory"}`, `{"Equals":["AWS::S3::Object"],"Field":"resources.type"}`,
		`"OutputName":"PublishOutputFnGetAttLakeBucket`, `"OutputName":"PublishOutputFnGetAttDataBucket`)
	if strings.Contains(trail, `"readOnly"`) || strings.Contains(trail, "AWS::Lambda::Function") {
		t.Errorf("reads and writes of the buckets only, no Lambda data events by default: %s", trail)
	}
	// Exactly the two buckets: no selector without a resources.ARN scope.
	if n := strings.Count(trail, `"Field":"resources.ARN"`); n != 1 || strings.Count(trail, `"/"]]}`) != 2 {
		t.Errorf("data events are not scoped to the two buckets: %s", trail)
	}

	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", name+"/Alarms/Resource")
	for id, rule := range st.Resources("AWS::Events::Rule") {
		if got := testkit.JSON(testkit.Props(rule)["Targets"]); !strings.Contains(got, `{"Ref":"`+topicID+`"}`) {
			t.Errorf("rule %s does not notify the stack's topic: %s", id, got)
		}
	}
	for id, alarm := range st.Resources("AWS::CloudWatch::Alarm") {
		if got := testkit.JSON(testkit.Props(alarm)["AlarmActions"]); got != `[{"Ref":"`+topicID+`"}]` {
			t.Errorf("alarm %s actions = %s", id, got)
		}
	}
	_, detector := st.ByPath(t, "AWS::GuardDuty::Detector", name+"/Posture/Detector")
	auditContains(t, "detector", testkit.JSON(detector), `{"Name":"S3_DATA_EVENTS","Status":"ENABLED"}`, `{"Name":"RDS_LOGIN_EVENTS","Status":"DISABLED"}`)
	auditContains(t, "standards", testkit.JSON(st.Resources("AWS::SecurityHub::Standard")),
		"standards/aws-foundational-security-best-practices/v/1.0.0", "standards/cis-aws-foundations-benchmark/v/3.0.0")
	outputs, _ := st.Template["Outputs"].(map[string]any)
	for _, o := range []string{"AlarmTopic", "TrailBucket", "TrailLogGroup", "ConfigBucket", "SecurityHubArn", "GuardDutyDetectorId"} {
		if _, ok := outputs[o]; !ok {
			t.Errorf("no output %s", o)
		}
	}
}

// TestAuditAllOptions: the writes only, a function's invocations, the
// lake with its retention, a conformance pack rolled out by a stack set,
// NIST and CIS, and an extra GuardDuty feature.
func TestAuditAllOptions(t *testing.T) {
	st := configured("all-options").Stack(t, "Audit")
	trail := testkit.JSON(testkit.Props(st.Only(t, "AWS::CloudTrail::Trail")))
	auditContains(t, "trail", trail, `{"Equals":["false"],"Field":"readOnly"}`, `{"Equals":["AWS::Lambda::Function"],"Field":"resources.type"}`,
		"arn:aws:lambda:eu-west-1:111111111111:function:orders-api")
	if strings.Contains(trail, "InsightSelectors") {
		t.Errorf("insights is off: %s", trail)
	}
	store := testkit.JSON(testkit.Props(st.Only(t, "AWS::CloudTrail::EventDataStore")))
	auditContains(t, "event data store", store, `"RetentionPeriod":730`)
	if len(st.Resources("AWS::Config::ConfigRule")) != 0 {
		t.Errorf("rules outside the conformance pack")
	}
	st.Count(t, "AWS::Config::ConformancePack", 1)
	set := testkit.JSON(testkit.Props(st.Only(t, "AWS::CloudFormation::StackSet")))
	auditContains(t, "stack set", set, `"PermissionModel":"SERVICE_MANAGED"`, `"ou-ab12-34cd56ef"`, `"eu-central-1"`)
	auditContains(t, "standards", testkit.JSON(st.Resources("AWS::SecurityHub::Standard")), "standards/nist-800-53/v/5.0.0")
	auditContains(t, "detector", testkit.JSON(st.Only(t, "AWS::GuardDuty::Detector")), `{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}`)
}

// auditExisting is an account with Control Tower: its organization trail
// (with its log group), recorder, hub and detector already exist.
var auditExisting = testkit.Register("audit-existing", map[string]any{"audit": map[string]any{
	"trail":       map[string]any{"existing": true, "existingLogGroup": "aws-controltower/CloudTrailLogs"},
	"config":      map[string]any{"existingRecorder": true},
	"securityHub": map[string]any{"existingHubArn": "arn:aws:securityhub:eu-west-1:111111111111:hub/default"},
	"guardDuty":   map[string]any{"existingDetectorId": "12abc34d567e8fa901bc2d34e56789f0"},
}}, func(scope constructs.Construct) {
	audit.New(scope, "Audit", audit.ConfigFrom(scope), nil)
})

// TestAuditExisting: nothing the account already has is created again;
// the queries and CIS alarms use the existing trail's log group, the rules
// and the findings rules are still added.
func TestAuditExisting(t *testing.T) {
	s := auditExisting()
	s.Require(t)
	st := s.Stack(t, "Audit")
	for typ, n := range map[string]int{
		"AWS::CloudTrail::Trail": 0, "AWS::Config::ConfigurationRecorder": 0, "AWS::Config::DeliveryChannel": 0,
		"AWS::SecurityHub::Hub": 0, "AWS::SecurityHub::Standard": 0, "AWS::GuardDuty::Detector": 0,
		"AWS::Config::ConfigRule": 7, "AWS::Events::Rule": 3, "AWS::CloudWatch::Alarm": 2, "AWS::Logs::QueryDefinition": 5,
	} {
		if got := len(st.Resources(typ)); got != n {
			t.Errorf("%d %s, want %d", got, typ, n)
		}
	}
	auditContains(t, "queries", testkit.JSON(st.Resources("AWS::Logs::QueryDefinition")), `"LogGroupNames":["aws-controltower/CloudTrailLogs"]`)
	auditContains(t, "detector output", testkit.JSON(st.Template["Outputs"]), "12abc34d567e8fa901bc2d34e56789f0")
}
