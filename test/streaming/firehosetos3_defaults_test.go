package streaming_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestFirehosetos3Defaults(t *testing.T) {
	s := firehosetos3Defaults()
	st := s.Stack(t, firehosetos3StackName)
	p := firehosetos3StackName + "/Sensors/"
	streamID, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", p+"Key/Resource")
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", p+"Destination/Bucket/Resource")
	bucketKeyID, _ := st.ByPath(t, "AWS::KMS::Key", p+"Destination/Key/Resource")
	roleID, role := st.ByPath(t, "AWS::IAM::Role", p+"Role/Resource")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", p+"Logs/Resource")
	policyID, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Role/DefaultPolicy/Resource")
	sp := testkit.Props(stream)
	dest := sp["ExtendedS3DestinationConfiguration"].(map[string]any)

	t.Run("Direct PUT encrypted with the construct's key", func(t *testing.T) {
		if sp["DeliveryStreamType"] != "DirectPut" ||
			testkit.JSON(sp["DeliveryStreamEncryptionConfigurationInput"]) != `{"KeyARN":{"Fn::GetAtt":["`+keyID+`","Arn"]},"KeyType":"CUSTOMER_MANAGED_CMK"}` {
			t.Errorf("stream = %s", testkit.JSON(sp))
		}
		if _, named := sp["DeliveryStreamName"]; named {
			t.Errorf("fixed delivery stream name")
		}
	})

	t.Run("S3 destination: 5 s / 5 MiB, hour partitions, error prefix, JSON lines, bucket default encryption", func(t *testing.T) {
		want := map[string]string{
			"BucketARN":                `{"Fn::GetAtt":["` + bucketID + `","Arn"]}`,
			"RoleARN":                  `{"Fn::GetAtt":["` + roleID + `","Arn"]}`,
			"BufferingHints":           `{"IntervalInSeconds":5,"SizeInMBs":5}`,
			"Prefix":                   `"data/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"`,
			"ErrorOutputPrefix":        `"errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"`,
			"CompressionFormat":        `"UNCOMPRESSED"`,
			"FileExtension":            `".jsonl"`,
			"ProcessingConfiguration":  `{"Enabled":true,"Processors":[{"Parameters":[{"ParameterName":"Delimiter","ParameterValue":"\\n"}],"Type":"AppendDelimiterToRecord"}]}`,
			"CloudWatchLoggingOptions": `{"Enabled":true,"LogGroupName":{"Ref":"` + logsID + `"},"LogStreamName":"DestinationDelivery"}`,
		}
		for k, v := range want {
			if got := testkit.JSON(dest[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		if _, ok := dest["EncryptionConfiguration"]; ok {
			t.Errorf("EncryptionConfiguration set: Firehose would send aws:kms, which the DSSE-KMS securebucket denies")
		}
	})

	t.Run("the stream waits for its role's policy", func(t *testing.T) {
		deps := testkit.JSON(stream["DependsOn"])
		if !strings.Contains(deps, policyID) || !strings.Contains(deps, roleID) {
			t.Errorf("DependsOn = %s", deps)
		}
	})

	t.Run("role: this account's Firehose only, the guide's S3 actions under the prefixes", func(t *testing.T) {
		trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
		if !strings.Contains(trust, `"Condition":{"StringEquals":{"sts:ExternalId":"111111111111"}}`) || !strings.Contains(trust, `"Service":"firehose.amazonaws.com"`) {
			t.Errorf("trust = %s", trust)
		}
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`{"Action":["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + bucketID + `","Arn"]}}`,
			`{"Action":["s3:AbortMultipartUpload","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":[{"Fn::Join":["",[{"Fn::GetAtt":["` + bucketID + `","Arn"]},"/data/year=*"]]},{"Fn::Join":["",[{"Fn::GetAtt":["` + bucketID + `","Arn"]},"/errors/*"]]}]}`,
			`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + bucketKeyID + `","Arn"]}}`,
			`{"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + logsID + `","Arn"]}}`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("policy lacks %s\n%s", want, doc)
			}
		}
		for _, bad := range []string{"s3:DeleteObject", `"s3:*"`, "s3:List*", "s3:GetBucket*", "kinesis:"} {
			if strings.Contains(doc, bad) {
				t.Errorf("policy grants %s", bad)
			}
		}
	})

	t.Run("error log group: construct's key, one year, retained, with its stream", func(t *testing.T) {
		lp := testkit.Props(logs)
		if testkit.JSON(lp["KmsKeyId"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` || lp["RetentionInDays"] != 365.0 || logs["DeletionPolicy"] != "Retain" {
			t.Errorf("log group = %s", testkit.JSON(logs))
		}
		found := false
		for _, r := range st.Resources("AWS::Logs::LogStream") {
			rp := testkit.Props(r)
			if rp["LogStreamName"] == "DestinationDelivery" && testkit.JSON(rp["LogGroupName"]) == `{"Ref":"`+logsID+`"}` {
				found = true
			}
		}
		if !found {
			t.Errorf("no DestinationDelivery log stream in %s", logsID)
		}
	})

	t.Run("alarms: freshness and delivery success, DeliveryStreamName, on the topic", func(t *testing.T) {
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", p+"AlarmTopic/Resource")
		for name, want := range map[string]string{
			"FreshnessAlarm":       `DeliveryToS3.DataFreshness|Maximum|300|GreaterThanThreshold`,
			"DeliveryFailureAlarm": `DeliveryToS3.Success|Average|1|LessThanThreshold`,
		} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			ap := testkit.Props(alarm)
			got := strings.Join([]string{ap["MetricName"].(string), ap["Statistic"].(string), testkit.JSON(ap["Threshold"]), ap["ComparisonOperator"].(string)}, "|")
			if got != want || ap["Namespace"] != "AWS/Firehose" {
				t.Errorf("%s = %s %v, want %s", name, got, ap["Namespace"], want)
			}
			if testkit.JSON(ap["Dimensions"]) != `[{"Name":"DeliveryStreamName","Value":{"Ref":"`+streamID+`"}}]` {
				t.Errorf("%s dimensions = %s", name, testkit.JSON(ap["Dimensions"]))
			}
			if testkit.JSON(ap["AlarmActions"]) != `[{"Ref":"`+topicID+`"}]` || testkit.JSON(ap["OKActions"]) != `[{"Ref":"`+topicID+`"}]` {
				t.Errorf("%s actions = %s", name, testkit.JSON(ap["AlarmActions"]))
			}
		}
	})

	t.Run("New exposes every resource; the delivery stream can be granted to producers", func(t *testing.T) {
		f := firehosetos3Built["defaults"]["Sensors"]
		if f.CfnDeliveryStream == nil || f.Role == nil || f.Key == nil || f.Bucket == nil ||
			f.SecureBucket == nil || f.LogGroup == nil || f.AlarmTopic == nil || f.AlarmTopicKey == nil || f.FreshnessAlarm == nil || f.DeliveryFailureAlarm == nil {
			t.Errorf("a field is nil: %+v", f)
		}
	})

	t.Run("two instances in one stack", func(t *testing.T) {
		st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 2)
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestFirehosetos3Sandbox(t *testing.T) {
	s := firehosetos3Sandboxed()
	st := s.Stack(t, firehosetos3StackName)
	for _, typ := range []string{"AWS::Logs::LogGroup", "AWS::KMS::Key"} {
		for id, r := range st.Resources(typ) {
			if r["DeletionPolicy"] != "Delete" {
				t.Errorf("sandbox: %s %s DeletionPolicy = %v", typ, id, r["DeletionPolicy"])
			}
		}
	}
}
