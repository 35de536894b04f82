package security_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/securityposture"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSecuritypostureDefaults(t *testing.T) {
	st := securitypostureConfigs().Stack(t, securitypostureDefaultsStack)
	hubID, hub := st.ByPath(t, "AWS::SecurityHub::Hub", securitypostureDefaultsStack+"/Posture/Hub")
	if got := testkit.JSON(testkit.Props(hub)); got != `{"AutoEnableControls":true,"ControlFindingGenerator":"SECURITY_CONTROL","EnableDefaultStandards":false}` {
		t.Errorf("hub = %s", got)
	}
	// FSBP v1.0.0 and CIS v3.0.0, ARNs in the stack's partition and region.
	standards := st.Resources("AWS::SecurityHub::Standard")
	if len(standards) != 2 {
		t.Fatalf("%d standards", len(standards))
	}
	var arns []string
	for _, s := range standards {
		arn := testkit.JSON(testkit.Props(s)["StandardsArn"])
		arns = append(arns, arn)
		if !strings.Contains(arn, `{"Ref":"AWS::Partition"}`) || !strings.Contains(arn, `{"Ref":"AWS::Region"}`) || !strings.Contains(arn, `::standards/`) {
			t.Errorf("StandardsArn = %s", arn)
		}
		if !strings.Contains(testkit.JSON(s["DependsOn"]), hubID) {
			t.Errorf("standard does not wait for the hub: %s", testkit.JSON(s))
		}
	}
	all := strings.Join(arns, " ")
	for _, s := range []string{"standards/aws-foundational-security-best-practices/v/1.0.0", "standards/cis-aws-foundations-benchmark/v/3.0.0"} {
		if !strings.Contains(all, s) {
			t.Errorf("standards lack %s: %s", s, all)
		}
	}

	// GuardDuty: S3 protection on, every other feature explicitly off.
	det := testkit.Props(st.Only(t, "AWS::GuardDuty::Detector"))
	want := `[{"Name":"S3_DATA_EVENTS","Status":"ENABLED"},{"Name":"EKS_AUDIT_LOGS","Status":"DISABLED"},{"Name":"EBS_MALWARE_PROTECTION","Status":"DISABLED"},` +
		`{"Name":"RDS_LOGIN_EVENTS","Status":"DISABLED"},{"Name":"LAMBDA_NETWORK_LOGS","Status":"DISABLED"},{"Name":"RUNTIME_MONITORING","Status":"DISABLED"}]`
	if got := testkit.JSON(det["Features"]); got != want {
		t.Errorf("Features = %s", got)
	}
	if det["Enable"] != true || det["FindingPublishingFrequency"] != "FIFTEEN_MINUTES" {
		t.Errorf("detector = %s", testkit.JSON(det))
	}
	if _, ok := det["DataSources"]; ok {
		t.Error("DataSources set: GuardDuty refuses it together with Features")
	}

	// Findings → the encrypted topic.
	_, gd := st.ByPath(t, "AWS::Events::Rule", securitypostureDefaultsStack+"/Posture/GuardDutyFindings/Resource")
	if got := testkit.JSON(testkit.Props(gd)["EventPattern"]); got != `{"detail":{"severity":[{"numeric":["\u003e=",7]}]},"detail-type":["GuardDuty Finding"],"source":["aws.guardduty"]}` {
		t.Errorf("GuardDuty pattern = %s", got)
	}
	_, sh := st.ByPath(t, "AWS::Events::Rule", securitypostureDefaultsStack+"/Posture/SecurityHubFindings/Resource")
	p := testkit.JSON(testkit.Props(sh)["EventPattern"])
	for _, s := range []string{`"source":["aws.securityhub"]`, `"detail-type":["Security Hub Findings - Imported"]`, `"Label":["CRITICAL","HIGH"]`,
		`"Status":["NEW"]`, `"RecordState":["ACTIVE"]`, `"ProductName":[{"anything-but":"GuardDuty"}]`} {
		if !strings.Contains(p, s) {
			t.Errorf("Security Hub pattern lacks %s: %s", s, p)
		}
	}
	b := securitypostureBuilt.defaults
	st.CheckAlarmTopic(t, securitypostureDefaultsStack+"/Posture", b.AlarmTopic, b.AlarmTopicKey)
	if b.Hub == nil || b.Detector == nil || b.HubArn == nil || b.DetectorId == nil || len(b.Standards) != 2 {
		t.Errorf("fields not exposed: %+v", b)
	}
}

func TestSecuritypostureOptions(t *testing.T) {
	st := securitypostureConfigs().Stack(t, securitypostureOptionsStack)
	st.Count(t, "AWS::SecurityHub::Standard", len(securityposture.KnownStandards))
	det := testkit.Props(st.Only(t, "AWS::GuardDuty::Detector"))
	f := testkit.JSON(det["Features"])
	for _, s := range []string{`{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}`, `{"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"}`, `{"Name":"RUNTIME_MONITORING","Status":"DISABLED"}`} {
		if !strings.Contains(f, s) {
			t.Errorf("Features lack %s: %s", s, f)
		}
	}
	if det["FindingPublishingFrequency"] != "ONE_HOUR" {
		t.Errorf("frequency = %v", det["FindingPublishingFrequency"])
	}
	_, gd := st.ByPath(t, "AWS::Events::Rule", securitypostureOptionsStack+"/Posture/GuardDutyFindings/Resource")
	if got := testkit.JSON(testkit.Props(gd)["EventPattern"]); !strings.Contains(got, `["\u003e=",4]`) {
		t.Errorf("GuardDuty pattern = %s", got)
	}
	_, sh := st.ByPath(t, "AWS::Events::Rule", securitypostureOptionsStack+"/Posture/SecurityHubFindings/Resource")
	if got := testkit.JSON(testkit.Props(sh)["EventPattern"]); !strings.Contains(got, `"Label":["CRITICAL"]`) {
		t.Errorf("Security Hub pattern = %s", got)
	}
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", securitypostureOptionsStack+"/Security/Resource")
	if got := testkit.JSON(testkit.Props(gd)["Targets"]); !strings.Contains(got, topicID) {
		t.Errorf("targets = %s", got)
	}
	st.Count(t, "AWS::SNS::Topic", 1)
}

func TestSecuritypostureExisting(t *testing.T) {
	st := securitypostureConfigs().Stack(t, securitypostureExistingStack)
	for _, typ := range []string{"AWS::SecurityHub::Hub", "AWS::SecurityHub::Standard", "AWS::GuardDuty::Detector"} {
		st.Count(t, typ, 0)
	}
	st.Count(t, "AWS::Events::Rule", 2)
	b := securitypostureBuilt.existing
	if *b.HubArn != securitypostureHubArn || *b.DetectorId != securitypostureDetectorId {
		t.Errorf("existing ids: %s %s", *b.HubArn, *b.DetectorId)
	}
}
