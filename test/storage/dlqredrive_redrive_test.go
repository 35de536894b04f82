package storage_test

import (
	"debug/elf"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// actionsByResource maps each resource of a policy document (as JSON) to its
// allowed actions, sorted and space-separated.
func dlqredriveActionsByResource(doc any) map[string]string {
	sets := map[string]map[string]bool{}
	for _, st := range doc.(map[string]any)["Statement"].([]any) {
		m := st.(map[string]any)
		var actions, resources []any
		for key, into := range map[string]*[]any{"Action": &actions, "Resource": &resources} {
			if list, ok := m[key].([]any); ok {
				*into = list
			} else {
				*into = []any{m[key]}
			}
		}
		for _, r := range resources {
			k := testkit.JSON(r)
			if sets[k] == nil {
				sets[k] = map[string]bool{}
			}
			for _, a := range actions {
				sets[k][a.(string)] = true
			}
		}
	}
	out := map[string]string{}
	for r, set := range sets {
		var list []string
		for a := range set {
			list = append(list, a)
		}
		sort.Strings(list)
		out[r] = strings.Join(list, " ")
	}
	return out
}

func dlqredriveGetAtt(lid, attr string) string {
	return `{"Fn::GetAtt":["` + lid + `","` + attr + `"]}`
}

func TestDlqredriveDefaults(t *testing.T) {
	s := dlqredriveDefaults()
	st := s.Stack(t, dlqredriveStackName)
	dlqID, _ := st.ByPath(t, "AWS::SQS::Queue", dlqredriveStackName+"/Orders/DeadLetterQueue/Resource")
	mainID, _ := st.ByPath(t, "AWS::SQS::Queue", dlqredriveStackName+"/Orders/Queue/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", dlqredriveStackName+"/Orders/Key/Resource")
	_, fn := st.ByPath(t, "AWS::Lambda::Function", dlqredriveStackName+"/Redrive/Schedule/Function/Resource")
	fp := testkit.Props(fn)

	t.Run("hourly schedule, disabled until chosen", func(t *testing.T) {
		_, rule := st.ByPath(t, "AWS::Events::Rule", dlqredriveStackName+"/Redrive/Schedule/Rule/Resource")
		p := testkit.Props(rule)
		if p["ScheduleExpression"] != "rate(1 hour)" || p["State"] != "DISABLED" {
			t.Errorf("rule ScheduleExpression=%v State=%v, want rate(1 hour) DISABLED", p["ScheduleExpression"], p["State"])
		}
	})

	t.Run("function: the Go redrive handler for the queue's DLQ", func(t *testing.T) {
		want := `{"Variables":{"DLQ_ARN":` + dlqredriveGetAtt(dlqID, "Arn") + `,"DLQ_URL":{"Ref":"` + dlqID + `"}}}`
		if got := testkit.JSON(fp["Environment"]); got != want {
			t.Errorf("Environment = %s, want %s", got, want)
		}
		if fp["Runtime"] != "provided.al2023" || testkit.JSON(fp["Architectures"]) != `["arm64"]` || fp["Handler"] != "bootstrap" {
			t.Errorf("runtime %v %v %v", fp["Runtime"], fp["Architectures"], fp["Handler"])
		}
		if _, ok := fp["ReservedConcurrentExecutions"]; ok {
			t.Errorf("reserved concurrency fails deployments in new accounts (limit 10)")
		}
	})

	t.Run("asset: a linux/arm64 static ELF named bootstrap, content-addressed", func(t *testing.T) {
		key, _ := fp["Code"].(map[string]any)["S3Key"].(string)
		if !strings.HasSuffix(key, ".zip") || len(key) != 64+4 {
			t.Fatalf("S3Key %q is not a content hash", key)
		}
		dir := filepath.Join(s.Dir, "asset."+strings.TrimSuffix(key, ".zip"))
		f, err := elf.Open(filepath.Join(dir, "bootstrap"))
		if err != nil {
			t.Fatalf("asset %s: %v", dir, err)
		}
		defer f.Close()
		if f.Machine != elf.EM_AARCH64 {
			t.Errorf("bootstrap machine = %v, want AArch64", f.Machine)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("bootstrap is dynamically linked")
			}
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("asset folder holds %d entries, want only bootstrap", len(entries))
		}
	})

	t.Run("role: move-task rights on the DLQ, send on the main queue, KMS on their key, logs, failure queue", func(t *testing.T) {
		_, pol := st.ByPath(t, "AWS::IAM::Policy", dlqredriveStackName+"/Redrive/Schedule/Role/DefaultPolicy/Resource")
		got := dlqredriveActionsByResource(testkit.Props(pol)["PolicyDocument"])
		want := map[string]string{
			dlqredriveGetAtt(dlqID, "Arn"):  "sqs:CancelMessageMoveTask sqs:ChangeMessageVisibility sqs:DeleteMessage sqs:GetQueueAttributes sqs:GetQueueUrl sqs:ListMessageMoveTasks sqs:ReceiveMessage sqs:StartMessageMoveTask",
			dlqredriveGetAtt(mainID, "Arn"): "sqs:GetQueueAttributes sqs:GetQueueUrl sqs:SendMessage",
			dlqredriveGetAtt(keyID, "Arn"):  "kms:Decrypt kms:GenerateDataKey",
		}
		for res, actions := range want {
			if got[res] != actions {
				t.Errorf("actions on %s = %q, want %q", res, got[res], actions)
			}
		}
		if len(got) != 6 { // plus the rule function's log group, failure queue and key
			t.Errorf("policy covers %d resources, want 6: %v", len(got), got)
		}
	})

	t.Run("alarms notify the queue's topic: one topic in the stack", func(t *testing.T) {
		st.Count(t, "AWS::SNS::Topic", 1)
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", dlqredriveStackName+"/Orders/AlarmTopic/Resource")
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", dlqredriveStackName+"/Redrive/Schedule/ErrorsAlarm/Resource")
		if got := testkit.JSON(testkit.Props(alarm)["AlarmActions"]); got != `[{"Ref":"`+topicID+`"}]` {
			t.Errorf("AlarmActions = %s", got)
		}
	})

	t.Run("exposes the rule function's resources", func(t *testing.T) {
		r := dlqredriveBuilt["defaults"]
		if r.Rule == nil || r.Function == nil || r.Role == nil || r.FailureQueue == nil {
			t.Errorf("a field is nil: %+v", r.RuleFunction)
		}
	})
	t.Run("no warnings", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestDlqredriveOptions(t *testing.T) {
	s := dlqredriveOptions()
	st := s.Stack(t, dlqredriveStackName)
	_, rule := st.ByPath(t, "AWS::Events::Rule", dlqredriveStackName+"/Redrive/Schedule/Rule/Resource")
	if p := testkit.Props(rule); p["ScheduleExpression"] != "rate(15 minutes)" || p["State"] != "ENABLED" {
		t.Errorf("rule ScheduleExpression=%v State=%v", p["ScheduleExpression"], p["State"])
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", dlqredriveStackName+"/Redrive/Schedule/Function/Resource")
	vars := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, want := range []string{`"MAX_MESSAGES_PER_SECOND":"50"`, `"MIN_MESSAGES":"10"`} {
		if !strings.Contains(vars, want) {
			t.Errorf("Environment %s lacks %s", vars, want)
		}
	}
	for _, r := range st.Resources("AWS::CloudWatch::Alarm") {
		if strings.Contains(testkit.JSON(r["Metadata"]), "/Redrive/") {
			t.Errorf("CreateAlarms false still created %v", r["Metadata"])
		}
	}
}
