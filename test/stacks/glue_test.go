package stacks_test

import (
	"os"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestGlueComposition: the nightly workflow chains the raw crawler, the
// curate job, the quality gate and the standardise job in parallel, and the
// notifier; every Spark job keeps bookmarks; cdk.json's "glue" settings reach
// the jobs and the start trigger.
func TestGlueComposition(t *testing.T) {
	const name = "GlueEtl"
	t.Run("cdk.json: scheduled workflow, failing gate, placeholder warehouse", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		triggers := st.Resources("AWS::Glue::Trigger")
		if len(triggers) != 4 {
			t.Fatalf("%d triggers, want start, after crawler, fan-out, finally", len(triggers))
		}
		var start map[string]any
		for _, tr := range triggers {
			if p := testkit.Props(tr); p["Type"] == "SCHEDULED" {
				start = p
			}
		}
		if start == nil || start["Schedule"] != "cron(0 3 * * ? *)" || start["StartOnCreation"] != true {
			t.Errorf("start trigger = %s", testkit.JSON(start))
		}
		jobs := map[string]map[string]any{}
		for id, j := range st.Resources("AWS::Glue::Job") {
			jobs[id] = testkit.Props(j)
		}
		if len(jobs) != 6 {
			t.Errorf("%d jobs, want curate, quality, standardize, notify, load, streaming", len(jobs))
		}
		for id, p := range jobs {
			args := p["DefaultArguments"].(map[string]any)
			switch p["Command"].(map[string]any)["Name"] {
			case "glueetl":
				if args["--job-bookmark-option"] != "job-bookmark-enable" || p["ExecutionProperty"].(map[string]any)["MaxConcurrentRuns"] != 1.0 {
					t.Errorf("%s: bookmarks %v, runs %v", id, args["--job-bookmark-option"], p["ExecutionProperty"])
				}
			case "gluestreaming":
				if !strings.Contains(testkit.JSON(args["--stream_arn"]), `"StackName":"`+configured("cdk.json").Stack(t, "Streaming").Name+`"`) {
					t.Errorf("the streaming job must read the Streaming stack's stream: %s", testkit.JSON(args["--stream_arn"]))
				}
			}
			if p["SecurityConfiguration"] == nil {
				t.Errorf("%s has no security configuration", id)
			}
		}
		_, q := st.ByPath(t, "AWS::Glue::Job", name+"/CuratedQuality/Job/Job/Resource")
		if testkit.Props(q)["DefaultArguments"].(map[string]any)["--gate"] != "fail" {
			t.Errorf("quality gate = %v", testkit.Props(q)["DefaultArguments"])
		}
		_, conn := st.ByPath(t, "AWS::Glue::Connection", name+"/Warehouse/Connection/Resource")
		if !strings.Contains(testkit.JSON(conn), "jdbc:redshift://redshift.example.internal:5439/dev") {
			t.Errorf("connection = %s", testkit.JSON(conn))
		}
		st.Count(t, "AWS::Glue::Crawler", 2)
		st.Count(t, "AWS::Glue::DataQualityRuleset", 1)
		st.Count(t, "AWS::DataBrew::Job", 1)
		st.Count(t, "AWS::Glue::MLTransform", 1)
		st.Count(t, "AWS::Glue::Schema", 1)
		st.Count(t, "AWS::Events::Rule", 6) // one failure rule per job
		st.Count(t, "AWS::SNS::Topic", 1)
	})
	t.Run("all-options: event start, reporting gate, own names and secret", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		var event map[string]any
		for _, tr := range st.Resources("AWS::Glue::Trigger") {
			if p := testkit.Props(tr); p["Type"] == "EVENT" {
				event = p
			}
		}
		if event == nil || testkit.JSON(event["EventBatchingCondition"]) != `{"BatchSize":100,"BatchWindow":900}` {
			t.Errorf("event trigger = %s", testkit.JSON(event))
		}
		_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/Nightly/EventRule")
		if !strings.Contains(testkit.JSON(rule), `{"prefix":"landing/sales/"}`) {
			t.Errorf("event rule = %s", testkit.JSON(rule))
		}
		_, crawler := st.ByPath(t, "AWS::Glue::Crawler", name+"/RawCatalog/Crawler")
		if !strings.Contains(testkit.JSON(crawler), "/landing/sales/") {
			t.Errorf("crawler = %s", testkit.JSON(crawler))
		}
		_, q := st.ByPath(t, "AWS::Glue::Job", name+"/CuratedQuality/Job/Job/Resource")
		args := testkit.Props(q)["DefaultArguments"].(map[string]any)
		if args["--gate"] != "report" || args["--database"] != "shop_curated" || args["--table"] != "sales" {
			t.Errorf("quality job = %v", args)
		}
		st.Count(t, "AWS::SecretsManager::Secret", 0)
		st.Count(t, "AWS::SNS::Subscription", 1)
	})
}

// TestGlueNagSatisfied: cdk-nag's Glue rules (GL1 CloudWatch log encryption,
// GL3 bookmark encryption) pass on every job and crawler because of their
// security configurations; none is suppressed.
func TestGlueNagSatisfied(t *testing.T) {
	s := configured("cdk.json")
	s.Require(t)
	report, err := os.ReadFile(s.Stack(t, "GlueEtl").NagReport())
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, line := range strings.Split(string(report), "\n") {
		for _, rule := range []string{"AwsSolutions-GL1", "AwsSolutions-GL3"} {
			if strings.HasPrefix(line, `"`+rule+`"`) {
				f := strings.Split(line, ",")
				counts[rule+" "+strings.Trim(f[2], `"`)]++
			}
		}
	}
	if counts["AwsSolutions-GL1 Compliant"] != 8 || counts["AwsSolutions-GL3 Compliant"] != 6 || len(counts) != 2 {
		t.Errorf("GL1/GL3 results = %v, want 8 and 6 Compliant (6 jobs, 2 crawlers) and nothing else", counts)
	}
}

// TestGlueNotifyReadsOnlyItsWorkflowRuns: the notification job may read the
// runs of the nightly workflow and nothing else (gluecatalog's GrantReadRuns,
// not a hand-written statement).
func TestGlueNotifyReadsOnlyItsWorkflowRuns(t *testing.T) {
	st := configured("cdk.json").Stack(t, "GlueEtl")
	wfID, _ := st.ByPath(t, "AWS::Glue::Workflow", "GlueEtl/Nightly/Workflow/Resource")
	want := `{"Action":"glue:GetWorkflowRun","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":glue:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":workflow/",{"Ref":"` + wfID + `"}]]}}`
	found := 0
	for _, pol := range st.Resources("AWS::IAM::Policy") {
		for _, stmt := range testkit.Props(pol)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			j := testkit.JSON(stmt)
			if !strings.Contains(j, "glue:GetWorkflowRun") {
				continue
			}
			if j != want {
				t.Errorf("statement granting glue:GetWorkflowRun = %s, want %s", j, want)
			}
			found++
		}
	}
	if found != 1 {
		t.Errorf("%d statements grant glue:GetWorkflowRun, want 1 (the Notify role's)", found)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", "GlueEtl/Notify/Role/DefaultPolicy/Resource")
	if !strings.Contains(testkit.JSON(testkit.Props(pol)), "glue:GetWorkflowRun") {
		t.Error("the Notify role's policy does not grant glue:GetWorkflowRun")
	}
}
