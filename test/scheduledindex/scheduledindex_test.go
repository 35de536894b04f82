package scheduledindex_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/scheduledindex"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	searchStackName   = "SearchStack"
	orchestrationName = "OrchestrationStack"
	reportsStackName  = "ReportsStack"
	importedDomainArn = "arn:aws:es:eu-west-1:111111111111:domain/reports"
)

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var built struct {
	search                   *streamtoopensearch.StreamToOpenSearch
	exports, orders, reports *scheduledindex.ScheduledIndex
	reportsTopic             awssns.ITopic
}

// The defaults over a streamtoopensearch domain in its stack; a second
// indexer in another stack writing to the same domain (the Orchestration
// wiring); an imported public domain with every other option.
var configs = testkit.Register("scheduledindex", nil, func(app constructs.Construct) {
	search := awscdk.NewStack(app, jsii.String(searchStackName), &awscdk.StackProps{Env: env})
	b := &built
	b.search = streamtoopensearch.New(search, "MusicSearch", nil)
	lake := securebucket.New(search, "Lake", nil)
	b.exports = scheduledindex.New(search, "Exports", &scheduledindex.Props{
		Bucket: lake.Bucket, Prefix: jsii.String("exports/"), Search: b.search,
	})

	orch := awscdk.NewStack(app, jsii.String(orchestrationName), &awscdk.StackProps{Env: env})
	b.orders = scheduledindex.New(orch, "OrderSearch", &scheduledindex.Props{
		Bucket: lake.Bucket, Prefix: jsii.String("raw/orders/"), Search: b.search,
		IndexName: jsii.String("orders"), IndexRotation: scheduledindex.Monthly,
		Columns:  map[string]scheduledindex.ColumnType{"order_id": scheduledindex.Integer, "amount": scheduledindex.Float, "ordered_at": scheduledindex.Timestamp, "paid": scheduledindex.Boolean},
		Schedule: jsii.String("cron(0 */8 * * ? *)"), Timeout: awscdk.Duration_Minutes(jsii.Number(10)), Memory: jsii.Number(1024),
		S3GatewayEndpoint: jsii.Bool(false), CheckpointKey: jsii.String("state/orders-index.json"), Suffix: jsii.String(""),
	})

	reports := awscdk.NewStack(app, jsii.String(reportsStackName), &awscdk.StackProps{Env: env})
	domain := awsopensearchservice.Domain_FromDomainAttributes(reports, jsii.String("ReportsDomain"), &awsopensearchservice.DomainAttributes{
		DomainArn: jsii.String(importedDomainArn), DomainEndpoint: jsii.String("https://search-reports-abc.eu-west-1.es.amazonaws.com"),
	})
	bucket := securebucket.New(reports, "Exports", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b.reports = scheduledindex.New(reports, "Reports", &scheduledindex.Props{
		Bucket: bucket.Bucket, Prefix: jsii.String("daily/"), Domain: domain,
		IndexName: jsii.String("reports"), IndexRotation: scheduledindex.Daily,
		EncryptionKey: bucket.Key, CreateAlarms: jsii.Bool(false),
	})
})

func TestScheduledindexDefaults(t *testing.T) {
	st := configs().Stack(t, searchStackName)
	st.Has(t, "AWS::Scheduler::Schedule", map[string]any{
		"ScheduleExpression": "rate(8 hours)", "ScheduleExpressionTimezone": "UTC", "State": "ENABLED",
		"FlexibleTimeWindow": map[string]any{"Mode": "OFF"},
		"Target": map[string]any{
			"RetryPolicy":      map[string]any{"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600},
			"DeadLetterConfig": map[string]any{"Arn": map[string]any{"Fn::GetAtt": []any{id(t, st, "AWS::SQS::Queue", "Exports/FailureQueue/Resource"), "Arn"}}},
		},
	})
	_, fn := st.ByPath(t, "AWS::Lambda::Function", searchStackName+"/Exports/Function/Resource")
	fp := testkit.Props(fn)
	for k, want := range map[string]any{"Timeout": 900.0, "MemorySize": 512.0, "ReservedConcurrentExecutions": 1.0, "Runtime": "provided.al2023", "Architectures": []any{"arm64"}} {
		if testkit.JSON(fp[k]) != testkit.JSON(want) {
			t.Errorf("function %s = %s, want %s", k, testkit.JSON(fp[k]), testkit.JSON(want))
		}
	}
	envs := testkit.JSON(fp["Environment"])
	for _, want := range []string{`"PREFIX":"exports/"`, `"SUFFIX":".csv"`, `"INDEX":"csv-data"`, `"INDEX_ROTATION":"none"`, `"SCHEMA":""`, `"CHECKPOINT_KEY":"_index-checkpoints/`, `"DOMAIN_ENDPOINT":{"Fn::GetAtt":["MusicSearchDomain`} {
		if !strings.Contains(envs, want) {
			t.Errorf("environment lacks %s: %s", want, envs)
		}
	}
	if vpc := testkit.JSON(fp["VpcConfig"]); !strings.Contains(vpc, "SubnetIds") {
		t.Errorf("the function is not in the domain's VPC: %s", vpc)
	}
	st.Has(t, "AWS::Lambda::EventInvokeConfig", map[string]any{"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 7200})
	// Role mapping through the streamtoopensearch access function.
	_, mapping := st.ByPathPrefix(t, "Custom::OpenSearchRoleMapping", searchStackName+"/Exports/WriterMapping")
	mp := testkit.JSON(testkit.Props(mapping))
	if !strings.Contains(mp, `"IndexPatterns":"csv-data"`) || !strings.Contains(mp, `"RoleName":"writer_`) || !strings.Contains(mp, `"AdminBackendRoles":""`) {
		t.Errorf("mapping %s", mp)
	}
	// Policies: prefix, checkpoint, index.
	pol := policyOf(t, st, searchStackName+"/Exports/Role/DefaultPolicy/Resource")
	for _, want := range []string{`"s3:prefix":["exports/*"]`, `"/exports/*"`, `"/_index-checkpoints/`, `"Action":"s3:PutObject"`, `"Action":"es:ESHttpPost"`, `"/csv-data/_bulk"`} {
		if !strings.Contains(pol, want) {
			t.Errorf("function policy lacks %s: %s", want, pol)
		}
	}
	if strings.Contains(pol, "s3:DeleteObject") || strings.Contains(pol, "es:ESHttpDelete") || strings.Contains(pol, "es:*") {
		t.Errorf("function policy grants too much: %s", pol)
	}
	st.Has(t, "AWS::EC2::VPCEndpoint", map[string]any{"VpcEndpointType": "Gateway"})
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"Description": "CSV indexer to the domain", "FromPort": 443})
	// Alarms.
	for _, a := range []string{"ErrorsAlarm", "DeadLettersAlarm"} {
		st.ByPath(t, "AWS::CloudWatch::Alarm", searchStackName+"/Exports/"+a+"/Resource")
	}
	st.CheckAlarmTopic(t, searchStackName+"/Exports", built.exports.AlarmTopic, built.exports.AlarmTopicKey)
	if built.exports.IndexPattern != "csv-data" || !strings.HasPrefix(built.exports.CheckpointKey, "_index-checkpoints/") {
		t.Errorf("pattern %s checkpoint %s", built.exports.IndexPattern, built.exports.CheckpointKey)
	}
}

func TestScheduledindexCrossStackWriter(t *testing.T) {
	st := configs().Stack(t, orchestrationName)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", orchestrationName+"/OrderSearch/Function/Resource")
	fp := testkit.Props(fn)
	envs := testkit.JSON(fp["Environment"])
	for _, want := range []string{`"INDEX":"orders"`, `"INDEX_ROTATION":"monthly"`, `"SCHEMA":"amount:float,order_id:int,ordered_at:timestamp,paid:bool"`, `"SUFFIX":"*"`, `"CHECKPOINT_KEY":"state/orders-index.json"`} {
		if !strings.Contains(envs, want) {
			t.Errorf("environment lacks %s: %s", want, envs)
		}
	}
	if fp["Timeout"] != 600.0 || fp["MemorySize"] != 1024.0 {
		t.Errorf("timeout %v memory %v", fp["Timeout"], fp["MemorySize"])
	}
	st.Has(t, "AWS::Scheduler::Schedule", map[string]any{"ScheduleExpression": "cron(0 */8 * * ? *)"})
	st.Count(t, "AWS::EC2::VPCEndpoint", 0)
	_, mapping := st.ByPathPrefix(t, "Custom::OpenSearchRoleMapping", orchestrationName+"/OrderSearch/WriterMapping")
	if mp := testkit.JSON(testkit.Props(mapping)); !strings.Contains(mp, `"IndexPatterns":"orders-*"`) || !strings.Contains(mp, "Fn::GetStackOutput") && !strings.Contains(mp, "Fn::ImportValue") {
		t.Errorf("the mapping does not use the search stack's access provider: %s", mp)
	}
	pol := policyOf(t, st, orchestrationName+"/OrderSearch/Role/DefaultPolicy/Resource")
	if !strings.Contains(pol, `/orders-*/_bulk"`) || !strings.Contains(pol, `"/state/orders-index.json"`) {
		t.Errorf("policy %s", pol)
	}
	// The domain's security group admits the indexer from this stack.
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"Description": "CSV indexer to the domain"})
}

func TestScheduledindexImportedDomain(t *testing.T) {
	st := configs().Stack(t, reportsStackName)
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	st.Count(t, "Custom::OpenSearchRoleMapping", 0)
	st.Count(t, "AWS::EC2::SecurityGroup", 0)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", reportsStackName+"/Reports/Function/Resource")
	envs := testkit.JSON(testkit.Props(fn)["Environment"])
	if !strings.Contains(envs, `"DOMAIN_ENDPOINT":"search-reports-abc.eu-west-1.es.amazonaws.com"`) || !strings.Contains(envs, `"INDEX_ROTATION":"daily"`) {
		t.Errorf("environment %s", envs)
	}
	pol := policyOf(t, st, reportsStackName+"/Reports/Role/DefaultPolicy/Resource")
	for _, want := range []string{importedDomainArn + `/reports-*/_bulk"`, `"kms:Decrypt","kms:Encrypt","kms:GenerateDataKey"`} {
		if !strings.Contains(pol, want) {
			t.Errorf("policy lacks %s: %s", want, pol)
		}
	}
	if built.reports.SecurityGroup != nil || built.reports.RoleMapping != nil || built.reports.ErrorsAlarm != nil {
		t.Errorf("exposed %+v", built.reports)
	}
}

func TestScheduledindexRejectedProps(t *testing.T) {
	newStack := func(t *testing.T) awscdk.Stack {
		return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), &awscdk.StackProps{Env: env})
	}
	testkit.MustPanic(t, func() { scheduledindex.New(newStack(t), "Index", nil) },
		"scheduledindex Bad/Index: invalid props", "Bucket = nil", "Prefix = missing", "Search/Domain = nil")
	testkit.MustPanic(t, func() {
		stack := newStack(t)
		b := securebucket.New(stack, "B", nil)
		d := awsopensearchservice.Domain_FromDomainEndpoint(stack, jsii.String("D"), jsii.String("https://search-x.eu-west-1.es.amazonaws.com"))
		topic := awssns.NewTopic(stack, jsii.String("T"), nil)
		scheduledindex.New(stack, "Index", &scheduledindex.Props{
			Bucket: b.Bucket, Prefix: jsii.String("/raw*"), Domain: d, CheckpointKey: jsii.String("state/"),
			IndexName: jsii.String("Orders"), IndexRotation: "hourly",
			Columns:  map[string]scheduledindex.ColumnType{"Order ID": scheduledindex.Integer, "amount": "money"},
			Schedule: jsii.String("rate(8 hour)"), Timeout: awscdk.Duration_Minutes(jsii.Number(20)), Memory: jsii.Number(64),
			VpcSubnets: nil, S3GatewayEndpoint: jsii.Bool(true),
			CreateAlarms: jsii.Bool(false), AlarmTopic: topic,
		})
	}, "Prefix = /raw*", "CheckpointKey = state/", "IndexName = Orders: lower case", "IndexRotation = hourly",
		"Columns[Order ID] = Order ID", "Columns[amount] = money", "Schedule = rate(8 hour)", "Timeout = 1200 seconds", "Memory = 64",
		"VpcSubnets/S3GatewayEndpoint = set", "AlarmTopic = ")
	for name, want := range map[string]string{"_orders": "does not start with", "a:b": "none of", "a b": "none of", "..": `IndexName = ".."`, strings.Repeat("a", 250): "at most 244 bytes"} {
		testkit.MustPanic(t, func() {
			stack := newStack(t)
			d := awsopensearchservice.Domain_FromDomainEndpoint(stack, jsii.String("D"), jsii.String("https://search-x.eu-west-1.es.amazonaws.com"))
			scheduledindex.New(stack, "Index", &scheduledindex.Props{Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: jsii.String("raw/"),
				Domain: d, IndexName: jsii.String(name), IndexRotation: scheduledindex.Daily})
		}, want)
	}
	testkit.MustPanic(t, func() {
		stack := newStack(t)
		s := streamtoopensearch.New(stack, "Search", nil)
		scheduledindex.New(stack, "Index", &scheduledindex.Props{Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: jsii.String("raw/"),
			Search: s, Domain: s.Domain, DomainSecurityGroup: s.DomainSecurityGroup})
	}, "Domain = Bad/Search/Domain: Search brings its own domain", "Vpc/DomainSecurityGroup/RoleMapper = set", "DomainSecurityGroup = Bad/Search/DomainSecurityGroup: only with Vpc")
}

func id(t *testing.T, st *testkit.Stack, typ, path string) string {
	t.Helper()
	logical, _ := st.ByPath(t, typ, st.ID+"/"+path)
	return logical
}

func policyOf(t *testing.T, st *testkit.Stack, path string) string {
	t.Helper()
	_, p := st.ByPath(t, "AWS::IAM::Policy", path)
	return testkit.JSON(testkit.Props(p)["PolicyDocument"])
}
