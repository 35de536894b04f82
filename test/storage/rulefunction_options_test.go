package storage_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestRulefunctionOptions(t *testing.T) {
	s := rulefunctionOptions()
	st := s.Stack(t, rulefunctionStackName)

	t.Run("event pattern rule, disabled, with custom target retries", func(t *testing.T) {
		fnID, _ := st.ByPath(t, "AWS::Lambda::Function", rulefunctionStackName+"/OnUpload/Function/Resource")
		_, rule := st.ByPath(t, "AWS::Events::Rule", rulefunctionStackName+"/OnUpload/Rule/Resource")
		rulefunctionField(t, "rule", rule, map[string]string{
			"EventPattern": `{"detail-type":["Object Created"],"source":["aws.s3"]}`,
			"State":        `"DISABLED"`,
			"Description":  `"Processes new uploads"`,
		})
		targets := testkit.JSON(testkit.Props(rule)["Targets"])
		if !strings.Contains(targets, `"RetryPolicy":{"MaximumEventAgeInSeconds":7200,"MaximumRetryAttempts":3}`) || !strings.Contains(targets, rulefunctionGetAtt(fnID, "Arn")) {
			t.Errorf("Targets = %s", targets)
		}
	})

	t.Run("function props override defaults; log retention two years", func(t *testing.T) {
		_, fn := st.ByPath(t, "AWS::Lambda::Function", rulefunctionStackName+"/OnUpload/Function/Resource")
		rulefunctionField(t, "function", fn, map[string]string{"Timeout": `300`, "MemorySize": `512`, "Runtime": `"provided.al2023"`})
		_, logs := st.ByPath(t, "AWS::Logs::LogGroup", rulefunctionStackName+"/OnUpload/Logs/Resource")
		rulefunctionField(t, "log group", logs, map[string]string{"RetentionInDays": `731`})
		_, cfg := st.ByPath(t, "AWS::Lambda::EventInvokeConfig", rulefunctionStackName+"/OnUpload/Function/EventInvokeConfig/Resource")
		rulefunctionField(t, "invoke config", cfg, map[string]string{"MaximumRetryAttempts": `0`})
	})

	t.Run("existing function: permission for the rule, no role, no log group, no alarms", func(t *testing.T) {
		ruleID, _ := st.ByPath(t, "AWS::Events::Rule", rulefunctionStackName+"/Existing/Rule/Resource")
		found := false
		for _, p := range st.Resources("AWS::Lambda::Permission") {
			pp := testkit.JSON(testkit.Props(p))
			if strings.Contains(pp, `"FunctionName":"arn:aws:lambda:eu-west-1:111111111111:function:nightly-report"`) && strings.Contains(pp, rulefunctionGetAtt(ruleID, "Arn")) {
				found = true
			}
		}
		if !found {
			t.Errorf("no invoke permission on the existing function for the rule")
		}
		for _, typ := range []string{"AWS::IAM::Role", "AWS::Logs::LogGroup", "AWS::CloudWatch::Alarm", "AWS::SNS::Topic"} {
			for _, r := range st.Resources(typ) {
				if strings.Contains(testkit.JSON(r["Metadata"]), rulefunctionStackName+"/Existing/") {
					t.Errorf("%s created for an existing function without alarms: %v", typ, r["Metadata"])
				}
			}
		}
		_, queue := st.ByPath(t, "AWS::SQS::Queue", rulefunctionStackName+"/Existing/FailureQueue/Resource")
		if testkit.Props(queue)["KmsMasterKeyId"] == nil {
			t.Errorf("failure queue not encrypted")
		}
		if rf := rulefunctionBuilt["options"]["Existing"]; rf.Role != nil || rf.LogGroup != nil || rf.AlarmTopic != nil {
			t.Errorf("Role, LogGroup and AlarmTopic must be nil: %+v", rf)
		}
	})
}
