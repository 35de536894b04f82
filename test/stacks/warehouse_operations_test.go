package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestWarehouseOperations: the Warehouse stack's operations (issue 14) as
// cdk.json and the all-options configuration set them: pause/resume and
// resize scheduled actions (DWH-07), the loader's slices and splitter
// (DWH-03), the monthly tables and their rotation (DWH-05), the datashare
// and its consumer, and the release procedure (DWH-11).
func TestWarehouseOperations(t *testing.T) {
	const name = "Warehouse"
	t.Run("cdk.json: actions declared off, slices from the cluster, share without consumer", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		st.Count(t, "AWS::Redshift::ScheduledAction", 2)
		for kind, sched := range map[string]string{"Pause": "cron(0 22 ? * FRI *)", "Resume": "cron(0 5 ? * MON *)"} {
			_, sa := st.ByPath(t, "AWS::Redshift::ScheduledAction", name+"/Warehouse/Weekend"+kind)
			if p := testkit.Props(sa); p["Enable"] != false || p["Schedule"] != sched {
				t.Errorf("%s = %s", kind, testkit.JSON(p))
			}
		}
		_, loader := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersLoader/Function/Resource")
		if env := testkit.JSON(testkit.Props(loader)["Environment"]); !strings.Contains(env, `"SLICES":"4"`) {
			t.Errorf("ra3.large × 2 has 4 slices: %s", env)
		}
		_, splitter := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersLoader/Splitter/Function/Resource")
		if env := testkit.JSON(testkit.Props(splitter)["Environment"]); !strings.Contains(env, `"SOURCE_PREFIX":"incoming/orders-large/"`) || !strings.Contains(env, `"TARGET_PREFIX":"incoming/orders/"`) {
			t.Errorf("splitter env = %s", env)
		}
		_, ops := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Operations/Default")
		sqlText := testkit.JSON(testkit.Props(ops))
		for _, w := range []string{"CREATE OR REPLACE PROCEDURE sales.events_rotate()", "FOR k IN 0 .. 13 LOOP", "GRANT EXECUTE ON PROCEDURE sales.events_rotate() TO etl_scheduler",
			`["CALL sales.events_rotate()"]`, "CREATE OR REPLACE PROCEDURE sales.sp_release_user("} {
			if !strings.Contains(sqlText, w) {
				t.Errorf("operations SQL lacks %s", w)
			}
		}
		_, rot := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/Warehouse/TimeseriesRotation")
		if p := testkit.Props(rot); p["ScheduleExpression"] != "cron(0 1 1 * ? *)" || !strings.Contains(testkit.JSON(p), `CALL sales.events_rotate();`) || !strings.Contains(testkit.JSON(p), `\"DbUser\":\"etl_scheduler\"`) {
			t.Errorf("rotation schedule = %s", testkit.JSON(p))
		}
		_, share := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Datashare/Default")
		if s := testkit.JSON(testkit.Props(share)); !strings.Contains(s, `"Once":"true"`) || !strings.Contains(s, `["CREATE DATASHARE sales_share SET PUBLICACCESSIBLE FALSE"]`) || strings.Contains(s, "GRANT") {
			t.Errorf("datashare SQL = %s", s)
		}
		if n := countUnder(st, "Custom::RedshiftSQL", name+"/Warehouse/DatashareConsumer"); n != 0 {
			t.Errorf("a consumer grant without a consumer namespace")
		}
	})
	t.Run("all-options: actions on, classic resize, six months, a consumer", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		st.Count(t, "AWS::Redshift::ScheduledAction", 3)
		_, pause := st.ByPath(t, "AWS::Redshift::ScheduledAction", name+"/Warehouse/WeekendPause")
		if p := testkit.Props(pause); p["Enable"] != true || p["Schedule"] != "cron(0 20 ? * MON-FRI *)" {
			t.Errorf("pause = %s", testkit.JSON(p))
		}
		_, resize := st.ByPath(t, "AWS::Redshift::ScheduledAction", name+"/Warehouse/Resize0")
		if got := testkit.JSON(testkit.Props(resize)["TargetAction"]); !strings.Contains(got, `"Classic":true`) || !strings.Contains(got, `"ClusterType":"multi-node","NumberOfNodes":2`) {
			t.Errorf("resize = %s", got)
		}
		_, ops := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Operations/Default")
		if s := testkit.JSON(testkit.Props(ops)); !strings.Contains(s, "PROCEDURE sales.clicks_rotate()") || !strings.Contains(s, "FOR k IN 0 .. 6 LOOP") {
			t.Errorf("operations SQL = %s", s)
		}
		_, consumer := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/DatashareConsumer/Default")
		if s := testkit.JSON(testkit.Props(consumer)); !strings.Contains(s, "GRANT USAGE ON DATASHARE sales_share TO NAMESPACE '86b5169f-01dc-4a6f-9fbb-e2e24359e9a8'") || strings.Contains(s, `"Once"`) {
			t.Errorf("consumer SQL = %s", s)
		}
		// PARQUET files are not split; batches are a multiple of 2 slices.
		if n := countUnder(st, "AWS::Lambda::Function", name+"/OrdersLoader/Splitter"); n != 0 {
			t.Error("a splitter for PARQUET files")
		}
		_, loader := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersLoader/Function/Resource")
		if env := testkit.JSON(testkit.Props(loader)["Environment"]); !strings.Contains(env, `"SLICES":"2"`) {
			t.Errorf("ra3.xlplus × 1 has 2 slices: %s", env)
		}
	})
}

// countUnder counts the resources of type typ whose construct path starts
// with prefix.
func countUnder(st *testkit.Stack, typ, prefix string) int {
	n := 0
	for _, r := range st.Resources(typ) {
		md, _ := r["Metadata"].(map[string]any)
		if p, _ := md["aws:cdk:path"].(string); strings.HasPrefix(p, prefix) {
			n++
		}
	}
	return n
}
