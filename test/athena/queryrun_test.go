package athena_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestQueryRunDefaults(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	stmts, _ := ordersCTAS.Statements()
	wgID, _ := st.ByPath(t, "AWS::Athena::WorkGroup", defaultsStack+"/Analysts/WorkGroup")
	_, q := st.ByPath(t, "AWS::Athena::NamedQuery", defaultsStack+"/Convert/Query1")
	qp := testkit.Props(q)
	if qp["Name"] != "Convert 1/1" || qp["QueryString"] != stmts[0] || qp["Database"] != "lake_curated" || testkit.JSON(qp["WorkGroup"]) != `{"Ref":"`+wgID+`"}` {
		t.Errorf("named query = %s", testkit.JSON(qp))
	}
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", defaultsStack+"/Convert/StateMachine/Resource")
	sp := testkit.JSON(testkit.Props(sm))
	for _, want := range []string{`:states:::athena:startQueryExecution.sync`, `{"Ref":"AWS::Partition"}`, `\"WorkGroup\":\"` + built.defaults.Name + `\"`,
		`\"Catalog\":\"AwsDataCatalog\",\"Database\":\"lake_curated\"`, `\"TimeoutSeconds\":7200`, `"Level":"ALL"`, `"TracingConfiguration":{"Enabled":true}`,
		`partitioned_by = ARRAY['dt']`} {
		if !strings.Contains(sp, want) {
			t.Errorf("state machine lacks %s: %s", want, sp)
		}
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", defaultsStack+"/Convert/Logs/Resource")
	if lp := testkit.Props(lg); lp["RetentionInDays"] != float64(365) || lp["KmsKeyId"] == nil {
		t.Errorf("log group = %s", testkit.JSON(lp))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", defaultsStack+"/Convert/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"athena:StartQueryExecution"`, `":workgroup/` + built.defaults.Name + `"`, `":datacatalog/AwsDataCatalog"`,
		`":database/lake_curated"`, `":table/lake_curated/*"`, `"glue:CreateTable"`, `"glue:BatchCreatePartition"`, `"/results/*"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("run role lacks %s: %s", want, doc)
		}
	}
	for _, bad := range []string{`"glue:*"`, `"glue:DeleteTable"`, `":database/*"`, `"athena:*"`} {
		if strings.Contains(doc, bad) {
			t.Errorf("run role has %s: %s", bad, doc)
		}
	}
	// Failures notify the workgroup's topic; no schedule by default.
	_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", defaultsStack+"/Convert/Failed/Resource")
	topic, _ := st.ByPath(t, "AWS::SNS::Topic", defaultsStack+"/Analysts/AlarmTopic/Resource")
	if ap := testkit.JSON(a); !strings.Contains(ap, `"failed + timedout + aborted"`) || !strings.Contains(ap, `"AlarmActions":[{"Ref":"`+topic+`"}]`) {
		t.Errorf("alarm = %s", ap)
	}
	if built.run.Rule != nil {
		t.Error("no schedule by default")
	}
	st.Count(t, "AWS::Events::Rule", 0)
}

func TestQueryRunOptions(t *testing.T) {
	st := options().Stack(t, optionsStack)
	r := built.runOpts
	if len(r.NamedQueries) != 2 {
		t.Fatalf("%d named queries, want the CTAS and one INSERT INTO", len(r.NamedQueries))
	}
	_, q2 := st.ByPath(t, "AWS::Athena::NamedQuery", optionsStack+"/Backfill/Query2")
	if p := testkit.Props(q2); p["Name"] != "orders backfill 2/2" || !strings.HasPrefix(p["QueryString"].(string), "INSERT INTO lake_curated.orders_parquet\n") ||
		!strings.Contains(p["QueryString"].(string), "WHERE cast(order_ts AS date) IN (DATE '2026-01-03')") {
		t.Errorf("second statement = %s", testkit.JSON(p))
	}
	// The lake's bucket name, a token in the CTAS text, is resolved.
	lake, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Lake/Bucket/Resource")
	_, q1 := st.ByPath(t, "AWS::Athena::NamedQuery", optionsStack+"/Backfill/Query1")
	if got := testkit.JSON(testkit.Props(q1)["QueryString"]); !strings.Contains(got, `external_location = 's3://",{"Ref":"`+lake+`"},"/converted/orders/'`) {
		t.Errorf("CTAS location = %s", got)
	}
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", optionsStack+"/Backfill/StateMachine/Resource")
	sp := testkit.JSON(testkit.Props(sm))
	if !strings.Contains(sp, `\"Statement1\":{\"Next\":\"Statement2\"`) || !strings.Contains(sp, `\"TimeoutSeconds\":21600`) || !strings.Contains(sp, `\"WorkGroup\":\"team-a\"`) {
		t.Errorf("state machine = %s", sp)
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", optionsStack+"/Backfill/Schedule/Resource")
	if testkit.Props(rule)["ScheduleExpression"] != "cron(0 3 * * ? *)" {
		t.Errorf("rule = %s", testkit.JSON(rule))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/Backfill/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`":database/lake_raw"`, `":table/lake_raw/*"`, `"/curated/orders/*"`, `"/converted/orders/*"`, `"/athena/team-a/*"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("run role lacks %s: %s", want, doc)
		}
	}
	topic, _ := st.ByPath(t, "AWS::SNS::Topic", optionsStack+"/Ops/Resource")
	_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", optionsStack+"/Backfill/Failed/Resource")
	if !strings.Contains(testkit.JSON(a), `"AlarmActions":[{"Ref":"`+topic+`"}]`) {
		t.Errorf("alarm = %s", testkit.JSON(a))
	}
}

func TestQueryRunRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		athena.NewQueryRun(stack, "Run", nil)
	}, "athena.QueryRun Bad/Run: invalid props", "WorkGroup = nil", `Database = ""`, "Statements = none")
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		w := athena.New(stack, "Wg", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9), CreateAlarms: jsii.Bool(false)})
		athena.NewQueryRun(stack, "Run", &athena.QueryRunProps{
			WorkGroup: w, Database: "Lake-Curated", ReadDatabases: []string{"raw db"}, Statements: []string{"SELECT 1", " "},
			Read: []athena.Location{{Bucket: w.ResultsBucket, Prefix: "raw"}}, Write: []athena.Location{{Prefix: "out/"}},
			Schedule: jsii.String("daily"), Timeout: awscdk.Duration_Seconds(jsii.Number(10)),
			CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("T"), nil), LogRetention: "",
			Name: strings.Repeat("n", 121),
		})
	}, `Database = "Lake-Curated"`, `ReadDatabases[0] = "raw db"`, `Statements[1] = " "`, "Read[0] = raw:", "Write[0] = out/:",
		"Schedule = daily", "Timeout = 10 seconds", "AlarmTopic = Bad/T", "Name = nnn")
}
