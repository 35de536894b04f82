package statemachine_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestWrapperDefaults(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", defaultsStack+"/Minimal/StateMachine/Resource")
	p := testkit.JSON(testkit.Props(sm))
	for _, want := range []string{`"Level":"ALL"`, `"IncludeExecutionData":false`, `"TracingConfiguration":{"Enabled":true}`, `\"TimeoutSeconds\":7200`} {
		if !strings.Contains(p, want) {
			t.Errorf("state machine lacks %s: %s", want, p)
		}
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", defaultsStack+"/Minimal/Logs/Resource")
	if lp := testkit.Props(lg); lp["RetentionInDays"] != float64(365) || lp["KmsKeyId"] == nil {
		t.Errorf("log group = %s", testkit.JSON(lp))
	}
	_, role := st.ByPath(t, "AWS::IAM::Role", defaultsStack+"/Minimal/Role/Resource")
	if r := testkit.JSON(role); !strings.Contains(r, `"states.amazonaws.com"`) || !strings.Contains(r, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`) {
		t.Errorf("role trust = %s", r)
	}
	topic, _ := st.ByPath(t, "AWS::SNS::Topic", defaultsStack+"/Minimal/AlarmTopic/Resource")
	_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", defaultsStack+"/Minimal/Failed/Resource")
	if ap := testkit.JSON(a); !strings.Contains(ap, `"failed + timedout + aborted"`) || !strings.Contains(ap, `"AlarmActions":[{"Ref":"`+topic+`"}]`) {
		t.Errorf("alarm = %s", ap)
	}
	st.CheckAlarmTopic(t, defaultsStack+"/Minimal", built.minimal.AlarmTopic, built.minimal.AlarmTopicKey)
	if built.minimal.Schedule != nil {
		t.Error("no schedule by default")
	}
	st.Count(t, "AWS::Scheduler::Schedule", 0)
}

func TestPipelineParts(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", defaultsStack+"/Pipeline/StateMachine/Resource")
	asl, _ := testkit.Definition(t, sm)
	if asl["StartAt"] != "Catalogue: start crawler" {
		t.Errorf("StartAt = %v", asl["StartAt"])
	}
	// ORC-03: start, wait, look, loop; a running crawler is joined.
	start := testkit.State(t, asl, "Catalogue: start crawler")
	if !strings.Contains(start["Resource"].(string), ":states:::aws-sdk:glue:startCrawler") || start["Next"] != "Catalogue: wait" {
		t.Errorf("start = %s", testkit.JSON(start))
	}
	catches := testkit.JSON(start["Catch"])
	if !strings.Contains(catches, `{"ErrorEquals":["Glue.CrawlerRunningException"],"Next":"Catalogue: wait","ResultPath":null}`) ||
		!strings.Contains(catches, `{"ErrorEquals":["States.ALL"],"Next":"Notify","ResultPath":"$.error"}`) {
		t.Errorf("start catches = %s", catches)
	}
	retry := start["Retry"].([]any)[0].(map[string]any)
	if retry["IntervalSeconds"] != float64(10) || retry["BackoffRate"] != 1.5 || retry["MaxAttempts"] != float64(3) ||
		retry["MaxDelaySeconds"] != float64(300) || retry["JitterStrategy"] != "FULL" || !strings.Contains(testkit.JSON(retry["ErrorEquals"]), "Glue.ThrottlingException") {
		t.Errorf("ORC-04 retry = %s", testkit.JSON(retry))
	}
	choice := testkit.State(t, asl, "Catalogue: finished?")
	if choice["Default"] != "Catalogue: wait" || !strings.Contains(testkit.JSON(choice["Choices"]), `"Next":"Catalogue: crawl failed"`) {
		t.Errorf("crawler choice = %s", testkit.JSON(choice))
	}
	if w := testkit.State(t, asl, "Catalogue: wait"); w["Seconds"] != float64(30) {
		t.Errorf("wait = %s", testkit.JSON(w))
	}
	// ORC-13: two .sync job runs in parallel, each retried; one catch.
	par := testkit.State(t, asl, "Transform")
	if par["Type"] != "Parallel" || len(par["Branches"].([]any)) != 2 || par["ResultPath"] != "$.jobRuns" {
		t.Errorf("parallel = %s", testkit.JSON(par))
	}
	job2 := testkit.State(t, asl, "Transform: job 2")
	if !strings.Contains(job2["Resource"].(string), ":states:::glue:startJobRun.sync") || testkit.JSON(job2["Parameters"]) != `{"Arguments":{"--table":"orders"},"JobName":"standardize"}` {
		t.Errorf("job 2 = %s", testkit.JSON(job2))
	}
	// ORC-14: the gate's run, caught into the notice; its verdict.
	gate := testkit.State(t, asl, "Gate: check and publish")
	if gate["ResultPath"] != "$.gate" || !strings.Contains(testkit.JSON(gate["Catch"]), `"Next":"Notify"`) {
		t.Errorf("gate = %s", testkit.JSON(gate))
	}
	if v := testkit.State(t, asl, "Gate: passed?"); v["Default"] != "Gate: rejected" {
		t.Errorf("verdict = %s", testkit.JSON(v))
	}
	// ORC-04: the notice publishes to the encrypted topic, then fails with
	// the caught error.
	notify := testkit.State(t, asl, "Notify")
	if !strings.Contains(notify["Resource"].(string), ":states:::aws-sdk:sns:publish") || !strings.Contains(testkit.JSON(notify["Parameters"]), `States.Format('Execution {} failed with {}: {}'`) {
		t.Errorf("notice = %s", testkit.JSON(notify))
	}
	if f := testkit.State(t, asl, "Notify: failed"); f["ErrorPath"] != "$.error.Error" || f["CausePath"] != "$.error.Cause" {
		t.Errorf("fail = %s", testkit.JSON(f))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", defaultsStack+"/Pipeline/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"glue:StartCrawler"`, `":crawler/raw-orders"`, `"glue:GetCrawler"`, `"glue:StartJobRun"`, `":job/curate"`, `":job/standardize"`, `":job/gate"`,
		`"glue:BatchStopJobRun"`, `"sns:Publish"`, `"kms:GenerateDataKey"`, `"xray:PutTraceSegments"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("pipeline role lacks %s: %s", want, doc)
		}
	}
	for _, bad := range []string{`"glue:*"`, `"sns:*"`, `":job/*"`, `":crawler/*"`} {
		if strings.Contains(doc, bad) {
			t.Errorf("pipeline role has %s: %s", bad, doc)
		}
	}
}

func TestOptions(t *testing.T) {
	st := options().Stack(t, optionsStack)
	smID, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", optionsStack+"/Routed/StateMachine/Resource")
	p := testkit.JSON(testkit.Props(sm))
	for _, want := range []string{`"Level":"ALL"`, `"IncludeExecutionData":true`, `\"TimeoutSeconds\":1800`, `\"Comment\":\"Routes uploads by type\"`} {
		if !strings.Contains(p, want) {
			t.Errorf("state machine lacks %s: %s", want, p)
		}
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", optionsStack+"/First/LogKey/Resource")
	st.ByPath(t, "AWS::KMS::Key", optionsStack+"/Routed/QueueKey/Resource") // the given log key is not reused for the queue
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", optionsStack+"/Routed/Logs/Resource")
	if lp := testkit.JSON(testkit.Props(lg)); !strings.Contains(lp, `"RetentionInDays":731`) || !strings.Contains(lp, `"KmsKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]}`) {
		t.Errorf("log group = %s", lp)
	}
	st.Count(t, "AWS::SNS::Topic", 1) // the caller's topic only
	// ORC-10: EventBridge Scheduler starts it after hours, with a DLQ.
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", optionsStack+"/Routed/Schedule")
	sp := testkit.JSON(testkit.Props(sched))
	for _, want := range []string{`"ScheduleExpression":"cron(0 20 ? * MON-FRI *)"`, `"ScheduleExpressionTimezone":"Europe/Paris"`, `"Arn":{"Ref":"` + smID + `"}`,
		`"DeadLetterConfig":{"Arn":{"Fn::GetAtt":[`, `"MaximumRetryAttempts":2`, `nightly/clicks.json`, `"FlexibleTimeWindow":{"Mode":"OFF"}`} {
		if !strings.Contains(sp, want) {
			t.Errorf("schedule lacks %s: %s", want, sp)
		}
	}
	asl, _ := testkit.Definition(t, sm)
	// ORC-06: the router.
	route := testkit.State(t, asl, "Route")
	rj := testkit.JSON(route)
	for _, want := range []string{`"StringMatches":"*.csv"`, `"StringMatches":"*.CSV"`, `"StringMatches":"*.json.gz"`, `"Default":"Unsupported"`, `"Variable":"$.detail.object.key"`} {
		if !strings.Contains(rj, want) {
			t.Errorf("router lacks %s: %s", want, rj)
		}
	}
	if u := testkit.State(t, asl, "Unsupported"); !strings.Contains(u["Resource"].(string), ":states:::sns:publish") {
		t.Errorf("unsupported notice = %s", testkit.JSON(u))
	}
	if f := testkit.State(t, asl, "Unsupported: failed"); f["Error"] != "UnsupportedFileType" {
		t.Errorf("unsupported fail = %s", testkit.JSON(f))
	}
	// ORC-05: spark-submit steps through addStep.sync, in order.
	s1 := testkit.State(t, asl, "Spark: clean")
	if !strings.Contains(s1["Resource"].(string), ":states:::elasticmapreduce:addStep.sync") || s1["Next"] != "Spark: aggregate" ||
		!strings.Contains(testkit.JSON(s1["Parameters"]), `"Args":["spark-submit","--deploy-mode","cluster","s3://example-code/spark/clean.py","--date","today"]`) {
		t.Errorf("spark step = %s", testkit.JSON(s1))
	}
	// ORC-10: the Data API statement and its polling loop.
	ex := testkit.State(t, asl, "Copy: execute")
	if !strings.Contains(ex["Resource"].(string), ":states:::aws-sdk:redshiftdata:executeStatement") || !strings.Contains(testkit.JSON(ex["Parameters"]), `"ClusterIdentifier":"analytics"`) {
		t.Errorf("execute = %s", testkit.JSON(ex))
	}
	if c := testkit.State(t, asl, "Copy: finished?"); c["Default"] != "Copy: wait" {
		t.Errorf("statement choice = %s", testkit.JSON(c))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/Routed/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"elasticmapreduce:AddJobFlowSteps"`, `":cluster/*"`, `"redshift-data:ExecuteStatement"`, `":cluster:analytics"`,
		`"redshift:GetClusterCredentials"`, `":dbuser:analytics/loader"`, `"sns:Publish"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("routed role lacks %s: %s", want, doc)
		}
	}
	// The Object Created trigger.
	bucket, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Landing/Bucket/Resource")
	_, rule := st.ByPath(t, "AWS::Events::Rule", optionsStack+"/OnUpload/Rule/Resource")
	rp := testkit.JSON(testkit.Props(rule))
	for _, want := range []string{`"detail-type":["Object Created"]`, `"source":["aws.s3"]`, `"name":[{"Ref":"` + bucket + `"}]`, `"key":[{"wildcard":"incoming/*.csv"}]`,
		`"Arn":{"Ref":"` + smID + `"}`, `"DeadLetterConfig":{"Arn":{"Fn::GetAtt":[`, `"MaximumRetryAttempts":185`} {
		if !strings.Contains(rp, want) {
			t.Errorf("rule lacks %s: %s", want, rp)
		}
	}
}

// TestJobStateNotice: ORC-02's "rule on job success → SNS", on a topic
// whose key lets EventBridge publish.
func TestJobStateNotice(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	topic, _ := st.ByPath(t, "AWS::SNS::Topic", defaultsStack+"/Notices/Resource")
	_, rule := st.ByPath(t, "AWS::Events::Rule", defaultsStack+"/OnGate/Resource")
	rp := testkit.JSON(testkit.Props(rule))
	for _, want := range []string{`"source":["aws.glue"]`, `"detail-type":["Glue Job State Change"]`, `"jobName":["gate"]`, `"state":["SUCCEEDED"]`,
		`"Arn":{"Ref":"` + topic + `"}`, `"InputTransformer"`} {
		if !strings.Contains(rp, want) {
			t.Errorf("rule lacks %s: %s", want, rp)
		}
	}
	_, key := st.ByPath(t, "AWS::KMS::Key", defaultsStack+"/NoticesKey/Resource")
	if kp := testkit.JSON(key); !strings.Contains(kp, `"events.amazonaws.com"`) || !strings.Contains(kp, `"cloudwatch.amazonaws.com"`) {
		t.Errorf("notice key policy = %s", kp)
	}
}

func TestScheduleProblem(t *testing.T) {
	for v, want := range map[string]string{
		"rate(8 hours)":            "",
		"cron(0 20 ? * MON-FRI *)": "",
		"cron(0 25 * * ? *)":       `a cron expression AWS accepts, but hours "25"`,
		"daily":                    "an EventBridge schedule",
	} {
		got := statemachine.ScheduleProblem(v)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("ScheduleProblem(%q) = %q, want %q", v, got, want)
		}
	}
}
