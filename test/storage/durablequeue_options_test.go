package storage_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestDurablequeueOptions(t *testing.T) {
	s := durablequeueOptions()
	st := s.Stack(t, durablequeueStackName)

	t.Run("FIFO queue gets a FIFO DLQ, SSE-SQS, custom retention (DLQ shorter: FIFO resets the enqueue time), receives and thresholds", func(t *testing.T) {
		_, main := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Fifo/Queue/Resource")
		dlqID, dlq := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Fifo/DeadLetterQueue/Resource")
		mp, dp := testkit.Props(main), testkit.Props(dlq)
		for field, want := range map[string]string{
			"FifoQueue": "true", "SqsManagedSseEnabled": "true", "MessageRetentionPeriod": "1209600",
			"ContentBasedDeduplication": "true", "VisibilityTimeout": "120",
			"RedrivePolicy": `{"deadLetterTargetArn":{"Fn::GetAtt":["` + dlqID + `","Arn"]},"maxReceiveCount":5}`,
		} {
			if got := testkit.JSON(mp[field]); got != want {
				t.Errorf("main %s = %s, want %s", field, got, want)
			}
		}
		for field, want := range map[string]string{"FifoQueue": "true", "SqsManagedSseEnabled": "true", "MessageRetentionPeriod": "864000"} {
			if got := testkit.JSON(dp[field]); got != want {
				t.Errorf("dlq %s = %s, want %s", field, got, want)
			}
		}
		name, _ := mp["QueueName"].(string)
		if !strings.HasSuffix(name, ".fifo") || len(name) > 80 {
			t.Errorf("FIFO queue name %q must end in .fifo and fit 80 characters", name)
		}
		if !strings.Contains(testkit.JSON(dp["RedriveAllowPolicy"]), `:`+name+`"]`) {
			t.Errorf("RedriveAllowPolicy %s does not name %s", testkit.JSON(dp["RedriveAllowPolicy"]), name)
		}
		if _, ok := mp["KmsMasterKeyId"]; ok {
			t.Errorf("SSE-SQS queue must not name a KMS key")
		}
		if durablequeueBuilt["options"]["Fifo"].Key != nil {
			t.Errorf("Key must be nil with SSE-SQS")
		}
		_, dlqAlarm := st.ByPath(t, "AWS::CloudWatch::Alarm", durablequeueStackName+"/Fifo/DeadLetterAlarm/Resource")
		durablequeueCheckAlarm(t, dlqAlarm, map[string]string{"Threshold": "10"})
		_, ageAlarm := st.ByPath(t, "AWS::CloudWatch::Alarm", durablequeueStackName+"/Fifo/OldestMessageAlarm/Resource")
		durablequeueCheckAlarm(t, ageAlarm, map[string]string{"Threshold": "600"})
	})

	t.Run("existing DLQ (its retention is its owner's), existing key and a shared alarm topic", func(t *testing.T) {
		_, main := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Shared/Queue/Resource")
		mp := testkit.Props(main)
		for field, want := range map[string]string{
			"MessageRetentionPeriod": "1209600",
			"RedrivePolicy":          `{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111111111111:shared-dead-letters","maxReceiveCount":3}`,
			"KmsMasterKeyId":         `"arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555"`,
		} {
			if got := testkit.JSON(mp[field]); got != want {
				t.Errorf("%s = %s, want %s", field, got, want)
			}
		}
		if _, named := mp["QueueName"]; named {
			t.Errorf("with an existing DLQ the main queue needs no physical name")
		}
		for _, r := range st.Resources("AWS::SQS::Queue") {
			if strings.Contains(testkit.JSON(r["Metadata"]), "/Shared/DeadLetterQueue") {
				t.Errorf("a DLQ was created next to the existing one")
			}
		}
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", durablequeueStackName+"/Fifo/AlarmTopic/Resource")
		st.Count(t, "AWS::SNS::Topic", 1)
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", durablequeueStackName+"/Shared/DeadLetterAlarm/Resource")
		durablequeueCheckAlarm(t, alarm, map[string]string{
			"Dimensions":   `[{"Name":"QueueName","Value":"shared-dead-letters"}]`,
			"AlarmActions": `[{"Ref":"` + topicID + `"}]`,
		})
	})

	t.Run("unrestricted redrive sources, no alarms, retentions through the CDK props", func(t *testing.T) {
		_, main := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Loose/Queue/Resource")
		_, dlq := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Loose/DeadLetterQueue/Resource")
		if got := testkit.JSON(testkit.Props(dlq)["RedriveAllowPolicy"]); got != `{"redrivePermission":"allowAll"}` {
			t.Errorf("RedriveAllowPolicy = %s", got)
		}
		if m, d := testkit.JSON(testkit.Props(main)["MessageRetentionPeriod"]), testkit.JSON(testkit.Props(dlq)["MessageRetentionPeriod"]); m != "86400" || d != "172800" {
			t.Errorf("MessageRetentionPeriod main %s DLQ %s, want 86400 and 172800", m, d)
		}
		if _, named := testkit.Props(main)["QueueName"]; named {
			t.Errorf("allowAll needs no physical name")
		}
		for _, r := range st.Resources("AWS::CloudWatch::Alarm") {
			if strings.Contains(testkit.JSON(r["Metadata"]), "/Loose/") {
				t.Errorf("CreateAlarms false still created %v", r["Metadata"])
			}
		}
		if dq := durablequeueBuilt["options"]["Loose"]; dq.AlarmTopic != nil || dq.DeadLetterAlarm != nil {
			t.Errorf("alarm fields must be nil without alarms")
		}
		st.Has(t, "AWS::KMS::Alias", map[string]any{"AliasName": "alias/loose-queue"})
	})

	t.Run("no warnings", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s %s: %s", m.Level, m.Path, m.Text)
		}
	})

	t.Run("GrantRedrive: move-task and consume rights on the DLQ, send on the main queue, no wildcard", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", durablequeueStackName+"/Operator/DefaultPolicy/Resource")
		fifoDlq, _ := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Fifo/DeadLetterQueue/Resource")
		fifoMain, _ := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Fifo/Queue/Resource")
		looseKey, _ := st.ByPath(t, "AWS::KMS::Key", durablequeueStackName+"/Loose/Key/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`"sqs:ListMessageMoveTasks"`, `"sqs:StartMessageMoveTask"`, `"sqs:CancelMessageMoveTask"`,
			`"sqs:ReceiveMessage"`, `"sqs:DeleteMessage"`, `{"Fn::GetAtt":["` + fifoDlq + `","Arn"]}`,
			`{"Action":["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:SendMessage"],"Effect":"Allow","Resource":[{"Fn::GetAtt":["` + fifoMain + `","Arn"]}`,
			`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + looseKey + `","Arn"]}}`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("policy lacks %s:\n%s", want, doc)
			}
		}
		if strings.Contains(doc, `*"`) {
			t.Errorf("policy has a wildcard action: %s", doc)
		}
	})
}

func TestDurablequeueSandbox(t *testing.T) {
	s := durablequeueSandboxed()
	st := s.Stack(t, durablequeueStackName)
	for _, typ := range []string{"AWS::SQS::Queue", "AWS::KMS::Key"} {
		for lid, r := range st.Resources(typ) {
			if r["DeletionPolicy"] != "Delete" {
				t.Errorf("%s %s DeletionPolicy = %v, want Delete in sandbox", typ, lid, r["DeletionPolicy"])
			}
		}
	}
	found := false
	for _, m := range st.Findings() {
		if m.Level == "warning" && strings.HasPrefix(m.Text, "sandbox=true:") {
			found = true
		}
	}
	if !found {
		t.Errorf("sandbox stack lacks the sandbox warning: %v", st.Findings())
	}
}
