package csvvalidate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// lambdaConfigs is the bucket's NotificationConfiguration.
func notification(t *testing.T, st *testkit.Stack, path string) (map[string]any, []any) {
	t.Helper()
	_, b := st.ByPath(t, "AWS::S3::Bucket", path)
	nc, _ := testkit.Props(b)["NotificationConfiguration"].(map[string]any)
	deps, _ := b["DependsOn"].([]any)
	return nc, deps
}

func TestDefaults(t *testing.T) {
	st := app().Stack(t, defaultsStack)
	v := built.defaults
	if v.SecureBucket == nil || v.IncomingPrefix != "incoming/" || v.ValidPrefix != "valid/" || v.QuarantinePrefix != "quarantine/" || v.ReportPrefix != "reports/" {
		t.Errorf("defaults: bucket %v, prefixes %s %s %s %s", v.SecureBucket, v.IncomingPrefix, v.ValidPrefix, v.QuarantinePrefix, v.ReportPrefix)
	}
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", defaultsStack+"/Orders/Function/Resource")
	p := testkit.Props(fn)
	if testkit.JSON(p["Architectures"]) != `["arm64"]` || p["Runtime"] != "provided.al2023" || p["MemorySize"] != float64(512) || p["Timeout"] != float64(300) {
		t.Errorf("function = %s", testkit.JSON(p))
	}
	if p["ReservedConcurrentExecutions"] != nil {
		t.Errorf("no reserved concurrency by default: %v", p["ReservedConcurrentExecutions"])
	}
	env := p["Environment"].(map[string]any)["Variables"].(map[string]any)
	var schema map[string]any
	if err := json.Unmarshal([]byte(env["SCHEMA"].(string)), &schema); err != nil {
		t.Fatalf("SCHEMA is not JSON: %v", err)
	}
	if got := testkit.JSON(schema); got != `{"columns":[{"name":"order_id","type":"int"},{"name":"amount","type":"decimal"},{"name":"order_date","type":"date"},`+
		`{"name":"shipped_at","nullable":true,"type":"timestamp"},{"name":"paid","type":"bool"},{"name":"note","nullable":true,"type":"string"}]}` {
		t.Errorf("SCHEMA = %s", got)
	}
	if env["INCOMING_PREFIX"] != "incoming/" || env["VALID_PREFIX"] != "valid/" || env["QUARANTINE_PREFIX"] != "quarantine/" || env["REPORT_PREFIX"] != "reports/" {
		t.Errorf("env = %s", testkit.JSON(env))
	}

	// The notification is in the bucket's own template, next to
	// securebucket's EventBridge configuration, after the permission.
	permID, perm := st.ByPath(t, "AWS::Lambda::Permission", defaultsStack+"/Orders/S3Invoke")
	nc, deps := notification(t, st, defaultsStack+"/Orders/Bucket/Bucket/Resource")
	want := `{"EventBridgeConfiguration":{"EventBridgeEnabled":true},"LambdaConfigurations":[{"Event":"s3:ObjectCreated:*",` +
		`"Filter":{"S3Key":{"Rules":[{"Name":"prefix","Value":"incoming/"},{"Name":"suffix","Value":".csv"}]}},"Function":{"Fn::GetAtt":["` + fnID + `","Arn"]}}]}`
	if got := testkit.JSON(nc); got != want {
		t.Errorf("notification = %s\nwant %s", got, want)
	}
	if testkit.JSON(deps) != `["`+permID+`"]` {
		t.Errorf("bucket DependsOn = %s, want the permission %s", testkit.JSON(deps), permID)
	}
	if got := testkit.JSON(testkit.Props(perm)); got != `{"Action":"lambda:InvokeFunction","FunctionName":{"Fn::GetAtt":["`+fnID+`","Arn"]},"Principal":"s3.amazonaws.com","SourceAccount":{"Ref":"AWS::AccountId"}}` {
		t.Errorf("permission = %s", got)
	}
	st.Count(t, "Custom::S3BucketNotifications", 0)

	// Retries, event age and the on-failure queue.
	queueID, _ := st.ByPath(t, "AWS::SQS::Queue", defaultsStack+"/Orders/FailureQueue/Resource")
	_, eic := st.ByPath(t, "AWS::Lambda::EventInvokeConfig", defaultsStack+"/Orders/Function/EventInvokeConfig/Resource")
	if got := testkit.JSON(testkit.Props(eic)); got != `{"DestinationConfig":{"OnFailure":{"Destination":{"Fn::GetAtt":["`+queueID+`","Arn"]}}},"FunctionName":{"Ref":"`+fnID+`"},"MaximumEventAgeInSeconds":21600,"MaximumRetryAttempts":2,"Qualifier":"$LATEST"}` {
		t.Errorf("event invoke config = %s", got)
	}

	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", defaultsStack+"/Orders/Bucket/Bucket/Resource")
	checkGrants(t, st, defaultsStack+"/Orders", `{"Fn::GetAtt":["`+bucketID+`","Arn"]}`, "incoming/", "valid/", "quarantine/", "reports/")

	// Alarms on the construct's topic.
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", defaultsStack+"/Orders/AlarmTopic/Resource")
	checkAlarms(t, st, defaultsStack+"/Orders", fnID, queueID, topicID)
	st.CheckAlarmTopic(t, defaultsStack+"/Orders", v.AlarmTopic, v.AlarmTopicKey)

	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", defaultsStack+"/Orders/Logs/Resource")
	if lp := testkit.Props(lg); lp["RetentionInDays"] != float64(365) || lp["KmsKeyId"] == nil {
		t.Errorf("log group = %s", testkit.JSON(lp))
	}
}

// checkGrants asserts the function's S3 policy: read and delete under the
// incoming prefix, write under the three output prefixes, read the two
// destinations, nothing bucket-wide on objects, no s3:*.
func checkGrants(t *testing.T, st *testkit.Stack, path, bucketArn, in, valid, quarantine, reports string) {
	t.Helper()
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", path+"/BucketAccess/Policy")
	stmts := testkit.Props(pol)["PolicyDocument"].(map[string]any)["Statement"].([]any)
	obj := func(prefix string) string {
		if !strings.HasPrefix(bucketArn, `{"Fn::Join"`) { // GetAtt, or GetStackOutput of another stack
			return `{"Fn::Join":["",[` + bucketArn + `,"/` + prefix + `*"]]}`
		}
		// an imported bucket: arn:<partition>:s3:::name
		return strings.TrimSuffix(bucketArn, `"]]}`) + `/` + prefix + `*"]]}`
	}
	find := func(action string) string {
		for _, s := range stmts {
			st := s.(map[string]any)
			if strings.Contains(testkit.JSON(st["Action"]), `"`+action+`"`) {
				return testkit.JSON(st["Resource"])
			}
		}
		t.Errorf("%s: no statement with %s in %s", path, action, testkit.JSON(stmts))
		return ""
	}
	read := find("s3:GetObject*")
	for _, p := range []string{in, valid, quarantine} {
		if !strings.Contains(read, obj(p)) {
			t.Errorf("%s: read lacks %s: %s", path, obj(p), read)
		}
	}
	if strings.Contains(read, obj(reports)) {
		t.Errorf("%s: reads the reports: %s", path, read)
	}
	if del := find("s3:DeleteObject*"); del != obj(in) {
		t.Errorf("%s: delete = %s, want only %s", path, del, obj(in))
	}
	put := find("s3:PutObject")
	for _, p := range []string{valid, quarantine, reports} {
		if !strings.Contains(put, obj(p)) {
			t.Errorf("%s: put lacks %s: %s", path, obj(p), put)
		}
	}
	if strings.Contains(put, obj(in)) {
		t.Errorf("%s: writes under the incoming prefix: %s", path, put)
	}
	doc := testkit.JSON(stmts)
	if strings.Contains(doc, `"s3:*"`) || strings.Contains(doc, obj("")) {
		t.Errorf("%s: s3:* or bucket-wide object access: %s", path, doc)
	}
	if strings.Contains(doc, `"s3:DeleteBucket`) || strings.Contains(doc, `"s3:PutBucket`) {
		t.Errorf("%s: bucket-level writes: %s", path, doc)
	}
}

func checkAlarms(t *testing.T, st *testkit.Stack, path, fnID, queueID, topicID string) {
	t.Helper()
	_, errs := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"/ErrorsAlarm/Resource")
	ep := testkit.JSON(testkit.Props(errs))
	for _, want := range []string{`"MetricName":"Errors"`, `"Namespace":"AWS/Lambda"`, `"Value":{"Ref":"` + fnID + `"}`, `"Threshold":1`, `"Period":300`,
		`"AlarmActions":[{"Ref":"` + topicID + `"}]`, `"OKActions":[{"Ref":"` + topicID + `"}]`} {
		if !strings.Contains(ep, want) {
			t.Errorf("%s errors alarm lacks %s: %s", path, want, ep)
		}
	}
	_, fq := st.ByPath(t, "AWS::CloudWatch::Alarm", path+"/FailureQueueAlarm/Resource")
	qp := testkit.JSON(testkit.Props(fq))
	for _, want := range []string{`"MetricName":"ApproximateNumberOfMessagesVisible"`, `"Fn::GetAtt":["` + queueID + `","QueueName"]`, `"Statistic":"Maximum"`,
		`"AlarmActions":[{"Ref":"` + topicID + `"}]`} {
		if !strings.Contains(qp, want) {
			t.Errorf("%s failure queue alarm lacks %s: %s", path, want, qp)
		}
	}
}

func TestOptions(t *testing.T) {
	st := app().Stack(t, optionsStack)
	v := built.options
	if v.SecureBucket != nil || v.Bucket != built.landing.Bucket || v.AlarmTopic != built.topic || v.AlarmTopicKey != nil {
		t.Errorf("options: the given bucket and topic are used, nothing else created: %+v", v)
	}
	st.Count(t, "AWS::S3::Bucket", 4) // Landing and OpsData, each with its log bucket
	st.Count(t, "AWS::SNS::Topic", 1)
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", optionsStack+"/Clicks/Function/Resource")
	p := testkit.Props(fn)
	if p["MemorySize"] != float64(1024) || p["Timeout"] != float64(600) || p["ReservedConcurrentExecutions"] != float64(5) ||
		p["Description"] != "Checks the click exports" || testkit.JSON(p["Architectures"]) != `["arm64"]` {
		t.Errorf("function = %s", testkit.JSON(p))
	}
	env := testkit.JSON(p["Environment"])
	for _, want := range []string{`"LOG_LEVEL":"debug"`, `"INCOMING_PREFIX":"landing/clicks/"`, `"VALID_PREFIX":"checked/clicks/"`,
		`"QUARANTINE_PREFIX":"rejected/clicks/"`, `"REPORT_PREFIX":"audit/clicks/"`, `\"delimiter\":\";\",\"maxErrors\":20`} {
		if !strings.Contains(env, want) {
			t.Errorf("env lacks %s: %s", want, env)
		}
	}
	permID, _ := st.ByPath(t, "AWS::Lambda::Permission", optionsStack+"/Clicks/S3Invoke")
	nc, deps := notification(t, st, optionsStack+"/Landing/Bucket/Resource")
	if got := testkit.JSON(nc); !strings.Contains(got, `"EventBridgeConfiguration":{"EventBridgeEnabled":true}`) ||
		!strings.Contains(got, `"Rules":[{"Name":"prefix","Value":"landing/clicks/"},{"Name":"suffix","Value":".csv"}]`) ||
		!strings.Contains(got, `"Function":{"Fn::GetAtt":["`+fnID+`","Arn"]}`) {
		t.Errorf("landing notification = %s", got)
	}
	if testkit.JSON(deps) != `["`+permID+`"]` {
		t.Errorf("landing DependsOn = %s", testkit.JSON(deps))
	}
	queueID, _ := st.ByPath(t, "AWS::SQS::Queue", optionsStack+"/Clicks/FailureQueue/Resource")
	_, eic := st.ByPath(t, "AWS::Lambda::EventInvokeConfig", optionsStack+"/Clicks/Function/EventInvokeConfig/Resource")
	if e := testkit.Props(eic); e["MaximumRetryAttempts"] != float64(0) || e["MaximumEventAgeInSeconds"] != float64(1800) ||
		!strings.Contains(testkit.JSON(e), `"OnFailure":{"Destination":{"Fn::GetAtt":["`+queueID+`","Arn"]}}`) {
		t.Errorf("event invoke config = %s", testkit.JSON(e))
	}
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Landing/Bucket/Resource")
	checkGrants(t, st, optionsStack+"/Clicks", `{"Fn::GetAtt":["`+bucketID+`","Arn"]}`, "landing/clicks/", "checked/clicks/", "rejected/clicks/", "audit/clicks/")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", optionsStack+"/Ops/Resource")
	checkAlarms(t, st, optionsStack+"/Clicks", fnID, queueID, topicID)
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", optionsStack+"/Clicks/Logs/Resource")
	if r := testkit.Props(lg)["RetentionInDays"]; r != float64(731) {
		t.Errorf("log retention = %v, want 731", r)
	}
}

func TestImportedBucket(t *testing.T) {
	st := app().Stack(t, importedStack)
	v := built.imported
	if v.SecureBucket != nil || v.AlarmTopic != nil || v.ErrorsAlarm != nil || v.FailureQueueAlarm != nil {
		t.Errorf("imported: no bucket, no alarms: %+v", v)
	}
	st.Count(t, "AWS::S3::Bucket", 0)
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	fnID, _ := st.ByPath(t, "AWS::Lambda::Function", importedStack+"/Partner/Function/Resource")
	// CDK's notifications custom resource merges the notification with the
	// bucket's others (unmanaged), after its permission, which names the bucket.
	_, cr := st.ByPath(t, "Custom::S3BucketNotifications", importedStack+"/Shared/Notifications/Resource")
	cp := testkit.Props(cr)
	if cp["BucketName"] != "partner-drop" || cp["Managed"] != false ||
		testkit.JSON(cp["NotificationConfiguration"]) != `{"LambdaFunctionConfigurations":[{"Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"suffix","Value":".csv"},{"Name":"prefix","Value":"incoming/"}]}},"LambdaFunctionArn":{"Fn::GetAtt":["`+fnID+`","Arn"]}}]}` {
		t.Errorf("notifications = %s", testkit.JSON(cp))
	}
	arn := `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::partner-drop"]]}`
	_, perm := st.ByPathPrefix(t, "AWS::Lambda::Permission", importedStack+"/Shared/AllowBucketNotificationsTo")
	if pp := testkit.JSON(testkit.Props(perm)); !strings.Contains(pp, `"SourceArn":`+arn) || !strings.Contains(pp, `"SourceAccount":{"Ref":"AWS::AccountId"}`) {
		t.Errorf("permission = %s", pp)
	}
	checkGrants(t, st, importedStack+"/Partner", arn, "incoming/", "valid/", "quarantine/", "reports/")
}
