package storage_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	durablequeueSevenDays    = 604800
	durablequeueFourteenDays = 1209600
)

func TestDurablequeueDefaults(t *testing.T) {
	s := durablequeueDefaults()
	st := s.Stack(t, durablequeueStackName)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", durablequeueStackName+"/Orders/Key/Resource")
	mainID, main := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Orders/Queue/Resource")
	dlqID, dlq := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Orders/DeadLetterQueue/Resource")
	mp, dp := testkit.Props(main), testkit.Props(dlq)

	t.Run("main queue keeps messages 7 days and dead-letters after 3 receives", func(t *testing.T) {
		if got := testkit.JSON(mp["MessageRetentionPeriod"]); got != "604800" {
			t.Errorf("MessageRetentionPeriod = %s, want %d", got, durablequeueSevenDays)
		}
		want := `{"deadLetterTargetArn":{"Fn::GetAtt":["` + dlqID + `","Arn"]},"maxReceiveCount":3}`
		if got := testkit.JSON(mp["RedrivePolicy"]); got != want {
			t.Errorf("RedrivePolicy = %s, want %s", got, want)
		}
		if _, fifo := mp["FifoQueue"]; fifo {
			t.Errorf("a standard queue by default")
		}
	})

	t.Run("dead-letter queue keeps messages 14 days, longer than the main queue, redrive only from the main queue", func(t *testing.T) {
		if got := testkit.JSON(dp["MessageRetentionPeriod"]); got != "1209600" {
			t.Errorf("DLQ MessageRetentionPeriod = %s, want %d", got, durablequeueFourteenDays)
		}
		if d, m := dp["MessageRetentionPeriod"].(float64), mp["MessageRetentionPeriod"].(float64); d <= m {
			t.Errorf("DLQ retention %v s is not longer than the main queue's %v s", d, m)
		}
		name, _ := mp["QueueName"].(string)
		if !strings.HasPrefix(name, st.Name+"-Orders-") {
			t.Errorf("main queue QueueName = %q, want one derived from the construct path", name)
		}
		want := `{"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:eu-west-1:111111111111:` + name + `"]}`
		if got := testkit.JSON(dp["RedriveAllowPolicy"]); got != want {
			t.Errorf("RedriveAllowPolicy = %s, want %s", got, want)
		}
		if _, ok := dp["RedrivePolicy"]; ok {
			t.Errorf("the DLQ must not have a DLQ of its own")
		}
	})

	t.Run("both queues encrypted with the construct's key and retained", func(t *testing.T) {
		for name, q := range map[string]map[string]any{"main": main, "dlq": dlq} {
			if got := testkit.JSON(testkit.Props(q)["KmsMasterKeyId"]); got != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` {
				t.Errorf("%s KmsMasterKeyId = %s", name, got)
			}
			if q["DeletionPolicy"] != "Retain" || q["UpdateReplacePolicy"] != "Retain" {
				t.Errorf("%s DeletionPolicy=%v UpdateReplacePolicy=%v, want Retain", name, q["DeletionPolicy"], q["UpdateReplacePolicy"])
			}
		}
		_, key := st.ByPath(t, "AWS::KMS::Key", durablequeueStackName+"/Orders/Key/Resource")
		if kp := testkit.Props(key); kp["EnableKeyRotation"] != true || key["DeletionPolicy"] != "Retain" {
			t.Errorf("key rotation=%v deletion=%v", kp["EnableKeyRotation"], key["DeletionPolicy"])
		}
	})

	t.Run("both queues deny requests without TLS", func(t *testing.T) {
		for _, lid := range []string{mainID, dlqID} {
			found := false
			for _, r := range st.Resources("AWS::SQS::QueuePolicy") {
				p := testkit.JSON(testkit.Props(r))
				if strings.Contains(p, `"Queues":[{"Ref":"`+lid+`"}]`) &&
					strings.Contains(p, `{"Action":"sqs:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":{"AWS":"*"}`) {
					found = true
				}
			}
			if !found {
				t.Errorf("no TLS-only policy on %s", lid)
			}
		}
	})

	t.Run("DLQ alarm: visible messages >= 1 with the QueueName dimension and SNS actions", func(t *testing.T) {
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", durablequeueStackName+"/Orders/DeadLetterAlarm/Resource")
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", durablequeueStackName+"/Orders/AlarmTopic/Resource")
		durablequeueCheckAlarm(t, alarm, map[string]string{
			"MetricName":         `"ApproximateNumberOfMessagesVisible"`,
			"Namespace":          `"AWS/SQS"`,
			"Dimensions":         `[{"Name":"QueueName","Value":{"Fn::GetAtt":["` + dlqID + `","QueueName"]}}]`,
			"ComparisonOperator": `"GreaterThanOrEqualToThreshold"`,
			"Threshold":          `1`,
			"Statistic":          `"Maximum"`,
			"Period":             `60`,
			"AlarmActions":       `[{"Ref":"` + topicID + `"}]`,
			"OKActions":          `[{"Ref":"` + topicID + `"}]`,
			"TreatMissingData":   `"notBreaching"`,
		})
	})

	t.Run("backlog alarm: oldest message > 1800 s with the QueueName dimension", func(t *testing.T) {
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", durablequeueStackName+"/Orders/OldestMessageAlarm/Resource")
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", durablequeueStackName+"/Orders/AlarmTopic/Resource")
		durablequeueCheckAlarm(t, alarm, map[string]string{
			"MetricName":         `"ApproximateAgeOfOldestMessage"`,
			"Dimensions":         `[{"Name":"QueueName","Value":{"Fn::GetAtt":["` + mainID + `","QueueName"]}}]`,
			"ComparisonOperator": `"GreaterThanThreshold"`,
			"Threshold":          `1800`,
			"AlarmActions":       `[{"Ref":"` + topicID + `"}]`,
		})
	})

	t.Run("alarm topic encrypted with its own key that CloudWatch may use, TLS only", func(t *testing.T) {
		_, topic := st.ByPath(t, "AWS::SNS::Topic", durablequeueStackName+"/Orders/AlarmTopic/Resource")
		topicKeyID, topicKey := st.ByPath(t, "AWS::KMS::Key", durablequeueStackName+"/Orders/AlarmTopicKey/Resource")
		if got := testkit.JSON(testkit.Props(topic)["KmsMasterKeyId"]); got != `{"Fn::GetAtt":["`+topicKeyID+`","Arn"]}` {
			t.Errorf("topic KmsMasterKeyId = %s", got)
		}
		if kp := testkit.JSON(testkit.Props(topicKey)["KeyPolicy"]); !strings.Contains(kp, `"Service":"cloudwatch.amazonaws.com"`) {
			t.Errorf("topic key policy does not let CloudWatch publish: %s", kp)
		}
		found := false
		for _, r := range st.Resources("AWS::SNS::TopicPolicy") {
			if strings.Contains(testkit.JSON(r), `"aws:SecureTransport":"false"`) {
				found = true
			}
		}
		if !found {
			t.Errorf("no TLS-only topic policy")
		}
	})

	t.Run("two instances in one stack: separate queues, names, keys and alarms", func(t *testing.T) {
		st.Count(t, "AWS::SQS::Queue", 4)
		st.Count(t, "AWS::KMS::Key", 4)
		st.Count(t, "AWS::CloudWatch::Alarm", 4)
		_, other := st.ByPath(t, "AWS::SQS::Queue", durablequeueStackName+"/Payments/Queue/Resource")
		if a, b := testkit.Props(other)["QueueName"], mp["QueueName"]; a == b {
			t.Errorf("both instances named their queue %v", a)
		}
	})

	t.Run("New exposes every resource", func(t *testing.T) {
		dq := durablequeueBuilt["defaults"]["Orders"]
		if dq.Queue == nil || dq.DeadLetterQueue == nil || dq.Key == nil || dq.AlarmTopic == nil ||
			dq.AlarmTopicKey == nil || dq.DeadLetterAlarm == nil || dq.OldestMessageAlarm == nil {
			t.Errorf("a field is nil: %+v", dq)
		}
	})

	t.Run("no warnings", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

// checkAlarm compares the alarm's properties as JSON.
func durablequeueCheckAlarm(t *testing.T, alarm map[string]any, want map[string]string) {
	t.Helper()
	p := testkit.Props(alarm)
	for field, w := range want {
		if got := testkit.JSON(p[field]); got != w {
			t.Errorf("alarm %s = %s, want %s", field, got, w)
		}
	}
}
