package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestSecureStorageComposition: the stack holds the bucket, the durable queue
// and its redrive, and cdk.json's settings reach them.
func TestSecureStorageComposition(t *testing.T) {
	const name = "SecureStorage"
	t.Run("cdk.json: notes lifecycle, redrive hourly and off, one alarm topic, no e-mail", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		_, bucket := st.ByPath(t, "AWS::S3::Bucket", name+"/Data/Bucket/Resource")
		if lc := testkit.JSON(testkit.Props(bucket)["LifecycleConfiguration"]); !strings.Contains(lc, `{"StorageClass":"STANDARD_IA","TransitionInDays":180}`) ||
			!strings.Contains(lc, `{"StorageClass":"GLACIER","TransitionInDays":730}`) {
			t.Errorf("LifecycleConfiguration = %s", lc)
		}
		_, main := st.ByPath(t, "AWS::SQS::Queue", name+"/Queue/Queue/Resource")
		_, dlq := st.ByPath(t, "AWS::SQS::Queue", name+"/Queue/DeadLetterQueue/Resource")
		if m, d := testkit.Props(main)["MessageRetentionPeriod"], testkit.Props(dlq)["MessageRetentionPeriod"]; m != float64(604800) || d != float64(1209600) {
			t.Errorf("queue retention = %v, DLQ retention = %v, want 7 and 14 days (the DLQ outlives the queue)", m, d)
		}
		_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/Redrive/Schedule/Rule/Resource")
		if p := testkit.Props(rule); p["ScheduleExpression"] != "rate(1 hour)" || p["State"] != "DISABLED" {
			t.Errorf("redrive rule %v %v, want rate(1 hour) DISABLED", p["ScheduleExpression"], p["State"])
		}
		st.Count(t, "AWS::SNS::Topic", 1)
		st.Count(t, "AWS::SNS::Subscription", 0)
		st.Count(t, "AWS::CloudWatch::Alarm", 5)
		if st.Template["Description"] == nil {
			t.Errorf("stack has no description")
		}
	})

	t.Run("all options: redrive on with its schedule, e-mail on the alarm topic, pinned environment", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/Redrive/Schedule/Rule/Resource")
		if p := testkit.Props(rule); p["ScheduleExpression"] != "rate(6 hours)" || p["State"] != "ENABLED" {
			t.Errorf("redrive rule %v %v, want rate(6 hours) ENABLED", p["ScheduleExpression"], p["State"])
		}
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", name+"/Queue/AlarmTopic/Resource")
		sub := st.Only(t, "AWS::SNS::Subscription")
		if got := testkit.JSON(testkit.Props(sub)); got != `{"Endpoint":"data-oncall@example.com","Protocol":"email","TopicArn":{"Ref":"`+topicID+`"}}` {
			t.Errorf("subscription = %s", got)
		}
		_, queue := st.ByPath(t, "AWS::SQS::Queue", name+"/Queue/DeadLetterQueue/Resource")
		if got := testkit.JSON(testkit.Props(queue)["RedriveAllowPolicy"]); !strings.Contains(got, `"arn:aws:sqs:eu-west-1:111111111111:`+st.Name+`-Queue-`) {
			t.Errorf("RedriveAllowPolicy = %s", got)
		}
	})
}

// configured synthesizes (once) the named entry of configurations.
func configured(name string) *testkit.Synth {
	if _, ok := synths[name]; !ok {
		panic("no configuration " + name)
	}
	return app(name)
}
