package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestOrchestrationLakePipeline: a new raw object of GlueEtl's lake starts
// the pipeline (ORC-02, ORC-06, ORC-07), which runs GlueEtl's crawler
// (ORC-03), Curate and Standardize side by side (ORC-13) and the gate
// (ORC-14), noticing failures (ORC-04); the gate's success is news.
func TestOrchestrationLakePipeline(t *testing.T) {
	const name = "Orchestration"
	s := configured("cdk.json")
	st := s.Stack(t, name)
	lakeName := s.Stack(t, "GlueEtl").Name
	fromLake := func(v string) bool { return strings.Contains(v, `"StackName":"`+lakeName+`"`) }

	smID, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/LakePipeline/StateMachine/Resource")
	def, tokens := testkit.Definition(t, sm)
	if def["StartAt"] != "File type" || !fromLake(tokens) {
		t.Errorf("pipeline starts at %v, tokens %s", def["StartAt"], tokens)
	}
	states := def["States"].(map[string]any)
	for _, want := range []string{"File type", "Crawl raw: start crawler", "Crawl raw: finished?", "Transform", "Gate: check and publish", "Gate: passed?",
		"Published", "Pipeline failed", "Unsupported file", "Unsupported file: failed"} {
		if states[want] == nil {
			t.Errorf("pipeline lacks the state %q: %s", want, testkit.JSON(def))
		}
	}
	if b := states["Transform"].(map[string]any)["Branches"].([]any); len(b) != 2 {
		t.Errorf("Transform has %d branches, want Curate and Standardize", len(b))
	}
	gate := testkit.JSON(states["Gate: check and publish"])
	if !strings.Contains(gate, `:states:::glue:startJobRun.sync`) || !strings.Contains(gate, `"MaxAttempts":6`) || !strings.Contains(gate, `"IntervalSeconds":60`) {
		t.Errorf("gate = %s", gate)
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/OnRawObject/Rule/Resource")
	rp := testkit.JSON(testkit.Props(rule))
	if !fromLake(rp) || !strings.Contains(rp, `"key":[{"prefix":"raw/orders/"}]`) || !strings.Contains(rp, `"Arn":{"Ref":"`+smID+`"}`) {
		t.Errorf("trigger = %s", rp)
	}
	_, published := st.ByPath(t, "AWS::Events::Rule", name+"/OnPublished/Resource")
	if pp := testkit.JSON(testkit.Props(published)); !fromLake(pp) || !strings.Contains(pp, `"Glue Job State Change"`) {
		t.Errorf("published rule = %s", pp)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", name+"/LakePipeline/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"glue:StartCrawler"`, `"glue:GetCrawler"`, `"glue:StartJobRun"`, `"sns:Publish"`, `"kms:GenerateDataKey"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("pipeline role lacks %s", want)
		}
	}
	if strings.Contains(doc, `"glue:*"`) || strings.Contains(doc, `":job/*"`) {
		t.Errorf("pipeline role is too broad: %s", doc)
	}
}

// TestOrchestrationAfterHours: ORC-10's replacement of Data Pipeline: the
// warehouse's lake load then the daily procedure as etl_scheduler, started
// after business hours by EventBridge Scheduler.
func TestOrchestrationAfterHours(t *testing.T) {
	const name = "Orchestration"
	s := configured("cdk.json")
	st := s.Stack(t, name)
	whName := s.Stack(t, "Warehouse").Name
	smID, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/AfterHours/StateMachine/Resource")
	def, tokens := testkit.Definition(t, sm)
	if def["StartAt"] != "Lake load" || !strings.Contains(tokens, `"StackName":"`+whName+`"`) {
		t.Errorf("after-hours starts at %v, tokens %s", def["StartAt"], tokens)
	}
	exec := testkit.JSON(def["States"].(map[string]any)["Daily procedure: execute"])
	for _, want := range []string{`"Sql":"CALL sales.process_daily_data()"`, `"DbUser":"etl_scheduler"`, `:states:::aws-sdk:redshiftdata:executeStatement`} {
		if !strings.Contains(exec, want) {
			t.Errorf("statement lacks %s: %s", want, exec)
		}
	}
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/AfterHours/Schedule")
	if sp := testkit.JSON(testkit.Props(sched)); !strings.Contains(sp, `"ScheduleExpression":"cron(0 20 ? * MON-FRI *)"`) || !strings.Contains(sp, `"Ref":"`+smID+`"`) {
		t.Errorf("schedule = %s", sp)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", name+"/AfterHours/Role/DefaultPolicy/Resource")
	if doc := testkit.JSON(pol); !strings.Contains(doc, `"redshift:GetClusterCredentials"`) || !strings.Contains(doc, `/etl_scheduler"`) {
		t.Errorf("after-hours role = %s", doc)
	}
}

// TestOrchestrationBatchesAndAirflow: ORC-12 on the lake's
// incoming/batches/, ORC-09's private environment running the shipped DAG.
func TestOrchestrationBatchesAndAirflow(t *testing.T) {
	const name = "Orchestration"
	st := configured("cdk.json").Stack(t, name)
	_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/Batches/Trigger/Rule/Resource")
	if rp := testkit.JSON(testkit.Props(rule)); !strings.Contains(rp, `"wildcard":"incoming/batches/*.manifest"`) {
		t.Errorf("batch trigger = %s", rp)
	}
	env := st.Only(t, "AWS::MWAA::Environment")
	ep := testkit.JSON(testkit.Props(env))
	for _, want := range []string{`"WebserverAccessMode":"PRIVATE_ONLY"`, `"EnvironmentClass":"mw1.small"`, `"MaxWorkers":2`} {
		if !strings.Contains(ep, want) {
			t.Errorf("environment lacks %s: %s", want, ep)
		}
	}
	if n := len(st.Resources("AWS::EC2::VPCEndpoint")); n < 12 {
		t.Errorf("%d VPC endpoints, want MWAA's, S3's, Glue's and the Data API's", n)
	}
	if len(st.Resources("AWS::StepFunctions::StateMachine")) != 3 {
		t.Errorf("state machines: %d, want LakePipeline, AfterHours, Batches (no Spark steps without emr.clusterId)", len(st.Resources("AWS::StepFunctions::StateMachine")))
	}
}

// TestOrchestrationOptions: the all-options configuration: Spark steps on
// a running cluster (ORC-05), the after-hours time zone, a larger
// environment.
func TestOrchestrationOptions(t *testing.T) {
	const name = "Orchestration"
	st := app("all-options").Stack(t, name)
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/SparkSteps/StateMachine/Resource")
	def, _ := testkit.Definition(t, sm)
	if s := testkit.JSON(def["States"].(map[string]any)["Spark: sessionize"]); !strings.Contains(s, `elasticmapreduce:addStep.sync`) || !strings.Contains(s, `"ClusterId":"j-2AXXXXXXGAPLF"`) {
		t.Errorf("spark step = %s", s)
	}
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/AfterHours/Schedule")
	if sp := testkit.JSON(testkit.Props(sched)); !strings.Contains(sp, `"ScheduleExpressionTimezone":"Europe/Paris"`) || !strings.Contains(sp, `"cron(30 21 ? * MON-FRI *)"`) {
		t.Errorf("schedule = %s", sp)
	}
	if ep := testkit.JSON(testkit.Props(st.Only(t, "AWS::MWAA::Environment"))); !strings.Contains(ep, `"EnvironmentClass":"mw1.medium"`) || !strings.Contains(ep, `"MaxWorkers":5`) {
		t.Errorf("environment = %s", ep)
	}
}

// TestOrchestrationSearch: ORC-11 over FirehoseDelivery's domain: the raw
// orders of GlueEtl's lake are indexed on a schedule by a function in the
// domain's VPC, mapped as a writer of "orders" only.
func TestOrchestrationSearch(t *testing.T) {
	const name = "Orchestration"
	for conf, want := range map[string]struct{ schedule, prefix string }{
		"cdk.json": {"rate(8 hours)", "raw/orders/"}, "all-options": {"rate(12 hours)", "landing/sales/"},
	} {
		t.Run(conf, func(t *testing.T) {
			s := app(conf)
			st := s.Stack(t, name)
			searchName := s.Stack(t, "FirehoseDelivery").Name
			fromSearch := func(v string) bool { return strings.Contains(v, `"StackName":"`+searchName+`"`) }
			_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersIndex/Function/Resource")
			fp := testkit.JSON(testkit.Props(fn))
			for _, want := range []string{`"PREFIX":"` + want.prefix + `"`, `"INDEX":"orders"`, `"SCHEMA":"amount:float,order_date:timestamp"`} {
				if !strings.Contains(fp, want) {
					t.Errorf("function lacks %s: %s", want, fp)
				}
			}
			if !fromSearch(fp) {
				t.Errorf("function is not in FirehoseDelivery's VPC nor writes to its domain: %s", fp)
			}
			_, ingress := st.ByPath(t, "AWS::EC2::SecurityGroupIngress", name+"/OrdersIndex/DomainIngress")
			if ip := testkit.JSON(testkit.Props(ingress)); !fromSearch(ip) || !strings.Contains(ip, `"FromPort":443`) {
				t.Errorf("domain ingress = %s", ip)
			}
			_, mapping := st.ByPath(t, "Custom::OpenSearchRoleMapping", name+"/OrdersIndex/WriterMapping/Resource/Default")
			if mp := testkit.JSON(testkit.Props(mapping)); !fromSearch(mp) || !strings.Contains(mp, `"IndexPatterns":"orders"`) {
				t.Errorf("writer mapping = %s", mp)
			}
			_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/OrdersIndex/Schedule")
			if sp := testkit.JSON(testkit.Props(sched)); !strings.Contains(sp, `"ScheduleExpression":"`+want.schedule+`"`) {
				t.Errorf("schedule = %s", sp)
			}
		})
	}
}

// TestOrchestrationValidation: ING-25 in front of the lake pipeline: order
// files under landing/orders/ of GlueEtl's lake start the validator through
// EventBridge (nothing written on the other stack's bucket), which moves
// them to the raw prefix (LakePipeline's trigger) or quarantines them, and
// a quarantined file is noticed.
func TestOrchestrationValidation(t *testing.T) {
	const name = "Orchestration"
	for conf, raw := range map[string]string{"cdk.json": "raw/orders/", "all-options": "landing/sales/"} {
		t.Run(conf, func(t *testing.T) {
			s := app(conf)
			st := s.Stack(t, name)
			fromLake := func(v string) bool { return strings.Contains(v, `"StackName":"`+s.Stack(t, "GlueEtl").Name+`"`) }
			_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersValidator/Function/Resource")
			fp := testkit.JSON(testkit.Props(fn))
			for _, want := range []string{`"INCOMING_PREFIX":"landing/orders/"`, `"VALID_PREFIX":"` + raw + `"`, `"QUARANTINE_PREFIX":"quarantine/orders/"`,
				`"REPORT_PREFIX":"reports/orders/"`, `{\"name\":\"amount\",\"type\":\"decimal\"}`, `{\"name\":\"order_date\",\"type\":\"date\"}`} {
				if !strings.Contains(fp, want) {
					t.Errorf("validator lacks %s: %s", want, fp)
				}
			}
			_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/OrdersValidator/ArrivalRule/Resource")
			if rp := testkit.JSON(testkit.Props(rule)); !fromLake(rp) || !strings.Contains(rp, `"wildcard":"landing/orders/*.csv"`) {
				t.Errorf("arrival rule = %s", rp)
			}
			if n := len(st.Resources("Custom::S3BucketNotifications")); n != 0 {
				t.Errorf("%d bucket notification custom resources: the lake's configuration belongs to GlueEtl", n)
			}
			_, q := st.ByPath(t, "AWS::Events::Rule", name+"/OnQuarantined/Resource")
			if qp := testkit.JSON(testkit.Props(q)); !fromLake(qp) || !strings.Contains(qp, `"prefix":"quarantine/orders/"`) || !strings.Contains(qp, `"Ref":"NoticesCD1BD20F"`) {
				t.Errorf("quarantine notice = %s", qp)
			}
		})
	}
}
