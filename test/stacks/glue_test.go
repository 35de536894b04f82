package stacks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestGlueComposition: the nightly workflow chains the raw crawler, the
// curate job (into staging), the quality gate (which publishes the curated
// table) and the standardise job in parallel, and the notifier after success
// and after any failure; every Spark job keeps bookmarks; cdk.json's "glue"
// settings reach the jobs and the start trigger.
func TestGlueComposition(t *testing.T) {
	const name = "GlueEtl"
	t.Run("cdk.json: scheduled workflow, failing gate before publishing", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		triggers := st.Resources("AWS::Glue::Trigger")
		if len(triggers) != 6 {
			t.Fatalf("%d triggers, want start, after crawler, fan-out, finally, finally on failure, and the customer unify job's event start", len(triggers))
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
		if len(jobs) != 7 {
			t.Errorf("%d jobs, want curate, quality, standardize, notify, streaming, customer unify and match (the load is the Warehouse stack's)", len(jobs))
		}
		for id, p := range jobs {
			args := p["DefaultArguments"].(map[string]any)
			switch p["Command"].(map[string]any)["Name"] {
			case "glueetl":
				if _, unify := args["--source_path"]; unify {
					// The customer mapping job rewrites the unified table from a full snapshot.
					if args["--job-bookmark-option"] != "job-bookmark-disable" {
						t.Errorf("%s: bookmarks %v", id, args["--job-bookmark-option"])
					}
				} else if args["--job-bookmark-option"] != "job-bookmark-enable" || p["ExecutionProperty"].(map[string]any)["MaxConcurrentRuns"] != 1.0 {
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
		_, curate := st.ByPath(t, "AWS::Glue::Job", name+"/Curate/Job/Resource")
		cargs := testkit.Props(curate)["DefaultArguments"].(map[string]any)
		if cargs["--target_database"] != "lake_raw" || cargs["--target_table"] != "orders_staged" || !strings.Contains(testkit.JSON(cargs["--target_path"]), "/staging/orders/") {
			t.Errorf("curate must stage, not publish: %s", testkit.JSON(cargs))
		}
		_, q := st.ByPath(t, "AWS::Glue::Job", name+"/CuratedQuality/Job/Job/Resource")
		qargs := testkit.Props(q)["DefaultArguments"].(map[string]any)
		if qargs["--gate"] != "fail" || qargs["--database"] != "lake_raw" || qargs["--table"] != "orders_staged" ||
			qargs["--target_database"] != "lake_curated" || qargs["--target_table"] != "orders" || qargs["--partition_keys"] != "year,month" ||
			!strings.Contains(testkit.JSON(qargs["--target_path"]), "/curated/orders/") {
			t.Errorf("the gate must check the staged table and publish the curated one: %s", testkit.JSON(qargs))
		}
		_, rs := st.ByPath(t, "AWS::Glue::DataQualityRuleset", name+"/CuratedQuality/Ruleset")
		if testkit.JSON(testkit.Props(rs)["TargetTable"]) != `{"DatabaseName":"lake_raw","TableName":"orders_staged"}` {
			t.Errorf("ruleset target = %s", testkit.JSON(testkit.Props(rs)["TargetTable"]))
		}
		_, onFailure := st.ByPath(t, "AWS::Glue::Trigger", name+"/Nightly/Workflow/FinallyOnFailure")
		fp := testkit.Props(onFailure)
		notifyID, _ := st.ByPath(t, "AWS::Glue::Job", name+"/Notify/Job/Resource")
		conds := fp["Predicate"].(map[string]any)["Conditions"].([]any)
		if fp["Predicate"].(map[string]any)["Logical"] != "ANY" || len(conds) != 11 || testkit.JSON(fp["Actions"]) != `[{"JobName":{"Ref":"`+notifyID+`"}}]` {
			t.Errorf("the report must also run on failure (2 crawl states + 3 jobs × 3 states): %s", testkit.JSON(fp))
		}
		st.Count(t, "AWS::Glue::Connection", 0)
		st.Count(t, "AWS::Glue::Crawler", 2)
		st.Count(t, "AWS::Glue::DataQualityRuleset", 1)
		st.Count(t, "AWS::DataBrew::Job", 2) // recipe and profile
		st.Count(t, "AWS::DataBrew::Ruleset", 1)
		st.Count(t, "AWS::Glue::MLTransform", 1)
		st.Count(t, "AWS::Glue::Schema", 1)
		st.Count(t, "AWS::Events::Rule", 10) // one failure rule per Glue job and for the profile job, the profile's validation rule, the unify start
		st.Count(t, "AWS::SNS::Topic", 1)
	})
	t.Run("all-options: event start, reporting gate, own names", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		var event map[string]any // the nightly workflow's (the unify workflow has one too)
		for _, tr := range st.Resources("AWS::Glue::Trigger") {
			if p := testkit.Props(tr); p["Type"] == "EVENT" && strings.HasPrefix(fmt.Sprint(p["Description"]), "Starts the workflow after") {
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
		if args["--gate"] != "report" || args["--database"] != "shop_raw" || args["--table"] != "sales_staged" || args["--target_database"] != "shop_curated" || args["--target_table"] != "sales" {
			t.Errorf("quality job = %v", args)
		}
		st.Count(t, "AWS::SecretsManager::Secret", 0)
		st.Count(t, "AWS::SNS::Subscription", 1)
	})
}

// TestGlueNagSatisfied: cdk-nag's Glue rules (GL1 CloudWatch log encryption,
// GL3 bookmark encryption) pass on every job and crawler because of their
// security configurations; none is suppressed. The findings are checked by
// every test synthesis (CheckNag fails on any); this test makes sure they
// pass on their merits: every job and crawler names a security
// configuration and no resource suppresses GL1 or GL3. (Test apps write no
// cdk-nag CSV reports, which cost a file append per rule and resource.)
func TestGlueNagSatisfied(t *testing.T) {
	s := configured("cdk.json")
	s.Require(t)
	st := s.Stack(t, "GlueEtl")
	jobs, crawlers := st.Resources("AWS::Glue::Job"), st.Resources("AWS::Glue::Crawler")
	if len(jobs) != 7 || len(crawlers) != 2 {
		t.Errorf("%d jobs and %d crawlers, want 7 and 2", len(jobs), len(crawlers))
	}
	for id, j := range jobs {
		if testkit.Props(j)["SecurityConfiguration"] == nil {
			t.Errorf("job %s has no security configuration (GL1, GL3)", id)
		}
	}
	for id, c := range crawlers {
		if testkit.Props(c)["CrawlerSecurityConfiguration"] == nil {
			t.Errorf("crawler %s has no security configuration (GL1)", id)
		}
	}
	for _, typ := range []string{"AWS::Glue::Job", "AWS::Glue::Crawler"} {
		for id, r := range st.Resources(typ) {
			for _, rule := range testkit.Suppressed(r) {
				if rule == "AwsSolutions-GL1" || rule == "AwsSolutions-GL3" {
					t.Errorf("%s suppresses %s", id, rule)
				}
			}
		}
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
