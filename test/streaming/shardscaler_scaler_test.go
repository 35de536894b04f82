package streaming_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/shardscaler"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const shardscalerStackName = "ScalerStack"

var shardscalerEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var shardscalerBuilt = map[string]*shardscaler.ShardScaler{}

func shardscalerNewStream(stack awscdk.Stack, id string) awskinesis.Stream {
	return awskinesis.NewStream(stack, jsii.String(id), &awskinesis.StreamProps{
		StreamMode: awskinesis.StreamMode_PROVISIONED,
		ShardCount: jsii.Number(2),
		Encryption: awskinesis.StreamEncryption_MANAGED,
	})
}

// configs: defaults on one stream ("Default"); every option on another
// ("Tuned").
var shardscalerConfigs = testkit.Register("scalers", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(shardscalerStackName), &awscdk.StackProps{Env: shardscalerEnv})
	shardscalerBuilt["Default"] = shardscaler.New(stack, "Default", &shardscaler.Props{Stream: shardscalerNewStream(stack, "Events")})
	shardscalerBuilt["Tuned"] = shardscaler.New(stack, "Tuned", &shardscaler.Props{
		Stream:                      shardscalerNewStream(stack, "Clicks"),
		MinShards:                   jsii.Number(2),
		MaxShards:                   jsii.Number(200),
		ScaleOutFactor:              jsii.Number(1.5),
		ScaleInFactor:               jsii.Number(0.75),
		ScaleOutAboveBytesPerSecond: jsii.Number(1600000),
		ScaleInBelowBytesPerSecond:  jsii.Number(200000),
		DryRun:                      jsii.Bool(true),
		AlarmTopic:                  awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String("arn:aws:sns:eu-west-1:111111111111:oncall")),
	})
})

func TestShardscalerDefaults(t *testing.T) {
	s := shardscalerConfigs()
	st := s.Stack(t, shardscalerStackName)
	p := shardscalerStackName + "/Default/"
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", shardscalerStackName+"/Events/Resource")
	outID, out := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"ScaleOutAlarm/Resource")
	inID, in := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"ScaleInAlarm/Resource")

	t.Run("scale-out alarm: throttled writes in 2 of 3 minutes, StreamName, notifies the topic", func(t *testing.T) {
		ap := testkit.Props(out)
		got := strings.Join([]string{ap["MetricName"].(string), ap["Statistic"].(string), testkit.JSON(ap["Threshold"]), ap["ComparisonOperator"].(string),
			testkit.JSON(ap["EvaluationPeriods"]), testkit.JSON(ap["DatapointsToAlarm"]), testkit.JSON(ap["Dimensions"])}, "|")
		want := `WriteProvisionedThroughputExceeded|Sum|0|GreaterThanThreshold|3|2|[{"Name":"StreamName","Value":{"Ref":"` + streamID + `"}}]`
		if got != want {
			t.Errorf("scale-out alarm = %s\nwant %s", got, want)
		}
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", p+"Scaler/AlarmTopic/Resource")
		if testkit.JSON(ap["AlarmActions"]) != `[{"Ref":"`+topicID+`"}]` || testkit.JSON(ap["OKActions"]) != `[{"Ref":"`+topicID+`"}]` {
			t.Errorf("actions = %s / %s", testkit.JSON(ap["AlarmActions"]), testkit.JSON(ap["OKActions"]))
		}
	})

	t.Run("scale-in alarm: bytes/s below 100 KiB for 30 min, missing data breaching", func(t *testing.T) {
		ap := testkit.Props(in)
		metrics := testkit.JSON(ap["Metrics"])
		if ap["Threshold"] != 102400.0 || ap["ComparisonOperator"] != "LessThanThreshold" || ap["EvaluationPeriods"] != 6.0 || ap["TreatMissingData"] != "breaching" ||
			!strings.Contains(metrics, `"Expression":"FILL(bytes, 0) / PERIOD(bytes)"`) || !strings.Contains(metrics, `"MetricName":"IncomingBytes"`) ||
			!strings.Contains(metrics, `"Period":300`) || !strings.Contains(metrics, `{"Name":"StreamName","Value":{"Ref":"`+streamID+`"}}`) {
			t.Errorf("scale-in alarm = %s", testkit.JSON(ap))
		}
	})

	t.Run("rule: ALARM state changes of exactly the two alarms", func(t *testing.T) {
		_, rule := st.ByPath(t, "AWS::Events::Rule", p+"Scaler/Rule/Resource")
		got := testkit.JSON(testkit.Props(rule)["EventPattern"])
		want := `{"detail":{"state":{"value":["ALARM"]}},"detail-type":["CloudWatch Alarm State Change"],"resources":[{"Fn::GetAtt":["` + outID + `","Arn"]},{"Fn::GetAtt":["` + inID + `","Arn"]}],"source":["aws.cloudwatch"]}`
		if got != want {
			t.Errorf("EventPattern = %s\nwant %s", got, want)
		}
	})

	t.Run("function: the scaler binary, stream and alarm names, defaults left to the function", func(t *testing.T) {
		_, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Scaler/Function/Resource")
		vars := testkit.Props(fn)["Environment"].(map[string]any)["Variables"].(map[string]any)
		if testkit.JSON(vars["STREAM_NAME"]) != `{"Ref":"`+streamID+`"}` || testkit.JSON(vars["SCALE_OUT_ALARM"]) != `{"Ref":"`+outID+`"}` ||
			testkit.JSON(vars["SCALE_IN_ALARM"]) != `{"Ref":"`+inID+`"}` || !strings.Contains(testkit.JSON(vars["STREAM_ARN"]), streamID) {
			t.Errorf("Variables = %s", testkit.JSON(vars))
		}
		for _, k := range []string{"MIN_SHARDS", "MAX_SHARDS", "SCALE_OUT_FACTOR", "SCALE_IN_FACTOR", "DRY_RUN"} {
			if _, ok := vars[k]; ok {
				t.Errorf("%s set by default", k)
			}
		}
		if testkit.Props(fn)["Architectures"].([]any)[0] != "arm64" {
			t.Errorf("not arm64")
		}
	})

	t.Run("role: DescribeStreamSummary and UpdateShardCount on the stream only", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Scaler/Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		want := `{"Action":["kinesis:DescribeStreamSummary","kinesis:UpdateShardCount"],"Effect":"Allow","Resource":{"Fn::GetAtt":["` + streamID + `","Arn"]}}`
		if !strings.Contains(doc, want) || strings.Contains(doc, `"kinesis:*"`) || strings.Contains(doc, "kinesis:PutRecord") {
			t.Errorf("policy = %s", doc)
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestShardscalerOptions(t *testing.T) {
	st := shardscalerConfigs().Stack(t, shardscalerStackName)
	p := shardscalerStackName + "/Tuned/"
	_, out := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"ScaleOutAlarm/Resource")
	expr := testkit.Props(out)["Metrics"].([]any)[0].(map[string]any)["Expression"]
	if expr != "IF(throttled > 0 OR bytes / PERIOD(bytes) > 1600000, 1, 0)" {
		t.Errorf("scale-out expression = %v", expr)
	}
	_, in := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"ScaleInAlarm/Resource")
	if testkit.Props(in)["Threshold"] != 200000.0 {
		t.Errorf("scale-in threshold = %v", testkit.Props(in)["Threshold"])
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Scaler/Function/Resource")
	vars := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, want := range []string{`"MIN_SHARDS":"2"`, `"MAX_SHARDS":"200"`, `"SCALE_OUT_FACTOR":"1.5"`, `"SCALE_IN_FACTOR":"0.75"`, `"DRY_RUN":"true"`} {
		if !strings.Contains(vars, want) {
			t.Errorf("environment lacks %s: %s", want, vars)
		}
	}
	if shardscalerBuilt["Tuned"].ScaleOutAlarm == nil || shardscalerBuilt["Tuned"].Function == nil || shardscalerBuilt["Tuned"].AlarmTopic == nil {
		t.Errorf("fields not exposed")
	}
}

func TestShardscalerBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *shardscaler.Props
		wants []string
	}{
		{"no stream", func(awscdk.Stack) *shardscaler.Props { return &shardscaler.Props{} }, []string{"Stream = <nil>", "is required"}},
		{"min above max", func(s awscdk.Stack) *shardscaler.Props {
			return &shardscaler.Props{Stream: shardscalerNewStream(s, "S"), MinShards: jsii.Number(10), MaxShards: jsii.Number(4)}
		}, []string{"MinShards and MaxShards = 10 > 4"}},
		{"max above 10,000", func(s awscdk.Stack) *shardscaler.Props {
			return &shardscaler.Props{Stream: shardscalerNewStream(s, "S"), MaxShards: jsii.Number(20000)}
		}, []string{"MaxShards = 20000", "1 to 10000"}},
		{"scale-out factor 3", func(s awscdk.Stack) *shardscaler.Props {
			return &shardscaler.Props{Stream: shardscalerNewStream(s, "S"), ScaleOutFactor: jsii.Number(3)}
		}, []string{"ScaleOutFactor = 3", "at most doubles"}},
		{"scale-in factor 0.25", func(s awscdk.Stack) *shardscaler.Props {
			return &shardscaler.Props{Stream: shardscalerNewStream(s, "S"), ScaleInFactor: jsii.Number(0.25)}
		}, []string{"ScaleInFactor = 0.25", "at most halves"}},
		{"scale-in threshold above scale-out", func(s awscdk.Stack) *shardscaler.Props {
			return &shardscaler.Props{Stream: shardscalerNewStream(s, "S"), ScaleOutAboveBytesPerSecond: jsii.Number(1000), ScaleInBelowBytesPerSecond: jsii.Number(2000)}
		}, []string{"ScaleInBelowBytesPerSecond = 2000", "scale in and out in turn"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: shardscalerEnv})
				shardscaler.New(stack, "Scaler", c.props(stack))
			}, append([]string{"shardscaler Bad/Scaler: invalid props"}, c.wants...)...)
		})
	}
}
