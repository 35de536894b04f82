package glue_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const gluejobStackName = "GlueJobStack"

var gluejobEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var gluejobBuilt = map[string]*gluejob.GlueJob{}

// fixture is a script of testdata, or one of the variants TestMain writes.
func gluejobFixture(name string) string {
	if _, err := os.Stat(filepath.Join(gluejobScripts, name)); err == nil {
		return filepath.Join(gluejobScripts, name)
	}
	return filepath.Join(testkit.RepoRoot(), "test", "glue", "testdata", "gluejob", name)
}

// configs: a bookmarked batch job with defaults ("Nightly"), a streaming
// job ("Stream"), a Python shell job ("Notify"), and a batch job with every
// option ("Tuned").
var gluejobConfigs = testkit.Register("gluejobs", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(gluejobStackName), &awscdk.StackProps{Env: gluejobEnv})
	gluejobBuilt["Nightly"] = gluejob.New(stack, "Nightly", &gluejob.Props{Script: gluejobFixture("bookmarked.py")})
	gluejobBuilt["Nightly"].GrantCatalogRead("sales", "orders")
	gluejobBuilt["Stream"] = gluejob.New(stack, "Stream", &gluejob.Props{Script: gluejobFixture("streaming.py"), Type: gluejob.Streaming, WorkerType: awsglue.WorkerType_G_025X})
	gluejobBuilt["Notify"] = gluejob.New(stack, "Notify", &gluejob.Props{Script: gluejobFixture("notify.py"), Type: gluejob.PythonShell, Arguments: map[string]string{"--topic_arn": "arn:aws:sns:eu-west-1:111111111111:runs"}})
	gluejobBuilt["Tuned"] = gluejob.New(stack, "Tuned", &gluejob.Props{
		Script:            gluejobFixture("no_commit.py"),
		Bookmarks:         gluejob.BookmarksDisable,
		GlueVersion:       awsglue.GlueVersion_V5_1,
		WorkerType:        awsglue.WorkerType_G_2X,
		Workers:           jsii.Number(10),
		Timeout:           awscdk.Duration_Minutes(jsii.Number(45)),
		MaxConcurrentRuns: jsii.Number(3),
		MaxRetries:        jsii.Number(2),
		Arguments:         map[string]string{"--target_path": "s3://curated/orders/"},
		SparkUI:           jsii.Bool(false),
		LogRetention:      awslogs.RetentionDays_TWO_YEARS,
		AlarmTopic:        awssns.Topic_FromTopicArn(stack, jsii.String("Oncall"), jsii.String("arn:aws:sns:eu-west-1:111111111111:oncall")),
		JobProps:          &awsglue.PySparkEtlJobProps{Description: jsii.String("my description"), Tags: &map[string]*string{"team": jsii.String("sales")}},
	})
	gluejobBuilt["Tuned"].GrantCatalogWrite("curated", "orders")
	lake := awss3.Bucket_FromBucketName(stack, jsii.String("Lake"), jsii.String("lake-bucket"))
	gluejobBuilt["Tuned"].GrantRead(lake, "raw/orders/")
	gluejobBuilt["Tuned"].GrantWrite(lake, "curated/orders/")
})

func gluejobJob(t *testing.T, st *testkit.Stack, name string) map[string]any {
	t.Helper()
	_, r := st.ByPath(t, "AWS::Glue::Job", gluejobStackName+"/"+name+"/Job/Resource")
	return testkit.Props(r)
}

func TestGluejobBookmarkedJobDefaults(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	j := gluejobJob(t, st, "Nightly")
	args := j["DefaultArguments"].(map[string]any)
	want := map[string]any{
		"--job-bookmark-option": "job-bookmark-enable", "--enable-metrics": "", "--enable-observability-metrics": "true",
		"--enable-spark-ui": "true", "--enable-continuous-cloudwatch-log": "true",
	}
	for k, v := range want {
		if testkit.JSON(args[k]) != testkit.JSON(v) {
			t.Errorf("DefaultArguments[%s] = %v, want %v", k, args[k], v)
		}
	}
	if !strings.Contains(testkit.JSON(args["--TempDir"]), `"/temp/"`) || !strings.Contains(testkit.JSON(args["--spark-event-logs-path"]), `"/spark-ui/"`) {
		t.Errorf("TempDir and Spark UI must be folders of the work bucket: %s", testkit.JSON(args))
	}
	checks := map[string]any{
		"GlueVersion": "5.0", "WorkerType": "G.1X", "NumberOfWorkers": 2.0, "Timeout": 120.0, "MaxRetries": 0.0,
		"ExecutionProperty": map[string]any{"MaxConcurrentRuns": 1.0},
		"Command":           nil,
	}
	for k, v := range checks {
		if v != nil && testkit.JSON(j[k]) != testkit.JSON(v) {
			t.Errorf("%s = %s, want %s", k, testkit.JSON(j[k]), testkit.JSON(v))
		}
	}
	if cmd := j["Command"].(map[string]any); cmd["Name"] != "glueetl" || cmd["PythonVersion"] != "3" {
		t.Errorf("Command = %v", cmd)
	}

	// The security configuration encrypts S3, bookmarks and logs with the job's key.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", gluejobStackName+"/Nightly/Key/Resource")
	scID, sc := st.ByPath(t, "AWS::Glue::SecurityConfiguration", gluejobStackName+"/Nightly/SecurityConfiguration/Resource")
	enc := testkit.JSON(testkit.Props(sc)["EncryptionConfiguration"])
	for _, mode := range []string{`"CloudWatchEncryptionMode":"SSE-KMS"`, `"JobBookmarksEncryptionMode":"CSE-KMS"`, `"S3EncryptionMode":"SSE-KMS"`} {
		if !strings.Contains(enc, mode) {
			t.Errorf("security configuration lacks %s: %s", mode, enc)
		}
	}
	if strings.Count(enc, keyID) != 3 {
		t.Errorf("every encryption must use the job's key %s: %s", keyID, enc)
	}
	if testkit.JSON(j["SecurityConfiguration"]) != testkit.JSON(map[string]any{"Ref": scID}) {
		t.Errorf("SecurityConfiguration = %v", j["SecurityConfiguration"])
	}

	// Log groups under the prefix Glue 5.0 writes to, encrypted, one year.
	prefix := args["--custom-logGroup-prefix"].(string)
	if !strings.HasPrefix(prefix, "/aws-glue/jobs/") {
		t.Errorf("log prefix = %q", prefix)
	}
	for _, kind := range []string{"Error", "Output"} {
		_, lg := st.ByPath(t, "AWS::Logs::LogGroup", gluejobStackName+"/Nightly/"+kind+"Logs/Resource")
		p := testkit.Props(lg)
		if p["LogGroupName"] != prefix+"/"+strings.ToLower(kind) || p["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(p["KmsKeyId"]), keyID) {
			t.Errorf("%s log group = %s", kind, testkit.JSON(p))
		}
		if lg["DeletionPolicy"] != "Retain" {
			t.Errorf("%s log group DeletionPolicy = %v, want Retain", kind, lg["DeletionPolicy"])
		}
	}

	// The work bucket is SSE-KMS with the job's key (Glue uploads with it).
	_, b := st.ByPath(t, "AWS::S3::Bucket", gluejobStackName+"/Nightly/WorkBucket/Bucket/Resource")
	benc := testkit.JSON(testkit.Props(b)["BucketEncryption"])
	if !strings.Contains(benc, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(benc, keyID) {
		t.Errorf("work bucket encryption = %s", benc)
	}
	if !strings.Contains(testkit.JSON(testkit.Props(b)["LifecycleConfiguration"]), `"Prefix":"temp/"`) {
		t.Errorf("temporary files must expire: %s", testkit.JSON(testkit.Props(b)["LifecycleConfiguration"]))
	}

	// Failed and timed-out runs alert.
	_, rule := st.ByPath(t, "AWS::Events::Rule", gluejobStackName+"/Nightly/FailureRule/Resource")
	rp := testkit.Props(rule)
	jobID, _ := st.ByPath(t, "AWS::Glue::Job", gluejobStackName+"/Nightly/Job/Resource")
	wantPattern := map[string]any{
		"source": []any{"aws.glue"}, "detail-type": []any{"Glue Job State Change"},
		"detail": map[string]any{"jobName": []any{map[string]any{"Ref": jobID}}, "state": []any{"FAILED", "TIMEOUT"}},
	}
	if testkit.JSON(rp["EventPattern"]) != testkit.JSON(wantPattern) {
		t.Errorf("EventPattern = %s", testkit.JSON(rp["EventPattern"]))
	}
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", gluejobStackName+"/Nightly/AlarmTopic/Resource")
	if !strings.Contains(testkit.JSON(rp["Targets"]), topicID) {
		t.Errorf("rule targets = %s", testkit.JSON(rp["Targets"]))
	}
}

func TestGluejobRoleIsExact(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	roleID, role := st.ByPath(t, "AWS::IAM::Role", gluejobStackName+"/Nightly/Role/Resource")
	rp := testkit.Props(role)
	if rp["ManagedPolicyArns"] != nil {
		t.Errorf("the job role must have no managed policy: %v", rp["ManagedPolicyArns"])
	}
	if !strings.Contains(testkit.JSON(rp["AssumeRolePolicyDocument"]), `"Service":"glue.amazonaws.com"`) {
		t.Errorf("trust = %s", testkit.JSON(rp["AssumeRolePolicyDocument"]))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", gluejobStackName+"/Nightly/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, want := range []string{
		`"Action":["logs:AssociateKmsKey","logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"]`,
		`log-group:/aws-glue/*"`,
		`"Condition":{"StringEquals":{"cloudwatch:namespace":"Glue"}}`,
		`"Action":["glue:BatchGetPartition","glue:GetDatabase","glue:GetPartition","glue:GetPartitions","glue:GetTable","glue:GetTables"]`,
		`:glue:eu-west-1:111111111111:table/sales/orders"`, `:glue:eu-west-1:111111111111:database/sales"`, `:glue:eu-west-1:111111111111:catalog"`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("policy lacks %s:\n%s", want, doc)
		}
	}
	if strings.Contains(doc, "glue:CreateTable") || strings.Contains(doc, `"s3:*"`) || strings.Contains(doc, `"glue:*"`) {
		t.Errorf("read-only job has write or wildcard grants:\n%s", doc)
	}
	_ = roleID
	_, tuned := st.ByPath(t, "AWS::IAM::Policy", gluejobStackName+"/Tuned/Role/DefaultPolicy/Resource")
	tdoc := testkit.JSON(testkit.Props(tuned))
	if !strings.Contains(tdoc, "glue:BatchCreatePartition") {
		t.Errorf("GrantCatalogWrite must allow partition creation")
	}
	for _, want := range []string{
		`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["raw/orders/*"]}}`,
		`{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::lake-bucket/raw/orders/*"}`,
		`{"Action":["s3:AbortMultipartUpload","s3:DeleteObject","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":"arn:aws:s3:::lake-bucket/curated/orders/*"}`,
	} {
		if !strings.Contains(tdoc, want) {
			t.Errorf("GrantRead/GrantWrite: policy lacks %s:\n%s", want, tdoc)
		}
	}
}

func TestGluejobStreamingJob(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	j := gluejobJob(t, st, "Stream")
	if j["Command"].(map[string]any)["Name"] != "gluestreaming" || j["WorkerType"] != "G.025X" {
		t.Errorf("Command/WorkerType = %v %v", j["Command"], j["WorkerType"])
	}
	args := j["DefaultArguments"].(map[string]any)
	if _, ok := args["--job-bookmark-option"]; ok {
		t.Errorf("a streaming job has no bookmark option: %v", args)
	}
	if !strings.Contains(testkit.JSON(args["--checkpoint_location"]), "/checkpoints/") || gluejobBuilt["Stream"].CheckpointLocation == nil {
		t.Errorf("checkpoint location = %v", args["--checkpoint_location"])
	}
	if _, ok := j["Timeout"]; ok {
		t.Errorf("a streaming job runs until stopped; Timeout = %v", j["Timeout"])
	}
}

func TestGluejobPythonShellJob(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	j := gluejobJob(t, st, "Notify")
	if j["Command"].(map[string]any)["Name"] != "pythonshell" || j["MaxCapacity"] != 0.0625 || j["Timeout"] != 30.0 {
		t.Errorf("shell job = %s", testkit.JSON(j))
	}
	args := j["DefaultArguments"].(map[string]any)
	if args["--topic_arn"] != "arn:aws:sns:eu-west-1:111111111111:runs" {
		t.Errorf("arguments = %v", args)
	}
	if _, ok := args["--custom-logGroup-prefix"]; ok || len(gluejobBuilt["Notify"].LogGroups) != 0 {
		t.Errorf("a Python shell job logs to Glue's own groups: %v", args)
	}
}

func TestGluejobOptions(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	j := gluejobJob(t, st, "Tuned")
	want := map[string]any{
		"GlueVersion": "5.1", "WorkerType": "G.2X", "NumberOfWorkers": 10.0, "Timeout": 45.0, "MaxRetries": 2.0,
		"ExecutionProperty": map[string]any{"MaxConcurrentRuns": 3.0}, "Description": "my description", "Tags": map[string]any{"team": "sales"},
	}
	for k, v := range want {
		if testkit.JSON(j[k]) != testkit.JSON(v) {
			t.Errorf("%s = %s, want %s", k, testkit.JSON(j[k]), testkit.JSON(v))
		}
	}
	args := j["DefaultArguments"].(map[string]any)
	if args["--job-bookmark-option"] != "job-bookmark-disable" || args["--target_path"] != "s3://curated/orders/" {
		t.Errorf("arguments = %v", args)
	}
	if _, ok := args["--enable-spark-ui"]; ok {
		t.Errorf("SparkUI false must drop the Spark UI: %v", args)
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", gluejobStackName+"/Tuned/ErrorLogs/Resource")
	if testkit.Props(lg)["RetentionInDays"] != 731.0 {
		t.Errorf("retention = %v", testkit.Props(lg)["RetentionInDays"])
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", gluejobStackName+"/Tuned/FailureRule/Resource")
	if !strings.Contains(testkit.JSON(testkit.Props(rule)["Targets"]), "arn:aws:sns:eu-west-1:111111111111:oncall") {
		t.Errorf("alerts must go to the given topic")
	}
	if st.Resources("AWS::SNS::Topic") == nil {
		t.Fatal("no topics")
	}
	for id := range st.Resources("AWS::SNS::Topic") {
		if strings.HasPrefix(id, "Tuned") {
			t.Errorf("a topic was created although AlarmTopic was given: %s", id)
		}
	}
}

func TestGluejobTwoJobsInOneStack(t *testing.T) {
	s := gluejobConfigs()
	st := s.Stack(t, gluejobStackName)
	st.Count(t, "AWS::Glue::Job", 4)
	st.Count(t, "AWS::Glue::SecurityConfiguration", 4)
	names := map[string]bool{}
	for _, lg := range st.Resources("AWS::Logs::LogGroup") {
		n := testkit.JSON(testkit.Props(lg)["LogGroupName"])
		if names[n] {
			t.Errorf("two log groups named %s", n)
		}
		names[n] = true
	}
}
