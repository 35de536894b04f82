package analytics_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/streamalert"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	streamalertDefaultsStack = "StreamAlertDefaults"
	streamalertOptionsStack  = "StreamAlertOptions"
)

var streamalertConfigs = testkit.Register("streamalert", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(streamalertDefaultsStack), nil)
	streamalert.New(s1, "Anomalies", nil)
	s2 := awscdk.NewStack(app, jsii.String(streamalertOptionsStack), nil)
	stream := awskinesis.NewStream(s2, jsii.String("Readings"), &awskinesis.StreamProps{
		StreamMode: awskinesis.StreamMode_ON_DEMAND, Encryption: awskinesis.StreamEncryption_MANAGED, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	topic := streamalertTopic(s2)
	streamalert.New(s2, "Alert", &streamalert.Props{
		ExistingStream:   stream,
		Topic:            topic,
		Filter:           []string{`{"data": {"score": [{"numeric": [">", 3]}]}}`},
		MessageTemplate:  jsii.String("Sensor <$.data.sensor_id>: score <$.data.score>"),
		BatchSize:        jsii.Number(10),
		StartingPosition: jsii.String("TRIM_HORIZON"),
		MaxRecordAge:     awscdk.Duration_Minutes(jsii.Number(10)),
	})
	// A second instance in the same stack: nothing collides.
	streamalert.New(s2, "Second", nil)
})

// streamalertTopic is a caller's topic: encrypted with a key of its own
// stack (the pipe's role gets a grant on it).
func streamalertTopic(s awscdk.Stack) awssns.ITopic {
	return streamalert.New(s, "Upstream", nil).Topic
}

func TestStreamalertDefaults(t *testing.T) {
	st := streamalertConfigs().Stack(t, streamalertDefaultsStack)
	_, pipe := st.ByPath(t, "AWS::Pipes::Pipe", streamalertDefaultsStack+"/Anomalies/Pipe")
	p := testkit.Props(pipe)
	streamID, stream := st.ByPath(t, "AWS::Kinesis::Stream", streamalertDefaultsStack+"/Anomalies/Stream/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", streamalertDefaultsStack+"/Anomalies/Topic/Resource")
	queueID, _ := st.ByPath(t, "AWS::SQS::Queue", streamalertDefaultsStack+"/Anomalies/DeadLetters/Queue/Resource")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", streamalertDefaultsStack+"/Anomalies/Logs/Resource")
	roleID, role := st.ByPath(t, "AWS::IAM::Role", streamalertDefaultsStack+"/Anomalies/Role/Resource")
	checks := map[string]string{
		"Source":           `{"Fn::GetAtt":["` + streamID + `","Arn"]}`,
		"Target":           `{"Ref":"` + topicID + `"}`,
		"RoleArn":          `{"Fn::GetAtt":["` + roleID + `","Arn"]}`,
		"TargetParameters": `{"InputTemplate":"\u003c$.data\u003e"}`,
		"SourceParameters": `{"KinesisStreamParameters":{"BatchSize":1,"DeadLetterConfig":{"Arn":{"Fn::GetAtt":["` + queueID + `","Arn"]}},"MaximumRecordAgeInSeconds":3600,"MaximumRetryAttempts":3,"OnPartialBatchItemFailure":"AUTOMATIC_BISECT","StartingPosition":"LATEST"}}`,
		"LogConfiguration": `{"CloudwatchLogsLogDestination":{"LogGroupArn":{"Fn::GetAtt":["` + logsID + `","Arn"]}},"Level":"ERROR"}`,
	}
	for k, want := range checks {
		if got := testkit.JSON(p[k]); got != want {
			t.Errorf("pipe %s = %s, want %s", k, got, want)
		}
	}
	if sp := testkit.Props(stream); testkit.JSON(sp["StreamModeDetails"]) != `{"StreamMode":"ON_DEMAND"}` || !strings.Contains(testkit.JSON(sp["StreamEncryption"]), "alias/aws/kinesis") {
		t.Errorf("stream = %s", testkit.JSON(sp))
	}
	if stream["DeletionPolicy"] != "Retain" {
		t.Errorf("stream DeletionPolicy = %v", stream["DeletionPolicy"])
	}
	if lp := testkit.Props(logs); lp["RetentionInDays"] != 365.0 || lp["KmsKeyId"] == nil {
		t.Errorf("log group = %s", testkit.JSON(lp))
	}
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	if !strings.Contains(trust, `"Service":"pipes.amazonaws.com"`) || !strings.Contains(trust, `"aws:SourceAccount"`) {
		t.Errorf("trust = %s", trust)
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", streamalertDefaultsStack+"/Anomalies/Role/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"kinesis:GetRecords", "sns:Publish", "sqs:SendMessage", "logs:PutLogEvents"} {
		if !strings.Contains(doc, s) {
			t.Errorf("pipe role lacks %s: %s", s, doc)
		}
	}
	for _, s := range []string{"kinesis:PutRecord", `"Resource":"*"`} {
		if strings.Contains(doc, s) {
			t.Errorf("pipe role has %s: %s", s, doc)
		}
	}
	// The pipe waits for its role's policy.
	deps := testkit.JSON(pipe["DependsOn"])
	if !strings.Contains(deps, roleID) {
		t.Errorf("pipe DependsOn = %s", deps)
	}
}

func TestStreamalertOptions(t *testing.T) {
	st := streamalertConfigs().Stack(t, streamalertOptionsStack)
	_, pipe := st.ByPath(t, "AWS::Pipes::Pipe", streamalertOptionsStack+"/Alert/Pipe")
	p := testkit.Props(pipe)
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", streamalertOptionsStack+"/Readings/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", streamalertOptionsStack+"/Upstream/Topic/Resource")
	src := testkit.JSON(p["SourceParameters"])
	for _, s := range []string{`"BatchSize":10`, `"StartingPosition":"TRIM_HORIZON"`, `"MaximumRecordAgeInSeconds":600`,
		`"FilterCriteria":{"Filters":[{"Pattern":"{\"data\": {\"score\": [{\"numeric\": [\"\u003e\", 3]}]}}"}]}`} {
		if !strings.Contains(src, s) {
			t.Errorf("SourceParameters lacks %s: %s", s, src)
		}
	}
	if got := testkit.JSON(p["Source"]); got != `{"Fn::GetAtt":["`+streamID+`","Arn"]}` {
		t.Errorf("Source = %s", got)
	}
	if got := testkit.JSON(p["Target"]); got != `{"Ref":"`+topicID+`"}` {
		t.Errorf("Target = %s", got)
	}
	if got := testkit.JSON(p["TargetParameters"]); !strings.Contains(got, `Sensor \u003c$.data.sensor_id\u003e`) {
		t.Errorf("TargetParameters = %s", got)
	}
	// The existing stream and topic are used: no stream or topic under Alert.
	for _, r := range []struct{ typ, path string }{{"AWS::Kinesis::Stream", "/Alert/Stream"}, {"AWS::SNS::Topic", "/Alert/Topic"}} {
		for _, res := range st.Resources(r.typ) {
			if path, _ := res["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasPrefix(path, streamalertOptionsStack+r.path) {
				t.Errorf("%s created at %s despite the existing one", r.typ, path)
			}
		}
	}
	// Two instances: two pipes.
	if n := len(st.Resources("AWS::Pipes::Pipe")); n != 3 {
		t.Errorf("%d pipes, want 3 (Alert, Second, Upstream)", n)
	}
}

func TestStreamalertRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(s awscdk.Stack) *streamalert.Props
		wants []string
	}{
		{"existing stream and stream props", func(s awscdk.Stack) *streamalert.Props {
			return &streamalert.Props{ExistingStream: awskinesis.Stream_FromStreamArn(s, jsii.String("S"), jsii.String("arn:aws:kinesis:eu-west-1:111111111111:stream/readings")),
				StreamProps: &awskinesis.StreamProps{}}
		}, []string{"streamalert Bad/Alert: invalid props", "StreamProps = set: nil with ExistingStream"}},
		{"batch too large", func(awscdk.Stack) *streamalert.Props { return &streamalert.Props{BatchSize: jsii.Number(11)} },
			[]string{"BatchSize = 11: a whole number from 1 to 10"}},
		{"starting position", func(awscdk.Stack) *streamalert.Props {
			return &streamalert.Props{StartingPosition: jsii.String("AT_TIMESTAMP")}
		}, []string{"StartingPosition = AT_TIMESTAMP: LATEST or TRIM_HORIZON"}},
		{"record age", func(awscdk.Stack) *streamalert.Props {
			return &streamalert.Props{MaxRecordAge: awscdk.Duration_Seconds(jsii.Number(30))}
		}, []string{"MaxRecordAge = 30: 60 seconds to 7 days"}},
		{"bad filter", func(awscdk.Stack) *streamalert.Props { return &streamalert.Props{Filter: []string{"score > 3"}} },
			[]string{"Filter = score > 3: an EventBridge event pattern"}},
		{"infinite log retention", func(awscdk.Stack) *streamalert.Props {
			return &streamalert.Props{LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention"}},
		{"destroy without the sandbox", func(awscdk.Stack) *streamalert.Props {
			return &streamalert.Props{StreamProps: &awskinesis.StreamProps{RemovalPolicy: awscdk.RemovalPolicy_DESTROY}}
		}, []string{"StreamProps.RemovalPolicy"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := awscdk.NewApp(nil)
				s := awscdk.NewStack(app, jsii.String("Bad"), nil)
				streamalert.New(s, "Alert", c.props(s))
			}, c.wants...)
		})
	}
}
