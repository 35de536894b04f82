package streaming_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestFirehosetos3Options(t *testing.T) {
	s := firehosetos3Options()
	st := s.Stack(t, firehosetos3StackName)

	t.Run("Kinesis source, no SSE, zero buffering, gzip, custom prefixes, no newline", func(t *testing.T) {
		_, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", firehosetos3StackName+"/FromStream/DeliveryStream")
		sp := testkit.Props(stream)
		if sp["DeliveryStreamType"] != "KinesisStreamAsSource" || !strings.Contains(testkit.JSON(sp["KinesisStreamSourceConfiguration"]), `"KinesisStreamARN":"`+firehosetos3StreamArn+`"`) {
			t.Errorf("source = %s", testkit.JSON(sp))
		}
		if _, ok := sp["DeliveryStreamEncryptionConfigurationInput"]; ok {
			t.Errorf("a Kinesis-sourced stream cannot have SSE")
		}
		dest := sp["ExtendedS3DestinationConfiguration"].(map[string]any)
		for k, v := range map[string]string{
			"BucketARN":         `"arn:aws:s3:::company-lake"`,
			"BufferingHints":    `{"IntervalInSeconds":0,"SizeInMBs":128}`,
			"CompressionFormat": `"GZIP"`,
			"FileExtension":     `".json.gz"`,
			"Prefix":            `"iot/!{timestamp:yyyy-MM-dd}/"`,
			"ErrorOutputPrefix": `"iot-errors/!{firehose:error-output-type}/"`,
		} {
			if got := testkit.JSON(dest[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		if _, ok := dest["ProcessingConfiguration"]; ok {
			t.Errorf("AppendNewline false still adds a processor")
		}
	})

	t.Run("role reads the stream and decrypts its key, writes under iot/ and iot-errors/", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", firehosetos3StackName+"/FromStream/Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`"kinesis:GetRecords"`, `"Resource":"` + firehosetos3StreamArn + `"`,
			`{"Action":"kms:Decrypt","Effect":"Allow","Resource":"` + firehosetos3StreamKey + `"}`,
			`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":"` + firehosetos3BucketKey + `"}`,
			`"Resource":["arn:aws:s3:::company-lake/iot-errors/*","arn:aws:s3:::company-lake/iot/*"]`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("policy lacks %s\n%s", want, doc)
			}
		}
	})

	t.Run("freshness alarm at 15 min on the given topic; no bucket created", func(t *testing.T) {
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", firehosetos3StackName+"/FromStream/FreshnessAlarm/Resource")
		ap := testkit.Props(alarm)
		if ap["Threshold"] != 900.0 || testkit.JSON(ap["AlarmActions"]) != `["`+firehosetos3TopicArn+`"]` {
			t.Errorf("alarm = %s", testkit.JSON(ap))
		}
		for _, r := range st.Resources("AWS::S3::Bucket") {
			if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), firehosetos3StackName+"/FromStream/") {
				t.Errorf("a bucket was created although ExistingBucket was given")
			}
		}
	})

	t.Run("alarms off: no alarm, no topic", func(t *testing.T) {
		f := firehosetos3Built["options"]["Quiet"]
		if f.AlarmTopic != nil || f.FreshnessAlarm != nil || f.DeliveryFailureAlarm != nil {
			t.Errorf("alarm fields set with CreateAlarms false")
		}
		_, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", firehosetos3StackName+"/Quiet/DeliveryStream")
		if got := testkit.JSON(testkit.Props(stream)["ExtendedS3DestinationConfiguration"].(map[string]any)["BufferingHints"]); got != `{"IntervalInSeconds":60,"SizeInMBs":5}` {
			t.Errorf("BufferingHints = %s", got)
		}
	})
	t.Run("GrantPutRecords: PutRecord and PutRecordBatch on the delivery stream only", func(t *testing.T) {
		streamID, _ := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", firehosetos3StackName+"/Quiet/DeliveryStream")
		_, policy := st.ByPath(t, "AWS::IAM::Policy", firehosetos3StackName+"/Producer/DefaultPolicy/Resource")
		want := `{"Statement":[{"Action":["firehose:PutRecord","firehose:PutRecordBatch"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + streamID + `","Arn"]}}],"Version":"2012-10-17"}`
		if got := testkit.JSON(testkit.Props(policy)["PolicyDocument"]); got != want {
			t.Errorf("producer policy = %s\nwant %s", got, want)
		}
	})
	t.Run("processor: Lambda with its batch size and retries, source backup, invoke grant, processing alarm", func(t *testing.T) {
		_, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", firehosetos3StackName+"/Processed/DeliveryStream")
		dest := testkit.Props(stream)["ExtendedS3DestinationConfiguration"].(map[string]any)
		proc := testkit.JSON(dest["ProcessingConfiguration"])
		for _, want := range []string{`"Type":"Lambda"`, `{"ParameterName":"BufferSizeInMBs","ParameterValue":"0.5"}`, `{"ParameterName":"NumberOfRetries","ParameterValue":"5"}`} {
			if !strings.Contains(proc, want) {
				t.Errorf("processing lacks %s: %s", want, proc)
			}
		}
		if strings.Contains(proc, "AppendDelimiterToRecord") {
			t.Errorf("a processor writes its own lines: no delimiter by default")
		}
		if dest["S3BackupMode"] != "Enabled" || !strings.Contains(testkit.JSON(dest["S3BackupConfiguration"]), `"Prefix":"source-backup/"`) {
			t.Errorf("source backup = %v %s", dest["S3BackupMode"], testkit.JSON(dest["S3BackupConfiguration"]))
		}
		_, policy := st.ByPath(t, "AWS::IAM::Policy", firehosetos3StackName+"/Processed/Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{`"lambda:InvokeFunction"`, `"lambda:GetFunctionConfiguration"`, `/source-backup/*"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("role lacks %s", want)
			}
		}
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", firehosetos3StackName+"/Processed/ProcessingFailureAlarm/Resource")
		if testkit.Props(alarm)["MetricName"] != "ExecuteProcessing.Success" {
			t.Errorf("processing alarm = %s", testkit.JSON(testkit.Props(alarm)))
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}
