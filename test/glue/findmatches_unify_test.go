package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestFindmatchesUnifyTable: the unified table exists from deployment on,
// with the mapping's target columns as catalog types, Parquet at the target
// prefix; the transform is created after it.
func TestFindmatchesUnifyTable(t *testing.T) {
	st := findmatchesConfigs().Stack(t, findmatchesStackName)
	tableID, table := st.ByPath(t, "AWS::Glue::Table", findmatchesStackName+"/Unify/Table")
	p := testkit.Props(table)
	in := testkit.JSON(p["TableInput"])
	for _, want := range []string{
		`"Name":"customers_unified"`, `"TableType":"EXTERNAL_TABLE"`, `"Parameters":{"classification":"parquet"}`,
		`"Columns":[{"Name":"record_id","Type":"string"},{"Name":"name","Type":"string"},{"Name":"email","Type":"string"},{"Name":"age","Type":"int"}]`,
		`/unified/customers/"]]}`, `"SerializationLibrary":"org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"`,
	} {
		if !strings.Contains(in, want) {
			t.Errorf("TableInput lacks %s: %s", want, in)
		}
	}
	if p["DatabaseName"] != "crm" {
		t.Errorf("DatabaseName = %v", p["DatabaseName"])
	}
	_, tr := st.ByPath(t, "AWS::Glue::MLTransform", findmatchesStackName+"/Customers/Transform")
	if !strings.Contains(testkit.JSON(tr["DependsOn"]), tableID) {
		t.Errorf("the transform must be created after the table it reads: %v", tr["DependsOn"])
	}
	_, places := st.ByPath(t, "AWS::Glue::Table", findmatchesStackName+"/Nightly/Table")
	if got := testkit.JSON(testkit.Props(places)["TableInput"]); !strings.Contains(got, `[{"Name":"location_id","Type":"bigint"},{"Name":"lat","Type":"decimal(9,6)"}]`) {
		t.Errorf("Spark types become catalog types: %s", got)
	}
}

// TestFindmatchesUnifyJob: find_matches.py in its mapping mode, no bookmarks,
// reading the source prefix and replacing the target prefix only.
func TestFindmatchesUnifyJob(t *testing.T) {
	st := findmatchesConfigs().Stack(t, findmatchesStackName)
	_, job := st.ByPath(t, "AWS::Glue::Job", findmatchesStackName+"/Unify/Job/Job/Resource")
	args := testkit.Props(job)["DefaultArguments"].(map[string]any)
	if args["--mapping"] != "customer_id:string:record_id:string,name:string:name:string,email:string:email:string,age:int:age:int" {
		t.Errorf("--mapping = %v", args["--mapping"])
	}
	if args["--job-bookmark-option"] != "job-bookmark-disable" {
		t.Errorf("bookmarks = %v: each run maps the whole snapshot", args["--job-bookmark-option"])
	}
	if !strings.Contains(testkit.JSON(args["--source_path"]), "/prepared/customers/") || !strings.Contains(testkit.JSON(args["--target_path"]), "/unified/customers/") {
		t.Errorf("paths = %v, %v", args["--source_path"], args["--target_path"])
	}
	if _, ok := args["--transform_id"]; ok {
		t.Error("the mapping job must not get a transform id (find_matches.py would refuse both modes)")
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", findmatchesStackName+"/Unify/Job/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `/prepared/customers/*"`) || !strings.Contains(doc, `/unified/customers/*"`) || !strings.Contains(doc, `"s3:DeleteObject"`) {
		t.Errorf("role = %s", doc)
	}
	if !strings.Contains(doc, `"Action":"glue:GetMLTransform"`) || !strings.Contains(doc, `:mlTransform/",{"Ref":"CustomersTransform`) {
		t.Errorf("GrantApply = %s", doc)
	}
}

// TestFindmatchesUnifyStart: an EventBridge rule with the given pattern
// notifies a workflow whose EVENT trigger starts the job on each event; or
// a scheduled trigger.
func TestFindmatchesUnifyStart(t *testing.T) {
	st := findmatchesConfigs().Stack(t, findmatchesStackName)
	wfID, _ := st.ByPath(t, "AWS::Glue::Workflow", findmatchesStackName+"/Unify/Workflow/Resource")
	jobID, _ := st.ByPath(t, "AWS::Glue::Job", findmatchesStackName+"/Unify/Job/Job/Resource")
	_, trigger := st.ByPath(t, "AWS::Glue::Trigger", findmatchesStackName+"/Unify/Workflow/Start")
	tp := testkit.Props(trigger)
	if tp["Type"] != "EVENT" || testkit.JSON(tp["EventBatchingCondition"]) != `{"BatchSize":1,"BatchWindow":900}` ||
		testkit.JSON(tp["Actions"]) != `[{"JobName":{"Ref":"`+jobID+`"}}]` || testkit.JSON(tp["WorkflowName"]) != `{"Ref":"`+wfID+`"}` {
		t.Errorf("trigger = %s", testkit.JSON(tp))
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", findmatchesStackName+"/Unify/StartRule")
	rp := testkit.Props(rule)
	if got := testkit.JSON(rp["EventPattern"]); got != `{"detail":{"jobName":["prep"],"state":["SUCCEEDED"]},"detail-type":["DataBrew Job State Change"],"source":["aws.databrew"]}` {
		t.Errorf("EventPattern = %s", got)
	}
	targets := testkit.JSON(rp["Targets"])
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", findmatchesStackName+"/Unify/StartRole/Resource")
	if !strings.Contains(targets, `:workflow/",{"Ref":"`+wfID+`"}`) || !strings.Contains(targets, roleID) {
		t.Errorf("targets = %s", targets)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", findmatchesStackName+"/Unify/StartRole/DefaultPolicy/Resource")
	if doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"]); !strings.Contains(doc, `"Action":"glue:notifyEvent"`) || strings.Count(doc, `"Action"`) != 1 {
		t.Errorf("start role = %s", doc)
	}
	_, sched := st.ByPath(t, "AWS::Glue::Trigger", findmatchesStackName+"/Nightly/Workflow/Start")
	if p := testkit.Props(sched); p["Type"] != "SCHEDULED" || p["Schedule"] != "cron(0 5 * * ? *)" || p["StartOnCreation"] != true {
		t.Errorf("scheduled trigger = %s", testkit.JSON(p))
	}
}

// TestFindmatchesRejectedUnifyProps: every bad input of Unify is reported.
func TestFindmatchesRejectedUnifyProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		b := awss3.NewBucket(stack, jsii.String("B"), nil)
		findmatches.NewUnify(stack, "U", &findmatches.UnifyProps{
			DatabaseName: jsii.String("crm"), TableName: "Customers-Unified",
			SourceBucket: b, SourcePrefix: "data/", TargetBucket: b, TargetPrefix: "data/unified/",
			Mapping: []findmatches.Mapping{
				{Source: "id", SourceType: "string", Target: "Record_ID", TargetType: "string"},
				{Source: "a b", SourceType: "varchar", Target: "x", TargetType: "text"},
				{Source: "y", SourceType: "string", Target: "x", TargetType: "string"},
			},
			PrimaryKey:   "id",
			StartPattern: map[string]any{"detail": map[string]any{}},
			Schedule:     jsii.String("rate(1 day)"),
			GlueJob:      &gluejob.Props{Script: "other.py"},
		})
	}, "findmatches.Unify Bad/U: invalid props",
		"TableName = Customers-Unified",
		"SourcePrefix/TargetPrefix = data/ / data/unified/",
		"Mapping[0].Target = Record_ID",
		"Mapping[1].Source = a b", "Mapping[1].SourceType = varchar", "Mapping[1].TargetType = text",
		"Mapping[2].Target = x: a target column no other mapping writes",
		"PrimaryKey = id",
		"StartPattern and Schedule = both given",
		"StartPattern = ", `naming its "source"`,
		"Schedule = rate(1 day)",
		"GlueJob = Script/Arguments/Bookmarks/Type set",
	)
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		findmatches.NewUnify(stack, "U", &findmatches.UnifyProps{TargetPrefix: "unified"})
	}, "DatabaseName/TableName = missing", "SourceBucket = nil", "TargetBucket = nil", "TargetPrefix = unified", "Mapping = none", `PrimaryKey = `)
}
