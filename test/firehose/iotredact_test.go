package firehose_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const iotredactStackName = "IotStack"

var iotredactEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var iotredactConfigs = testkit.Register("iot", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(iotredactStackName), &awscdk.StackProps{Env: iotredactEnv})
	iotredact.New(stack, "Telemetry", &iotredact.Props{
		RedactFields:   []string{"owner.email", "location.lat", "location.lon"},
		IotTopicFilter: jsii.String("sensors/+/telemetry"),
	})
	iotredact.New(stack, "Hashed", &iotredact.Props{
		RedactFields:  []string{"patient.id"},
		Mode:          iotredact.Hash,
		HashKeySecret: awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("HashKey"), jsii.String("iot/hash-key")),
		Detect:        jsii.Bool(false),
		Delivery:      &firehosetos3.Props{BackupSourceRecords: jsii.Bool(false), Gzip: jsii.Bool(true)},
	})
})

func TestIotredactIotRedact(t *testing.T) {
	s := iotredactConfigs()
	st := s.Stack(t, iotredactStackName)
	p := iotredactStackName + "/Telemetry/"
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Redactor/Function/Resource")
	streamID, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"Delivery/DeliveryStream")

	t.Run("redactor: piiredact binary with the fields, mask, detectors", func(t *testing.T) {
		vars := testkit.JSON(testkit.Props(fn)["Environment"])
		if vars != `{"Variables":{"DETECT":"true","MODE":"mask","REDACT_FIELDS":"owner.email,location.lat,location.lon"}}` {
			t.Errorf("Environment = %s", vars)
		}
	})
	t.Run("delivery stream runs the redactor, no extra delimiter", func(t *testing.T) {
		proc := testkit.JSON(testkit.Props(stream)["ExtendedS3DestinationConfiguration"].(map[string]any)["ProcessingConfiguration"])
		if !strings.Contains(proc, `{"ParameterName":"LambdaArn","ParameterValue":{"Fn::GetAtt":["`+fnID+`","Arn"]}}`) || strings.Contains(proc, "AppendDelimiterToRecord") {
			t.Errorf("processing = %s", proc)
		}
	})
	t.Run("IoT rule: the topic filter into the stream, errors logged, role may only put records", func(t *testing.T) {
		_, rule := st.ByPath(t, "AWS::IoT::TopicRule", p+"TopicRule")
		payload := testkit.JSON(testkit.Props(rule)["TopicRulePayload"])
		for _, want := range []string{`"Sql":"SELECT * FROM 'sensors/+/telemetry'"`, `"DeliveryStreamName":{"Ref":"` + streamID + `"}`, `"CloudwatchLogs":{"LogGroupName":{"Ref":"`} {
			if !strings.Contains(payload, want) {
				t.Errorf("rule lacks %s: %s", want, payload)
			}
		}
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"TopicRuleRole/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		if !strings.Contains(doc, `{"Action":["firehose:PutRecord","firehose:PutRecordBatch"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+streamID+`","Arn"]}}`) {
			t.Errorf("rule role = %s", doc)
		}
	})
	t.Run("hash mode reads its key from Secrets Manager, never in the template", func(t *testing.T) {
		_, hfn := st.ByPath(t, "AWS::Lambda::Function", iotredactStackName+"/Hashed/Redactor/Function/Resource")
		vars := testkit.JSON(testkit.Props(hfn)["Environment"])
		if !strings.Contains(vars, `{{resolve:secretsmanager:arn:`) || !strings.Contains(vars, `:secret:iot/hash-key:SecretString:key::}}`) || !strings.Contains(vars, `"MODE":"hash"`) || !strings.Contains(vars, `"DETECT":"false"`) {
			t.Errorf("Environment = %s", vars)
		}
		st.Count(t, "AWS::IoT::TopicRule", 1)
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestIotredactBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props *iotredact.Props
		wants []string
	}{
		{"no fields", &iotredact.Props{}, []string{"RedactFields = none"}},
		{"bad path", &iotredact.Props{RedactFields: []string{"owner..email"}}, []string{"RedactFields[0] = owner..email"}},
		{"hash without key", &iotredact.Props{RedactFields: []string{"a"}, Mode: iotredact.Hash}, []string{"HashKeySecret = <nil>", "required with Hash"}},
		{"quoted topic", &iotredact.Props{RedactFields: []string{"a"}, IotTopicFilter: jsii.String("a' OR 1=1")}, []string{"IotTopicFilter = a' OR 1=1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: iotredactEnv})
				iotredact.New(stack, "Iot", c.props)
			}, append([]string{"iotredact Bad/Iot: invalid props"}, c.wants...)...)
		})
	}
}
