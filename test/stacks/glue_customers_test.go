package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestGlueCustomerFlow: in GlueEtl the FindMatches transform reads a table
// the stack creates (lake_curated.customers_unified), which the unify job
// fills after every successful DataBrew preparation; the profile job
// detects PII and validates the notes' rules before the preparation; the
// match job applies the transform.
func TestGlueCustomerFlow(t *testing.T) {
	const name = "GlueEtl"
	st := configured("cdk.json").Stack(t, name)
	tableID, table := st.ByPath(t, "AWS::Glue::Table", name+"/CustomerUnify/Table")
	tp := testkit.Props(table)
	in := testkit.JSON(tp["TableInput"])
	if !strings.Contains(in, `"Name":"customers_unified"`) || !strings.Contains(in, `/unified/customers/"`) ||
		!strings.Contains(in, `"Columns":[{"Name":"record_id","Type":"string"},{"Name":"name","Type":"string"},{"Name":"email","Type":"string"},{"Name":"age","Type":"int"}]`) {
		t.Errorf("unified table = %s", in)
	}
	_, tr := st.ByPath(t, "AWS::Glue::MLTransform", name+"/CustomerMatches/Transform")
	glueTables := testkit.JSON(testkit.Props(tr)["InputRecordTables"])
	if !strings.Contains(glueTables, `"TableName":"customers_unified"`) || !strings.Contains(glueTables, testkit.JSON(tp["DatabaseName"])) {
		t.Errorf("the transform reads %s, the stack creates %s.customers_unified", glueTables, testkit.JSON(tp["DatabaseName"]))
	}
	if !strings.Contains(testkit.JSON(tr["DependsOn"]), tableID) {
		t.Errorf("the transform must be created after its table: %v", tr["DependsOn"])
	}
	// The recipe job's SUCCEEDED event starts the unify job.
	_, recipeJob := st.ByPath(t, "AWS::DataBrew::Job", name+"/CustomerPrep/Job")
	_, rule := st.ByPath(t, "AWS::Events::Rule", name+"/CustomerUnify/StartRule")
	want := `{"detail":{"jobName":["` + testkit.Props(recipeJob)["Name"].(string) + `"],"state":["SUCCEEDED"]},"detail-type":["DataBrew Job State Change"],"source":["aws.databrew"]}`
	if got := testkit.JSON(testkit.Props(rule)["EventPattern"]); got != want {
		t.Errorf("unify start = %s, want %s", got, want)
	}
	if out := testkit.JSON(testkit.Props(recipeJob)["Outputs"]); !strings.Contains(out, `"Key":"prepared/customers/"`) || !strings.Contains(out, `"Overwrite":true`) {
		t.Errorf("the recipe job must replace its snapshot under prepared/customers/: %s", out)
	}
	unifyID, unify := st.ByPath(t, "AWS::Glue::Job", name+"/CustomerUnify/Job/Job/Resource")
	ua := testkit.Props(unify)["DefaultArguments"].(map[string]any)
	if !strings.Contains(testkit.JSON(ua["--source_path"]), "/prepared/customers/") || !strings.Contains(testkit.JSON(ua["--target_path"]), "/unified/customers/") {
		t.Errorf("unify job = %s", testkit.JSON(ua))
	}
	_, trigger := st.ByPath(t, "AWS::Glue::Trigger", name+"/CustomerUnify/Workflow/Start")
	if got := testkit.JSON(testkit.Props(trigger)["Actions"]); got != `[{"JobName":{"Ref":"`+unifyID+`"}}]` {
		t.Errorf("the workflow starts %s", got)
	}
	// Profile: PII detection and the ruleset on the raw customers, 03:00.
	_, profile := st.ByPath(t, "AWS::DataBrew::Job", name+"/CustomerProfile/Job")
	pp := testkit.Props(profile)
	if pp["Type"] != "PROFILE" || !strings.Contains(testkit.JSON(pp["ProfileConfiguration"]), `"EntityTypes":["EMAIL","PHONE_NUMBER","PERSON_NAME","USA_SSN","CREDIT_CARD"]`) ||
		!strings.Contains(testkit.JSON(pp["ValidationConfigurations"]), `"ValidationMode":"CHECK_ALL"`) {
		t.Errorf("profile job = %s", testkit.JSON(pp))
	}
	_, sched := st.ByPath(t, "AWS::DataBrew::Schedule", name+"/CustomerProfile/Schedule")
	if testkit.Props(sched)["CronExpression"] != "cron(0 3 * * ? *)" {
		t.Errorf("profile schedule = %s", testkit.JSON(sched))
	}
	// Match: the transform applied to the unified table.
	_, match := st.ByPath(t, "AWS::Glue::Job", name+"/CustomerMatch/Job/Resource")
	ma := testkit.Props(match)["DefaultArguments"].(map[string]any)
	trID, _ := st.ByPath(t, "AWS::Glue::MLTransform", name+"/CustomerMatches/Transform")
	if ma["--table"] != "customers_unified" || testkit.JSON(ma["--transform_id"]) != `{"Ref":"`+trID+`"}` ||
		ma["--mapping"] != "record_id:string:record_id:string,name:string:name:string,email:string:email:string,age:int:age:int" {
		t.Errorf("match job = %s", testkit.JSON(ma))
	}
}
