package athena_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// sarConnector is the connector application the catalog deploys by default:
// the Serverless Application Repository application AWS publishes, named in
// the stack's partition through Fn::Sub (the SAM transform resolves it).
const sarConnector = "arn:${AWS::Partition}:serverlessrepo:us-east-1:292517598671:applications/AthenaCloudwatchConnector"

func TestCatalogDefaults(t *testing.T) {
	if athena.CloudWatchConnectorApplication != sarConnector {
		t.Fatalf("connector application = %s", athena.CloudWatchConnectorApplication)
	}
	st := defaults().Stack(t, defaultsStack)
	name := built.catalog.Name
	if !strings.Contains(strings.ToLower(name), "logs") || len(name) > 64 || strings.ToLower(name) != name {
		t.Errorf("catalog name %q", name)
	}
	_, app := st.ByPath(t, "AWS::Serverless::Application", defaultsStack+"/Logs/Connector")
	ap := testkit.JSON(testkit.Props(app))
	for _, want := range []string{`"ApplicationId":{"Fn::Sub":"` + sarConnector + `"}`, `"SemanticVersion":"2023.46.2"`,
		`"AthenaCatalogName":"` + name + `"`, `"SpillPrefix":"athena-spill"`, `"DisableSpillEncryption":"false"`,
		`"LambdaMemory":"3008"`, `"LambdaTimeout":"900"`, `"LambdaRole":{"Fn::GetAtt":["LogsRole`, `"KMSKeyId":{"Ref":"LogsKey`} {
		if !strings.Contains(ap, want) {
			t.Errorf("application lacks %s: %s", want, ap)
		}
	}
	if st.Template["Transform"] != "AWS::Serverless-2016-10-31" {
		t.Errorf("Transform = %v", st.Template["Transform"])
	}
	_, cat := st.ByPath(t, "AWS::Athena::DataCatalog", defaultsStack+"/Logs/Catalog")
	cp := testkit.JSON(testkit.Props(cat))
	if !strings.Contains(cp, `"Type":"LAMBDA"`) || !strings.Contains(cp, `:lambda:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":function:`+name+`"`) {
		t.Errorf("catalog = %s", cp)
	}
	if !strings.Contains(testkit.JSON(cat["DependsOn"]), "LogsConnector") {
		t.Errorf("catalog must wait for the connector: %v", cat["DependsOn"])
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", defaultsStack+"/Logs/Logs/Resource")
	lp := testkit.Props(lg)
	if lp["LogGroupName"] != "/aws/lambda/"+name || lp["RetentionInDays"] != float64(365) || lp["KmsKeyId"] == nil {
		t.Errorf("log group = %s", testkit.JSON(lg))
	}
	_, bucket := st.ByPath(t, "AWS::S3::Bucket", defaultsStack+"/Logs/Spill/Bucket/Resource")
	bp := testkit.JSON(testkit.Props(bucket))
	for _, want := range []string{`"SSEAlgorithm":"aws:kms"`, `"ExpirationInDays":1`, `"Prefix":"athena-spill/"`, `"NoncurrentVersionExpiration":{"NoncurrentDays":1}`} {
		if !strings.Contains(bp, want) {
			t.Errorf("spill bucket lacks %s: %s", want, bp)
		}
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", defaultsStack+"/Logs/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"logs:DescribeLogGroups"`, `"logs:StartQuery"`, `"logs:GetQueryResults","logs:StopQuery"`, `"athena:GetQueryExecution"`, `"kms:GenerateRandom"`, `/athena-spill/*`} {
		if !strings.Contains(doc, want) {
			t.Errorf("connector role lacks %s: %s", want, doc)
		}
	}
	for _, bad := range []string{`"s3:ListAllMyBuckets"`, `"logs:*"`, `"logs:Describe*"`} {
		if strings.Contains(doc, bad) {
			t.Errorf("connector role has %s: %s", bad, doc)
		}
	}
}

func TestCatalogOptions(t *testing.T) {
	st := options().Stack(t, optionsStack)
	lake, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Lake/Bucket/Resource")
	_, app := st.ByPath(t, "AWS::Serverless::Application", optionsStack+"/AppLogs/Connector")
	ap := testkit.JSON(testkit.Props(app))
	for _, want := range []string{`"AthenaCatalogName":"app_logs"`, `"SpillBucket":{"Ref":"` + lake + `"}`, `"SpillPrefix":"spill/athena"`,
		`"LambdaMemory":"1024"`, `"LambdaTimeout":"300"`, `"KMSKeyId":{"Ref":"LakeKey`} {
		if !strings.Contains(ap, want) {
			t.Errorf("application lacks %s: %s", want, ap)
		}
	}
	for lid := range st.Resources("AWS::S3::Bucket") {
		if strings.HasPrefix(lid, "AppLogsSpill") {
			t.Errorf("a spill bucket was created beside the given one: %s", lid)
		}
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/AppLogs/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`":log-group:/aws/lambda/orders*"`, `":log-group:/app/*"`, `"/spill/athena/*"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("connector role lacks %s: %s", want, doc)
		}
	}
	// Only DescribeLogGroups may name every log group.
	if n := strings.Count(doc, `":log-group:*"`); n != 1 {
		t.Errorf("log-group:* appears %d times: %s", n, doc)
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", optionsStack+"/AppLogs/Logs/Resource")
	if testkit.Props(lg)["LogGroupName"] != "/aws/lambda/app_logs" {
		t.Errorf("log group = %s", testkit.JSON(lg))
	}
}

func TestCatalogRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		lake := securebucket.New(stack, "Lake", nil)
		athena.NewCloudWatchCatalog(stack, "Logs", &athena.CatalogProps{
			Name: jsii.String("App.Logs"), ConnectorVersion: jsii.String("latest"), ConnectorApplication: jsii.String("AthenaCloudwatchConnector"),
			LogGroupNamePrefixes: []string{"/aws/*"}, SpillBucket: lake.Bucket, SpillPrefix: jsii.String("spill/"),
			SpillExpiration: awscdk.Duration_Hours(jsii.Number(6)), MemorySize: jsii.Number(64), Timeout: awscdk.Duration_Minutes(jsii.Number(16)),
			LogRetention: awslogs.RetentionDays_INFINITE,
		})
	}, "athena.CloudWatchCatalog Bad/Logs: invalid props", "Name = App.Logs", "ConnectorVersion = latest", "ConnectorApplication = AthenaCloudwatchConnector: a Serverless Application Repository application ARN", `LogGroupNamePrefixes[0] = "/aws/*"`,
		`SpillPrefix = "spill/"`, "SpillExpiration = 6 hours: nothing with SpillBucket", "SpillExpiration = 6 hours: whole days",
		"MemorySize = 64", "Timeout = 16 minutes", "LogRetention = INFINITE")
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		athena.NewCloudWatchCatalog(stack, "Logs", &athena.CatalogProps{LogGroupNamePrefixes: []string{}})
	}, "LogGroupNamePrefixes = []")
}
