package firehose_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logstosplunk"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	logstosplunkStackName = "SplunkStack"
	logstosplunkHec       = "https://splunk.example.com:8088"
)

var logstosplunkEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var logstosplunkBuilt = map[string]*logstosplunk.LogsToSplunk{}

// configs: flow logs of a VPC with defaults ("FlowLogs"); an existing log
// group and secret, Raw endpoint, all events backed up, tuned timings
// ("AppLogs").
var logstosplunkConfigs = testkit.Register("splunk", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(logstosplunkStackName), &awscdk.StackProps{Env: logstosplunkEnv})
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
		SubnetConfiguration:          &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}},
		RestrictDefaultSecurityGroup: jsii.Bool(false)})
	testkit.AcceptNag(vpc, "VPCDefaultSecurityGroupClosed", "A VPC standing for the caller's network; closing its default security group is the network owner's (datavpc does it).")
	logstosplunkBuilt["FlowLogs"] = logstosplunk.New(stack, "FlowLogs", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec),
		FlowLogVpcIds: []*string{vpc.VpcId(), jsii.String("vpc-0123456789abcdef0")}})
	logstosplunkBuilt["AppLogs"] = logstosplunk.New(stack, "AppLogs", &logstosplunk.Props{
		HecEndpoint:           jsii.String(logstosplunkHec),
		EndpointType:          logstosplunk.Raw,
		ExistingLogGroup:      awslogs.LogGroup_FromLogGroupName(stack, jsii.String("App"), jsii.String("/app/orders")),
		HecTokenSecret:        awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Token"), jsii.String("splunk/hec")),
		BackupMode:            logstosplunk.AllEvents,
		AcknowledgmentTimeout: awscdk.Duration_Seconds(jsii.Number(600)),
		RetryDuration:         awscdk.Duration_Hours(jsii.Number(2)),
		BufferInterval:        awscdk.Duration_Seconds(jsii.Number(10)),
		BufferSize:            awscdk.Size_Mebibytes(jsii.Number(1)),
		FilterPattern:         jsii.String(`{ $.level = "ERROR" }`),
		CreateAlarms:          jsii.Bool(false),
	})
})

func TestLogstosplunkDefaults(t *testing.T) {
	s := logstosplunkConfigs()
	st := s.Stack(t, logstosplunkStackName)
	p := logstosplunkStackName + "/FlowLogs/"
	streamID, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	secretID, secret := st.ByPath(t, "AWS::SecretsManager::Secret", p+"HecToken/Resource")
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", p+"Role/Resource")
	logsID, _ := st.ByPath(t, "AWS::Logs::LogGroup", p+"Source/Resource")
	sp := testkit.Props(stream)
	dest := sp["SplunkDestinationConfiguration"].(map[string]any)

	t.Run("the token's rotation is Splunk's: SMG4 and the packs' rotation rule suppressed on the new secret", func(t *testing.T) {
		rules := testkit.Suppressed(secret)
		for _, rule := range []string{"AwsSolutions-SMG4", "HIPAA.Security-SecretsManagerRotationEnabled", "NIST.800.53.R5-SecretsManagerRotationEnabled"} {
			if !slices.Contains(rules, rule) {
				t.Errorf("%s not suppressed: %v", rule, rules)
			}
		}
	})

	t.Run("Splunk destination: HEC, Event, token from Secrets Manager, 300 s ack and retries, 60 s / 5 MiB", func(t *testing.T) {
		for k, v := range map[string]string{
			"HECEndpoint":                       `"` + logstosplunkHec + `"`,
			"HECEndpointType":                   `"Event"`,
			"HECAcknowledgmentTimeoutInSeconds": "300",
			"RetryOptions":                      `{"DurationInSeconds":300}`,
			"BufferingHints":                    `{"IntervalInSeconds":60,"SizeInMBs":5}`,
			"SecretsManagerConfiguration":       `{"Enabled":true,"RoleARN":{"Fn::GetAtt":["` + roleID + `","Arn"]},"SecretARN":{"Ref":"` + secretID + `"}}`,
			"S3BackupMode":                      `"FailedEventsOnly"`,
		} {
			if got := testkit.JSON(dest[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		if _, ok := dest["HECToken"]; ok {
			t.Errorf("a HEC token is in the template")
		}
		if !strings.Contains(testkit.JSON(dest["S3Configuration"]), `"Prefix":"splunk-backup/"`) {
			t.Errorf("S3Configuration = %s", testkit.JSON(dest["S3Configuration"]))
		}
	})

	t.Run("built-in decompression and message extraction, no Lambda", func(t *testing.T) {
		want := `{"Enabled":true,"Processors":[{"Parameters":[{"ParameterName":"CompressionFormat","ParameterValue":"GZIP"}],"Type":"Decompression"},{"Parameters":[{"ParameterName":"DataMessageExtraction","ParameterValue":"true"}],"Type":"CloudWatchLogProcessing"}]}`
		if got := testkit.JSON(dest["ProcessingConfiguration"]); got != want {
			t.Errorf("processing = %s", got)
		}
	})

	t.Run("secret: a generated placeholder under hec_token, the construct's key", func(t *testing.T) {
		got := testkit.JSON(testkit.Props(secret)["GenerateSecretString"])
		if !strings.Contains(got, `"GenerateStringKey":"hec_token"`) || !strings.Contains(testkit.JSON(testkit.Props(secret)["KmsKeyId"]), "FlowLogsKey") {
			t.Errorf("secret = %s", testkit.JSON(testkit.Props(secret)))
		}
	})

	t.Run("flow logs of both VPCs into the log group, subscribed to the stream", func(t *testing.T) {
		vpcID, _ := st.ByPath(t, "AWS::EC2::VPC", logstosplunkStackName+"/Vpc/Resource")
		for i, want := range []string{`{"Ref":"` + vpcID + `"}`, `"vpc-0123456789abcdef0"`} {
			_, fl := st.ByPath(t, "AWS::EC2::FlowLog", p+"FlowLog"+string(rune('1'+i)))
			fp := testkit.Props(fl)
			if testkit.JSON(fp["ResourceId"]) != want || fp["TrafficType"] != "ALL" || fp["ResourceType"] != "VPC" || testkit.JSON(fp["LogGroupName"]) != `{"Ref":"`+logsID+`"}` ||
				!strings.Contains(testkit.JSON(fp["DeliverLogsPermissionArn"]), "FlowLogsFlowLogRole") {
				t.Errorf("flow log %d = %s", i+1, testkit.JSON(fp))
			}
		}
		_, sub := st.ByPath(t, "AWS::Logs::SubscriptionFilter", p+"Subscription")
		subp := testkit.Props(sub)
		if testkit.JSON(subp["DestinationArn"]) != `{"Fn::GetAtt":["`+streamID+`","Arn"]}` || testkit.JSON(subp["LogGroupName"]) != `{"Ref":"`+logsID+`"}` || subp["FilterPattern"] != "" {
			t.Errorf("subscription = %s", testkit.JSON(subp))
		}
		_, role := st.ByPath(t, "AWS::IAM::Role", p+"SubscriptionRole/Resource")
		trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
		if !strings.Contains(trust, `"Service":"logs.amazonaws.com"`) || !strings.Contains(trust, `"aws:SourceArn":"arn:aws:logs:eu-west-1:111111111111:*"`) {
			t.Errorf("subscription trust = %s", trust)
		}
	})

	t.Run("roles: Firehose reads the secret and writes the backup prefix; logs may only put records", func(t *testing.T) {
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		for _, want := range []string{`"secretsmanager:GetSecretValue"`, `/splunk-backup/*"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("role lacks %s: %s", want, doc)
			}
		}
		_, subPolicy := st.ByPath(t, "AWS::IAM::Policy", p+"SubscriptionRole/DefaultPolicy/Resource")
		if got := testkit.JSON(testkit.Props(subPolicy)["PolicyDocument"]); got != `{"Statement":[{"Action":["firehose:PutRecord","firehose:PutRecordBatch"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+streamID+`","Arn"]}}],"Version":"2012-10-17"}` {
			t.Errorf("subscription policy = %s", got)
		}
	})

	t.Run("alarms on DeliveryToSplunk with DeliveryStreamName", func(t *testing.T) {
		for name, metric := range map[string]string{"FreshnessAlarm": "DeliveryToSplunk.DataFreshness", "DeliveryFailureAlarm": "DeliveryToSplunk.Success"} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			ap := testkit.Props(alarm)
			if ap["MetricName"] != metric || testkit.JSON(ap["Dimensions"]) != `[{"Name":"DeliveryStreamName","Value":{"Ref":"`+streamID+`"}}]` {
				t.Errorf("%s = %s", name, testkit.JSON(ap))
			}
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestLogstosplunkOptions(t *testing.T) {
	st := logstosplunkConfigs().Stack(t, logstosplunkStackName)
	p := logstosplunkStackName + "/AppLogs/"
	_, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"DeliveryStream")
	d := testkit.JSON(testkit.Props(stream))
	for _, want := range []string{`"HECEndpointType":"Raw"`, `"S3BackupMode":"AllEvents"`, `"HECAcknowledgmentTimeoutInSeconds":600`, `"RetryOptions":{"DurationInSeconds":7200}`,
		`"BufferingHints":{"IntervalInSeconds":10,"SizeInMBs":1}`, `:secret:splunk/hec`} {
		if !strings.Contains(d, want) {
			t.Errorf("delivery stream lacks %s", want)
		}
	}
	_, sub := st.ByPath(t, "AWS::Logs::SubscriptionFilter", p+"Subscription")
	if sp := testkit.Props(sub); sp["LogGroupName"] != "/app/orders" || sp["FilterPattern"] != `{ $.level = "ERROR" }` {
		t.Errorf("subscription = %s", testkit.JSON(sp))
	}
	for _, typ := range []string{"AWS::SecretsManager::Secret", "AWS::CloudWatch::Alarm", "AWS::EC2::FlowLog"} {
		for _, r := range st.Resources(typ) {
			if strings.HasPrefix(r["Metadata"].(map[string]any)["aws:cdk:path"].(string), p) {
				t.Errorf("%s created for AppLogs", typ)
			}
		}
	}
}

func TestLogstosplunkBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props *logstosplunk.Props
		wants []string
	}{
		{"no endpoint", &logstosplunk.Props{}, []string{"HecEndpoint = <nil>", "is required"}},
		{"http endpoint", &logstosplunk.Props{HecEndpoint: jsii.String("http://splunk:8088")}, []string{"HecEndpoint = http://splunk:8088", "https://"}},
		{"plaintext token", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), HecToken: jsii.String("your-hec-token")}, []string{"HecToken = <a plaintext token>", "Secrets Manager"}},
		{"ack timeout 120 s", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), AcknowledgmentTimeout: awscdk.Duration_Seconds(jsii.Number(120))}, []string{"AcknowledgmentTimeout = 2 minutes", "180 to 600 seconds"}},
		{"ack timeout 601 s", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), AcknowledgmentTimeout: awscdk.Duration_Seconds(jsii.Number(601))}, []string{"AcknowledgmentTimeout = 10 minutes 1 second"}},
		{"buffer interval 61 s", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), BufferInterval: awscdk.Duration_Seconds(jsii.Number(61))}, []string{"BufferInterval = 1 minute 1 second", "0 to 60 seconds for Splunk"}},
		{"buffer size 6 MiB", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), BufferSize: awscdk.Size_Mebibytes(jsii.Number(6))}, []string{"BufferSize = 6 MiB", "1 to 5 MiB for Splunk"}},
		{"retry duration 3 h", &logstosplunk.Props{HecEndpoint: jsii.String(logstosplunkHec), RetryDuration: awscdk.Duration_Hours(jsii.Number(3))}, []string{"RetryDuration = 3 hours", "0 to 7,200 seconds"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: logstosplunkEnv})
				logstosplunk.New(stack, "Logs", c.props)
			}, append([]string{"logstosplunk Bad/Logs: invalid props"}, c.wants...)...)
		})
	}
}
