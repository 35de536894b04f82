package serving_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func ttltableContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func TestTtltableDefaults(t *testing.T) {
	st := ttltableConfigs().Stack(t, ttltableDefaultsStack)
	path := ttltableDefaultsStack + "/Sessions/"
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	streamID, stream := st.ByPath(t, "AWS::Kinesis::Stream", path+"Stream/Resource")
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")

	t.Run("table: TTL, on-demand, CMK, PITR, deletion protection, retained", func(t *testing.T) {
		if table["DeletionPolicy"] != "Retain" || table["UpdateReplacePolicy"] != "Retain" {
			t.Errorf("table policies = %v / %v", table["DeletionPolicy"], table["UpdateReplacePolicy"])
		}
		tp := testkit.Props(table)
		want := map[string]string{
			"KeySchema":                        `[{"AttributeName":"pk","KeyType":"HASH"}]`,
			"BillingMode":                      `"PAY_PER_REQUEST"`,
			"TimeToLiveSpecification":          `{"AttributeName":"expiresAt","Enabled":true}`,
			"SSESpecification":                 `{"KMSMasterKeyId":{"Fn::GetAtt":["` + keyID + `","Arn"]},"SSEEnabled":true,"SSEType":"KMS"}`,
			"PointInTimeRecoverySpecification": `{"PointInTimeRecoveryEnabled":true}`,
			"DeletionProtectionEnabled":        `true`,
			"KinesisStreamSpecification":       `{"ApproximateCreationDateTimePrecision":"MICROSECOND","StreamArn":{"Fn::GetAtt":["` + streamID + `","Arn"]}}`,
		}
		for k, v := range want {
			if got := testkit.JSON(tp[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		for _, absent := range []string{"TableName", "ProvisionedThroughput", "StreamSpecification"} {
			if _, ok := tp[absent]; ok {
				t.Errorf("%s set: %s", absent, testkit.JSON(tp[absent]))
			}
		}
		if ttltableBuilt.defaults.TimeToLiveAttribute != ttltable.DefaultTimeToLiveAttribute {
			t.Errorf("TimeToLiveAttribute = %s", ttltableBuilt.defaults.TimeToLiveAttribute)
		}
	})

	t.Run("stream: on-demand, encrypted, 24 h, retained", func(t *testing.T) {
		if stream["DeletionPolicy"] != "Retain" {
			t.Errorf("stream DeletionPolicy = %v", stream["DeletionPolicy"])
		}
		ttltableContains(t, "stream", testkit.JSON(testkit.Props(stream)),
			`"RetentionPeriodHours":24`, `"StreamEncryption":{"EncryptionType":"KMS","KeyId":"alias/aws/kinesis"}`, `"StreamModeDetails":{"StreamMode":"ON_DEMAND"}`)
	})

	t.Run("lake: Firehose reads the stream into a new secure bucket, GZIP JSON lines", func(t *testing.T) {
		_, ds := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", path+"Lake/DeliveryStream")
		bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", path+"Lake/Destination/Bucket/Resource")
		dsp := testkit.JSON(testkit.Props(ds))
		ttltableContains(t, "delivery stream", dsp,
			`"DeliveryStreamType":"KinesisStreamAsSource"`,
			`"KinesisStreamSourceConfiguration":{"KinesisStreamARN":{"Fn::GetAtt":["`+streamID+`","Arn"]}`,
			`"BucketARN":{"Fn::GetAtt":["`+bucketID+`","Arn"]}`,
			`"Prefix":"`+ttltable.DefaultLakePrefix+`"`,
			`"CompressionFormat":"GZIP"`, `"FileExtension":".jsonl.gz"`)
	})

	t.Run("alarms on one encrypted topic", func(t *testing.T) {
		st.CheckAlarmTopic(t, path[:len(path)-1], ttltableBuilt.defaults.AlarmTopic, ttltableBuilt.defaults.AlarmTopicKey)
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", path+"AlarmTopic/Resource")
		tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")
		for _, a := range []struct{ id, metric string }{
			{"ReadThrottleAlarm", "ReadThrottleEvents"}, {"WriteThrottleAlarm", "WriteThrottleEvents"},
		} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", path+a.id+"/Resource")
			ttltableContains(t, a.id, testkit.JSON(testkit.Props(alarm)),
				`"MetricName":"`+a.metric+`"`, `"Namespace":"AWS/DynamoDB"`,
				`"Dimensions":[{"Name":"TableName","Value":{"Ref":"`+tableID+`"}}]`,
				`"AlarmActions":[{"Ref":"`+topicID+`"}]`, `"OKActions":[{"Ref":"`+topicID+`"}]`)
		}
		_, sa := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"StreamThrottleAlarm/Resource")
		ttltableContains(t, "StreamThrottleAlarm", testkit.JSON(testkit.Props(sa)),
			`"MetricName":"WriteProvisionedThroughputExceeded"`, `"Namespace":"AWS/Kinesis"`,
			`"Dimensions":[{"Name":"StreamName","Value":{"Ref":"`+streamID+`"}}]`, `"AlarmActions":[{"Ref":"`+topicID+`"}]`)
		_, sys := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"SystemErrorsAlarm/Resource")
		s := testkit.JSON(testkit.Props(sys))
		ttltableContains(t, "SystemErrorsAlarm", s, `"MetricName":"SystemErrors"`, `"Value":"PutItem"`, `"Value":"TransactWriteItems"`, `"AlarmActions":[{"Ref":"`+topicID+`"}]`)
		if n := strings.Count(s, `"MetricName":"SystemErrors"`); n != 10 {
			t.Errorf("SystemErrorsAlarm sums %d metrics, want 10 (a CloudWatch alarm takes at most 10)", n)
		}
		// The delivery stream's alarms notify the same topic.
		_, fresh := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"Lake/FreshnessAlarm/Resource")
		ttltableContains(t, "Lake/FreshnessAlarm", testkit.JSON(fresh), `"AlarmActions":[{"Ref":"`+topicID+`"}]`)
		if ttltableBuilt.defaults.Lake.AlarmTopic != ttltableBuilt.defaults.AlarmTopic {
			t.Errorf("the lake has its own alarm topic")
		}
	})

	t.Run("two instances in one stack", func(t *testing.T) {
		st.Count(t, "AWS::DynamoDB::Table", 2)
		st.Count(t, "AWS::Kinesis::Stream", 2)
		st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 2)
		st.ByPath(t, "AWS::DynamoDB::Table", ttltableDefaultsStack+"/Carts/Table/Resource")
	})
}

func TestTtltableOptions(t *testing.T) {
	st := ttltableConfigs().Stack(t, ttltableOptionsStack)
	path := ttltableOptionsStack + "/Orders/"
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", ttltableOptionsStack+"/TableKey/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", ttltableOptionsStack+"/Alerts/Resource")
	lakeID, _ := st.ByPath(t, "AWS::S3::Bucket", ttltableOptionsStack+"/Lake/Bucket/Resource")
	tableID, table := st.ByPath(t, "AWS::DynamoDB::Table", path+"Table/Resource")
	tp := testkit.JSON(testkit.Props(table))
	ttltableContains(t, "table", tp,
		`"KeySchema":[{"AttributeName":"customer","KeyType":"HASH"},{"AttributeName":"orderedAt","KeyType":"RANGE"}]`,
		`"TimeToLiveSpecification":{"AttributeName":"purgeAt","Enabled":true}`,
		`"SSESpecification":{"KMSMasterKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]}`,
		`"ProvisionedThroughput":{"ReadCapacityUnits":10,"WriteCapacityUnits":5}`,
		`"IndexName":"byStatus"`, `"ContributorInsightsSpecification":{"Enabled":true}`)
	if strings.Contains(tp, "PAY_PER_REQUEST") {
		t.Errorf("provisioned table is on-demand: %s", tp)
	}
	if _, ok := st.Resources("AWS::KMS::Key")["OrdersKey"]; ok || ttltableBuilt.options.Key != ttltableBuilt.key {
		t.Errorf("a key was created although one was given")
	}
	st.Count(t, "AWS::SNS::Topic", 1)
	st.Count(t, "AWS::S3::Bucket", 2) // the caller's lake and its log bucket

	t.Run("auto scaling: table and index, read and write, 60 % target, capacity sized by Capacity", func(t *testing.T) {
		st.Count(t, "AWS::ApplicationAutoScaling::ScalableTarget", 4)
		st.Count(t, "AWS::ApplicationAutoScaling::ScalingPolicy", 4)
		targets := testkit.JSON(st.Resources("AWS::ApplicationAutoScaling::ScalableTarget"))
		ttltableContains(t, "scalable targets", targets,
			`"MaxCapacity":200,"MinCapacity":10`, `"MaxCapacity":120,"MinCapacity":5`,
			`"ScalableDimension":"dynamodb:table:ReadCapacityUnits"`, `"ScalableDimension":"dynamodb:index:WriteCapacityUnits"`,
			`AWSServiceRoleForApplicationAutoScaling_DynamoDBTable`)
		ttltableContains(t, "scaling policies", testkit.JSON(st.Resources("AWS::ApplicationAutoScaling::ScalingPolicy")),
			`"PredefinedMetricType":"DynamoDBReadCapacityUtilization"`, `"TargetValue":60`)
	})

	t.Run("stream: two shards, a week; delivered to the caller's bucket and prefix", func(t *testing.T) {
		_, stream := st.ByPath(t, "AWS::Kinesis::Stream", path+"Stream/Resource")
		ttltableContains(t, "stream", testkit.JSON(testkit.Props(stream)), `"RetentionPeriodHours":168`, `"ShardCount":2`, `"StreamMode":"PROVISIONED"`)
		_, ds := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", path+"Lake/DeliveryStream")
		ttltableContains(t, "delivery stream", testkit.JSON(ds), `"BucketARN":{"Fn::GetAtt":["`+lakeID+`","Arn"]}`, `"Prefix":"orders/changes/!{timestamp:yyyy-MM-dd}/"`)
	})

	t.Run("alarms notify the caller's topic", func(t *testing.T) {
		if ttltableBuilt.options.AlarmTopicKey != nil {
			t.Errorf("AlarmTopicKey set for a given topic")
		}
		_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"WriteThrottleAlarm/Resource")
		ttltableContains(t, "WriteThrottleAlarm", testkit.JSON(a), `"AlarmActions":[{"Ref":"`+topicID+`"}]`, `{"Ref":"`+tableID+`"}`)
	})
}

func TestTtltableWithoutStreamAndAlarms(t *testing.T) {
	st := ttltableConfigs().Stack(t, ttltableQuietStack)
	st.Count(t, "AWS::DynamoDB::Table", 1)
	st.Count(t, "AWS::Kinesis::Stream", 0)
	st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 0)
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	q := ttltableBuilt.quiet
	if q.Stream != nil || q.Lake != nil || q.AlarmTopic != nil || q.ReadThrottleAlarm != nil {
		t.Errorf("quiet table exposes %v %v %v %v", q.Stream, q.Lake, q.AlarmTopic, q.ReadThrottleAlarm)
	}
	tp := testkit.JSON(testkit.Props(st.Only(t, "AWS::DynamoDB::Table")))
	if strings.Contains(tp, "KinesisStreamSpecification") {
		t.Errorf("table streams without StreamToLake: %s", tp)
	}
}

func TestTtltableSandbox(t *testing.T) {
	st := ttltableSandboxConfigs().Stack(t, ttltableSandboxStack)
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", ttltableSandboxStack+"/Sessions/Table/Resource")
	if table["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox table DeletionPolicy = %v", table["DeletionPolicy"])
	}
	if got := testkit.JSON(testkit.Props(table)["DeletionProtectionEnabled"]); got != "false" {
		t.Errorf("sandbox DeletionProtectionEnabled = %s", got)
	}
	_, stream := st.ByPath(t, "AWS::Kinesis::Stream", ttltableSandboxStack+"/Sessions/Stream/Resource")
	if stream["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox stream DeletionPolicy = %v", stream["DeletionPolicy"])
	}
}
