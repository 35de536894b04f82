package streaming_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/constructs/streamlambda"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const streamlambdaStackName = "ConsumerStack"

var streamlambdaEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var streamlambdaBuilt = map[string]*streamlambda.StreamLambda{}

func streamlambdaStream(stack awscdk.Stack, id string) awskinesis.Stream {
	return awskinesis.NewStream(stack, jsii.String(id), &awskinesis.StreamProps{
		StreamMode: awskinesis.StreamMode_ON_DEMAND,
		Encryption: awskinesis.StreamEncryption_MANAGED,
	})
}

// configs: the shipped handler with defaults ("Latest"); your own code with
// every mapping option and a shared topic ("Custom").
var streamlambdaConfigs = testkit.Register("consumers", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(streamlambdaStackName), &awscdk.StackProps{Env: streamlambdaEnv})
	streamlambdaBuilt["Latest"] = streamlambda.New(stack, "Latest", &streamlambda.Props{Stream: streamlambdaStream(stack, "Readings")})
	testkit.AcceptNag(streamlambdaBuilt["Latest"].Table, "DynamoDBInBackupPlan", "The app backs the table up (the DataProtection stack's plan selects the Streaming stack's); this configuration tests the construct alone.")
	streamlambdaBuilt["Custom"] = streamlambda.New(stack, "Custom", &streamlambda.Props{
		Stream:                streamlambdaStream(stack, "Clicks"),
		Code:                  awslambda.Code_FromAsset(jsii.String(filepath.Join(testkit.RepoRoot(), "test", "storage", "testdata", "rulefunction-fixture")), nil),
		FunctionProps:         &awslambda.FunctionProps{MemorySize: jsii.Number(512), Timeout: awscdk.Duration_Minutes(jsii.Number(2))},
		Reaches:               "no network service (the fixture code answers at once)",
		BatchSize:             jsii.Number(500),
		MaxBatchingWindow:     awscdk.Duration_Seconds(jsii.Number(10)),
		StartingPosition:      awslambda.StartingPosition_LATEST,
		ParallelizationFactor: jsii.Number(4),
		RetryAttempts:         jsii.Number(3),
		MaxRecordAge:          awscdk.Duration_Minutes(jsii.Number(10)),
		BisectBatchOnError:    jsii.Bool(false),
		FailureQueueProps:     &durablequeue.Props{Encryption: durablequeue.SQSManaged},
		AlarmTopic:            awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String("arn:aws:sns:eu-west-1:111111111111:oncall")),
		MaxIteratorAge:        awscdk.Duration_Minutes(jsii.Number(1)),
		LogRetention:          awslogs.RetentionDays_TWO_YEARS,
	})
})

func TestStreamlambdaShippedHandlerDefaults(t *testing.T) {
	s := streamlambdaConfigs()
	st := s.Stack(t, streamlambdaStackName)
	p := streamlambdaStackName + "/Latest/"
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", streamlambdaStackName+"/Readings/Resource")
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Function/Resource")
	tableID, table := st.ByPath(t, "AWS::DynamoDB::Table", p+"Table/Resource")
	queueID, _ := st.ByPath(t, "AWS::SQS::Queue", p+"FailureQueue/Queue/Resource")

	t.Run("mapping: bounded retries and age, bisect, partial batch responses, failure queue", func(t *testing.T) {
		var mine map[string]any
		for _, r := range st.Resources("AWS::Lambda::EventSourceMapping") {
			if testkit.JSON(testkit.Props(r)["FunctionName"]) == `{"Ref":"`+fnID+`"}` {
				mine = testkit.Props(r)
			}
		}
		if mine == nil {
			t.Fatal("no mapping for the function")
		}
		want := map[string]string{
			"EventSourceArn":                 `{"Fn::GetAtt":["` + streamID + `","Arn"]}`,
			"BatchSize":                      "100",
			"MaximumBatchingWindowInSeconds": "1",
			"StartingPosition":               `"TRIM_HORIZON"`,
			"ParallelizationFactor":          "1",
			"MaximumRetryAttempts":           "10",
			"MaximumRecordAgeInSeconds":      "3600",
			"BisectBatchOnFunctionError":     "true",
			"FunctionResponseTypes":          `["ReportBatchItemFailures"]`,
			"DestinationConfig":              `{"OnFailure":{"Destination":{"Fn::GetAtt":["` + queueID + `","Arn"]}}}`,
		}
		for k, v := range want {
			if got := testkit.JSON(mine[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
	})

	t.Run("function: arm64 Go binary, 256 MB, JSON logs, table and policy in its environment", func(t *testing.T) {
		fp := testkit.Props(fn)
		if fp["Runtime"] != "provided.al2023" || testkit.JSON(fp["Architectures"]) != `["arm64"]` || fp["MemorySize"] != 256.0 || fp["Handler"] != "bootstrap" {
			t.Errorf("function = %s", testkit.JSON(fp))
		}
		vars := testkit.JSON(fp["Environment"])
		if vars != `{"Variables":{"INVALID_RECORDS":"skip","TABLE_NAME":{"Ref":"`+tableID+`"}}}` {
			t.Errorf("Environment = %s", vars)
		}
	})

	t.Run("table keyed by device, on-demand, PITR, CMK, retained", func(t *testing.T) {
		tp := testkit.JSON(testkit.Props(table))
		for _, want := range []string{`"KeySchema":[{"AttributeName":"device","KeyType":"HASH"}]`, `"BillingMode":"PAY_PER_REQUEST"`, `"PointInTimeRecoveryEnabled":true`, `"SSEType":"KMS"`} {
			if !strings.Contains(tp, want) {
				t.Errorf("table lacks %s: %s", want, tp)
			}
		}
		if table["DeletionPolicy"] != "Retain" {
			t.Errorf("table DeletionPolicy = %v", table["DeletionPolicy"])
		}
	})

	t.Run("role: read the stream, UpdateItem only on the table, send to the failure queue", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{
			`{"Action":"dynamodb:UpdateItem","Effect":"Allow","Resource":{"Fn::GetAtt":["` + tableID + `","Arn"]}}`,
			`"kinesis:GetRecords"`, `"sqs:SendMessage"`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("policy lacks %s\n%s", want, doc)
			}
		}
		for _, bad := range []string{"dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan", `"dynamodb:*"`, "kinesis:PutRecord"} {
			if strings.Contains(doc, bad) {
				t.Errorf("policy grants %s", bad)
			}
		}
	})

	t.Run("alarms: IteratorAge and Errors with FunctionName, on the failure queue's topic", func(t *testing.T) {
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", p+"FailureQueue/AlarmTopic/Resource")
		for name, want := range map[string]string{"IteratorAgeAlarm": "IteratorAge|Maximum|300000", "ErrorsAlarm": "Errors|Sum|0"} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			ap := testkit.Props(alarm)
			got := ap["MetricName"].(string) + "|" + ap["Statistic"].(string) + "|" + testkit.JSON(ap["Threshold"])
			if got != want || testkit.JSON(ap["Dimensions"]) != `[{"Name":"FunctionName","Value":{"Ref":"`+fnID+`"}}]` || testkit.JSON(ap["AlarmActions"]) != `[{"Ref":"`+topicID+`"}]` {
				t.Errorf("%s = %s %s %s", name, got, testkit.JSON(ap["Dimensions"]), testkit.JSON(ap["AlarmActions"]))
			}
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestStreamlambdaOwnCodeAndOptions(t *testing.T) {
	st := streamlambdaConfigs().Stack(t, streamlambdaStackName)
	p := streamlambdaStackName + "/Custom/"
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Function/Resource")
	for _, r := range st.Resources("AWS::DynamoDB::Table") {
		if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), p) {
			t.Errorf("a table was created for your own Code")
		}
	}
	fp := testkit.Props(fn)
	if fp["MemorySize"] != 512.0 || fp["Timeout"] != 120.0 {
		t.Errorf("FunctionProps not applied: %s", testkit.JSON(fp))
	}
	if env := testkit.JSON(fp["Environment"]); strings.Contains(env, "TABLE_NAME") || strings.Contains(env, "INVALID_RECORDS") {
		t.Errorf("shipped handler's environment set for your own Code: %s", env)
	}
	for _, r := range st.Resources("AWS::Lambda::EventSourceMapping") {
		mp := testkit.Props(r)
		if testkit.JSON(mp["FunctionName"]) != `{"Ref":"`+fnID+`"}` {
			continue
		}
		for k, v := range map[string]string{"BatchSize": "500", "MaximumBatchingWindowInSeconds": "10", "StartingPosition": `"LATEST"`, "ParallelizationFactor": "4",
			"MaximumRetryAttempts": "3", "MaximumRecordAgeInSeconds": "600", "BisectBatchOnFunctionError": "false"} {
			if got := testkit.JSON(mp[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
	}
	_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+"IteratorAgeAlarm/Resource")
	if ap := testkit.Props(alarm); ap["Threshold"] != 60000.0 || testkit.JSON(ap["AlarmActions"]) != `["arn:aws:sns:eu-west-1:111111111111:oncall"]` {
		t.Errorf("iterator alarm = %s", testkit.JSON(ap))
	}
	_, q := st.ByPath(t, "AWS::SQS::Queue", p+"FailureQueue/Queue/Resource")
	if testkit.Props(q)["SqsManagedSseEnabled"] != true {
		t.Errorf("FailureQueueProps not applied: %s", testkit.JSON(testkit.Props(q)))
	}
}

func TestStreamlambdaBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *streamlambda.Props
		wants []string
	}{
		{"no stream", func(awscdk.Stack) *streamlambda.Props { return &streamlambda.Props{} }, []string{"Stream = <nil>", "is required"}},
		{"batch size 0", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), BatchSize: jsii.Number(0)}
		}, []string{"BatchSize = 0", "1 to 10,000"}},
		{"unbounded retries", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), RetryAttempts: jsii.Number(-1)}
		}, []string{"RetryAttempts = -1", "bounded"}},
		{"record age above 7 days", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), MaxRecordAge: awscdk.Duration_Days(jsii.Number(8))}
		}, []string{"MaxRecordAge = 8 days", "60 seconds to 7 days"}},
		{"parallelization 11", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), ParallelizationFactor: jsii.Number(11)}
		}, []string{"ParallelizationFactor = 11", "1 to 10"}},
		{"batching window above 300 s", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), MaxBatchingWindow: awscdk.Duration_Minutes(jsii.Number(6))}
		}, []string{"MaxBatchingWindow = 6 minutes", "0 to 300 seconds"}},
		{"table props with own code", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), Code: awslambda.Code_FromAsset(jsii.String(testkit.RepoRoot()), nil), InvalidRecords: streamlambda.Fail}
		}, []string{"TableProps/InvalidRecords = set with Code"}},
		{"unknown invalid-records policy", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), InvalidRecords: "drop"}
		}, []string{"InvalidRecords = drop", "streamlambda.Skip or streamlambda.Fail"}},
		{"alarm topic with alarms off", func(s awscdk.Stack) *streamlambda.Props {
			return &streamlambda.Props{Stream: streamlambdaStream(s, "S"), CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.Topic_FromTopicArn(s, jsii.String("Ops"), jsii.String("arn:aws:sns:eu-west-1:111111111111:ops"))}
		}, []string{"AlarmTopic = Bad/Ops", "CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: streamlambdaEnv})
				streamlambda.New(stack, "Consumer", c.props(stack))
			}, append([]string{"streamlambda Bad/Consumer: invalid props"}, c.wants...)...)
		})
	}
}
