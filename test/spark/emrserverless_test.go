package spark_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestEmrserverlessDefaults(t *testing.T) {
	st := emrserverlessConfigs().Stack(t, emrserverlessDefaultsStack)
	app := testkit.Props(st.Only(t, "AWS::EMRServerless::Application"))
	want := map[string]string{
		"ReleaseLabel":           `"` + emrserverless.DefaultReleaseLabel + `"`,
		"Type":                   `"SPARK"`,
		"Architecture":           `"ARM64"`,
		"AutoStartConfiguration": `{"Enabled":true}`,
		"AutoStopConfiguration":  `{"Enabled":true,"IdleTimeoutMinutes":15}`,
		"MaximumCapacity":        `{"Cpu":"16 vCPU","Disk":"200 GB","Memory":"64 GB"}`,
	}
	for k, v := range want {
		if got := testkit.JSON(app[k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	for _, k := range []string{"InitialCapacity", "NetworkConfiguration", "Name"} {
		if _, ok := app[k]; ok {
			t.Errorf("%s set by default: %s", k, testkit.JSON(app[k]))
		}
	}
	rc := testkit.JSON(app["RuntimeConfiguration"])
	for _, s := range []string{`"Classification":"spark-defaults"`, `"spark.hadoop.hive.metastore.client.factory.class":"` + emrserverless.GlueMetastoreFactory + `"`,
		`"spark.sql.adaptive.enabled":"true"`, `"spark.sql.adaptive.skewJoin.enabled":"true"`} {
		if !strings.Contains(rc, s) {
			t.Errorf("RuntimeConfiguration lacks %s: %s", s, rc)
		}
	}

	// Logs: S3 with the key, CloudWatch to the CMK log group, UI encrypted.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", emrserverlessDefaultsStack+"/Spark/Key/Resource")
	mon := app["MonitoringConfiguration"].(map[string]any)
	s3 := testkit.JSON(mon["S3MonitoringConfiguration"])
	if !strings.Contains(s3, keyID) || !strings.Contains(s3, "/emr-serverless/") || !strings.Contains(s3, "s3://") {
		t.Errorf("S3 logs = %s", s3)
	}
	cw := testkit.JSON(mon["CloudWatchLoggingConfiguration"])
	groupID, group := st.ByPath(t, "AWS::Logs::LogGroup", emrserverlessDefaultsStack+"/Spark/JobLogs/Resource")
	if !strings.Contains(cw, `"Enabled":true`) || !strings.Contains(cw, groupID) || !strings.Contains(cw, keyID) || !strings.Contains(cw, "SPARK_DRIVER") {
		t.Errorf("CloudWatch logs = %s", cw)
	}
	if gp := testkit.Props(group); gp["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(gp["KmsKeyId"]), keyID) {
		t.Errorf("log group = %s", testkit.JSON(gp))
	}
	if !strings.Contains(testkit.JSON(mon["ManagedPersistenceMonitoringConfiguration"]), keyID) {
		t.Errorf("UI = %s", testkit.JSON(mon["ManagedPersistenceMonitoringConfiguration"]))
	}
	_, bucket := st.ByPath(t, "AWS::S3::Bucket", emrserverlessDefaultsStack+"/Spark/Logs/Bucket/Resource")
	if enc := testkit.JSON(testkit.Props(bucket)["BucketEncryption"]); !strings.Contains(enc, `"aws:kms"`) || !strings.Contains(enc, keyID) {
		t.Errorf("log bucket encryption = %s", enc)
	}

	// The job role: trusted by EMR Serverless for this application only.
	appID, _ := st.ByPath(t, "AWS::EMRServerless::Application", emrserverlessDefaultsStack+"/Spark/Application")
	_, role := st.ByPath(t, "AWS::IAM::Role", emrserverlessDefaultsStack+"/Spark/JobRole/Resource")
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	for _, s := range []string{`"Service":"emr-serverless.amazonaws.com"`, `"aws:SourceAccount"`, `"aws:SourceArn":{"Fn::GetAtt":["` + appID + `","Arn"]}`} {
		if !strings.Contains(trust, s) {
			t.Errorf("trust lacks %s: %s", s, trust)
		}
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", emrserverlessDefaultsStack+"/Spark/JobRole/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"logs:PutLogEvents", "s3:PutObject", "logs:DescribeLogGroups"} {
		if !strings.Contains(doc, s) {
			t.Errorf("job role lacks %s: %s", s, doc)
		}
	}
	if strings.Contains(doc, "glue:") {
		t.Errorf("job role has Glue access without GlueDatabases: %s", doc)
	}

	// Failed runs go to the encrypted alarm topic.
	_, rule := st.ByPathPrefix(t, "AWS::Events::Rule", emrserverlessDefaultsStack+"/Spark/JobRunFailed")
	pattern := testkit.JSON(testkit.Props(rule)["EventPattern"])
	for _, s := range []string{`"source":["aws.emr-serverless"]`, `"detail-type":["EMR Serverless Job Run State Change"]`, `"state":["FAILED"]`, appID} {
		if !strings.Contains(pattern, s) {
			t.Errorf("rule pattern lacks %s: %s", s, pattern)
		}
	}
	st.CheckAlarmTopic(t, emrserverlessDefaultsStack+"/Spark", emrserverlessBuilt.defaults.AlarmTopic, emrserverlessBuilt.defaults.AlarmTopicKey)
}

func TestEmrserverlessOptions(t *testing.T) {
	st := emrserverlessConfigs().Stack(t, emrserverlessOptionsStack)
	app := testkit.Props(st.Only(t, "AWS::EMRServerless::Application"))
	if app["Name"] != "lake-spark" || app["ReleaseLabel"] != "emr-6.15.0" || app["Architecture"] != "X86_64" {
		t.Errorf("app = %s", testkit.JSON(app))
	}
	if got := testkit.JSON(app["AutoStopConfiguration"]); got != `{"Enabled":true,"IdleTimeoutMinutes":30}` {
		t.Errorf("auto-stop = %s", got)
	}
	ic := testkit.JSON(app["InitialCapacity"])
	for _, s := range []string{`{"Key":"Driver","Value":{"WorkerConfiguration":{"Cpu":"4 vCPU","Disk":"20 GB","Memory":"16 GB"},"WorkerCount":1}}`,
		`{"Key":"Executor","Value":{"WorkerConfiguration":{"Cpu":"4 vCPU","Disk":"50 GB","Memory":"16 GB"},"WorkerCount":2}}`} {
		if !strings.Contains(ic, s) {
			t.Errorf("InitialCapacity lacks %s: %s", s, ic)
		}
	}
	if rc := testkit.JSON(app["RuntimeConfiguration"]); !strings.Contains(rc, `"spark.executor.memory":"14g"`) {
		t.Errorf("spark defaults = %s", rc)
	}
	net := testkit.JSON(app["NetworkConfiguration"])
	sgID, sg := st.ByPathPrefix(t, "AWS::EC2::SecurityGroup", emrserverlessOptionsStack+"/Spark/SecurityGroup")
	if !strings.Contains(net, sgID) || !strings.Contains(net, "PrivateSubnet1") || !strings.Contains(net, "PrivateSubnet2") {
		t.Errorf("network = %s", net)
	}
	if eg := testkit.JSON(testkit.Props(sg)["SecurityGroupEgress"]); !strings.Contains(eg, `"FromPort":443`) || strings.Contains(eg, `"IpProtocol":"-1"`) {
		t.Errorf("egress = %s", eg)
	}

	// The job role reads the scripts and raw/, writes curated/, uses the
	// two databases.
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", emrserverlessOptionsStack+"/Spark/JobRole/DefaultPolicy")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, s := range []string{"/raw/*", "/curated/*", "s3:DeleteObject", "database/lake_raw", "table/lake_curated/*", "database/default", "glue:BatchCreatePartition"} {
		if !strings.Contains(doc, s) {
			t.Errorf("job role lacks %s: %s", s, doc)
		}
	}

	// The state runs the job with .sync inside the repository's state
	// machine, whose checks accept it; the machine's role has exactly the
	// integration's permissions.
	sm := st.Only(t, "AWS::StepFunctions::StateMachine")
	asl, tokens := testkit.Definition(t, sm)
	state := testkit.State(t, asl, "RunSkewJob")
	if state["Resource"] != "arn:<token>:states:::emr-serverless:startJobRun.sync" {
		t.Errorf("Resource = %v", state["Resource"])
	}
	params := testkit.JSON(state["Parameters"])
	for _, s := range []string{`"ClientToken.$":"States.UUID()"`, `"ExecutionTimeoutMinutes":60`, `"EntryPointArguments":["--input","s3://lake/raw/orders/"]`,
		`"SparkSubmitParameters":"--conf spark.executor.instances=2"`, `"Name":"RunSkewJob"`} {
		if !strings.Contains(params, s) {
			t.Errorf("Parameters lack %s: %s", s, params)
		}
	}
	appID, _ := st.ByPath(t, "AWS::EMRServerless::Application", emrserverlessOptionsStack+"/Spark/Application")
	if !strings.Contains(tokens, appID) || !strings.Contains(tokens, "JobRole") {
		t.Errorf("definition tokens = %s", tokens)
	}
	if probs := statemachine.DefinitionProblems(emrserverlessBuilt.run); len(probs) != 0 {
		t.Errorf("statemachine's checks: %v", probs)
	}
	_, smPol := st.ByPathPrefix(t, "AWS::IAM::Policy", emrserverlessOptionsStack+"/Pipeline/Role/DefaultPolicy")
	smDoc := testkit.JSON(testkit.Props(smPol)["PolicyDocument"])
	for _, s := range []string{`"emr-serverless:StartJobRun"`, `["emr-serverless:CancelJobRun","emr-serverless:GetJobRun"]`, "/jobruns/*",
		`"iam:PassedToService":"emr-serverless.amazonaws.com"`, "rule/StepFunctionsGetEventsForEMRServerlessJobRule"} {
		if !strings.Contains(smDoc, s) {
			t.Errorf("state machine role lacks %s: %s", s, smDoc)
		}
	}
}

func TestEmrserverlessHive(t *testing.T) {
	st := emrserverlessConfigs().Stack(t, emrserverlessHiveStack)
	app := testkit.Props(st.Only(t, "AWS::EMRServerless::Application"))
	if app["Type"] != "HIVE" {
		t.Errorf("Type = %v", app["Type"])
	}
	if _, ok := app["RuntimeConfiguration"]; ok {
		t.Errorf("runtime configuration without Glue: %s", testkit.JSON(app["RuntimeConfiguration"]))
	}
	if cw := testkit.JSON(app["MonitoringConfiguration"]); !strings.Contains(cw, "HIVE_DRIVER") || !strings.Contains(cw, "/hive/") {
		t.Errorf("monitoring = %s", cw)
	}
	st.Count(t, "AWS::Events::Rule", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	// The Hive job driver carries the query from the input and the parameters.
	state := testkit.JSON(awscdk.Stack_Of(emrserverlessBuilt.hive.Construct).Resolve(emrserverlessBuilt.hiveRun.ToStateJson(awsstepfunctions.QueryLanguage_JSON_PATH)))
	if !strings.Contains(state, `"Hive":{"Parameters":"--hivevar TABLE=t --hiveconf hive.exec.scratchdir=s3://b/s/","Query.$":"$.query"}`) {
		t.Errorf("Hive state = %s", state)
	}
}
