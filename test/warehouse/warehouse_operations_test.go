package warehouse_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// warehouseOperations adds the scheduled actions (DWH-07) and a loader
// with the splitting step (DWH-03) to the "warehouse" configuration.
func warehouseOperations(stack awscdk.Stack, lake *securebucket.SecureBucket) {
	sales := warehouseBuilt["Sales"]
	sales.SchedulePauseResume("Nights", warehouse.PauseResumeProps{Pause: "cron(0 20 ? * MON-FRI *)", Resume: "cron(0 6 ? * MON-FRI *)"})
	sales.ScheduleResize("MonthEnd", warehouse.ResizeProps{Schedule: "cron(0 18 L * ? *)", Nodes: 4})
	sales.ScheduleResize("MonthStart", warehouse.ResizeProps{Schedule: "cron(0 6 1 * ? *)", Nodes: 2, NodeType: jsii.String("ra3.xlplus"), Enabled: jsii.Bool(false)})
	warehouseBuilt["Tuned"].ScheduleResize("Grow", warehouse.ResizeProps{Schedule: "at(2027-01-04T06:00:00)", Nodes: 2, Classic: true})
	warehouseBigLoader = manifestload.New(stack, "Big", &manifestload.Props{Warehouse: sales, Bucket: lake.Bucket, Prefix: "curated/big/", Table: "sales.big",
		Compression: "GZIP", Slices: jsii.Number(sales.Slices()), SplitPrefix: "landing/big/"})
}

func TestWarehousePauseResume(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	name := warehouseBuilt["Sales"].Name
	roleID, role := st.ByPath(t, "AWS::IAM::Role", warehouseStackName+"/Sales/ScheduledActionRole/Resource")
	if got := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"]); !strings.Contains(got, `"Service":"scheduler.redshift.amazonaws.com"`) {
		t.Errorf("the action role must be assumed by Redshift's scheduler: %s", got)
	}
	for kind, action := range map[string]string{"Pause": "PauseCluster", "Resume": "ResumeCluster"} {
		_, sa := st.ByPath(t, "AWS::Redshift::ScheduledAction", warehouseStackName+"/Sales/Nights"+kind)
		p := testkit.Props(sa)
		target := testkit.JSON(p["TargetAction"])
		if target != `{"`+action+`":{"ClusterIdentifier":"`+name+`"}}` || p["Enable"] != true || testkit.JSON(p["IamRole"]) != `{"Fn::GetAtt":["`+roleID+`","Arn"]}` {
			t.Errorf("%s action = %s", kind, testkit.JSON(p))
		}
		if n := p["ScheduledActionName"].(string); len(n) > 60 || !strings.HasSuffix(n, "-nights"+strings.ToLower(kind)) || n != strings.ToLower(n) {
			t.Errorf("action name %q", n)
		}
	}
	_, pause := st.ByPath(t, "AWS::Redshift::ScheduledAction", warehouseStackName+"/Sales/NightsPause")
	if testkit.Props(pause)["Schedule"] != "cron(0 20 ? * MON-FRI *)" {
		t.Errorf("pause schedule = %v", testkit.Props(pause)["Schedule"])
	}
	// Exactly the three actions (merged by the minimizePolicies flag), on
	// exactly this cluster, in the stack's partition.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Sales/ScheduledActionRole/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	want := `{"Statement":[{"Action":["redshift:PauseCluster","redshift:ResizeCluster","redshift:ResumeCluster"],"Effect":"Allow",` +
		`"Resource":"arn:aws:redshift:eu-west-1:111111111111:cluster:` + name + `"}],"Version":"2012-10-17"}`
	if doc != want {
		t.Errorf("action role policy = %s, want %s", doc, want)
	}
}

func TestWarehouseScheduledResize(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	name := warehouseBuilt["Sales"].Name
	for path, want := range map[string]string{
		"Sales/MonthEnd":   `{"ResizeCluster":{"Classic":false,"ClusterIdentifier":"` + name + `","NumberOfNodes":4}}`,
		"Sales/MonthStart": `{"ResizeCluster":{"Classic":false,"ClusterIdentifier":"` + name + `","NodeType":"ra3.xlplus","NumberOfNodes":2}}`,
		"Tuned/Grow":       `{"ResizeCluster":{"Classic":true,"ClusterIdentifier":"` + warehouseBuilt["Tuned"].Name + `","ClusterType":"multi-node","NumberOfNodes":2}}`,
	} {
		_, sa := st.ByPath(t, "AWS::Redshift::ScheduledAction", warehouseStackName+"/"+path)
		if got := testkit.JSON(testkit.Props(sa)["TargetAction"]); got != want {
			t.Errorf("%s = %s, want %s", path, got, want)
		}
	}
	_, off := st.ByPath(t, "AWS::Redshift::ScheduledAction", warehouseStackName+"/Sales/MonthStart")
	_, grow := st.ByPath(t, "AWS::Redshift::ScheduledAction", warehouseStackName+"/Tuned/Grow")
	if testkit.Props(off)["Enable"] != false || testkit.Props(grow)["Schedule"] != "at(2027-01-04T06:00:00)" {
		t.Errorf("enable/schedule: %s %s", testkit.JSON(off), testkit.JSON(grow))
	}
	if got := warehouseBuilt["Sales"].Slices(); got != 4 {
		t.Errorf("ra3.large × 2 has %v slices, want 4", got)
	}
	if got := warehouseBuilt["Adhoc"].Slices(); got != 0 {
		t.Errorf("serverless slices = %v, want 0 (unknown)", got)
	}
}

func TestWarehouseRejectedOperations(t *testing.T) {
	build := func(t *testing.T, p *warehouse.Props, f func(w *warehouse.Warehouse)) {
		w := warehouse.New(awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil), "W", p)
		f(w)
	}
	cases := map[string]struct {
		props *warehouse.Props
		do    func(w *warehouse.Warehouse)
		wants []string
	}{
		"pause on serverless": {&warehouse.Props{Type: warehouse.Serverless}, func(w *warehouse.Warehouse) {
			w.SchedulePauseResume("Nights", warehouse.PauseResumeProps{Pause: "cron(0 20 ? * * *)", Resume: "cron(0 6 ? * * *)"})
		}, []string{"warehouse.SchedulePauseResume Bad/W/Nights: invalid props", "Type = serverless: a provisioned cluster", "BaseCapacity and MaxCapacity"}},
		"resize on serverless": {&warehouse.Props{Type: warehouse.Serverless}, func(w *warehouse.Warehouse) {
			w.ScheduleResize("Grow", warehouse.ResizeProps{Schedule: "cron(0 6 ? * MON *)", Nodes: 4})
		}, []string{"warehouse.ScheduleResize Bad/W/Grow: invalid props", "Type = serverless"}},
		"schedules Redshift refuses": {nil, func(w *warehouse.Warehouse) {
			w.SchedulePauseResume("Nights", warehouse.PauseResumeProps{Pause: "cron(*/30 20 ? * * *)", Resume: "cron(0 6 * * * *)"})
		}, []string{"Pause = cron(*/30 20 ? * * *): ", "at most once an hour", `Resume = cron(0 6 * * * *): `, `exactly one of day-of-month and day-of-week is "?"`}},
		"missing resume, bad date, rate": {nil, func(w *warehouse.Warehouse) {
			w.SchedulePauseResume("Nights", warehouse.PauseResumeProps{Pause: "at(2026-02-30T20:00:00)", Resume: ""})
			w.ScheduleResize("X", warehouse.ResizeProps{Schedule: "rate(1 day)", Nodes: 4})
		}, []string{"Pause = at(2026-02-30T20:00:00): ", "not a valid date and time", "Resume = : "}},
		"same schedule twice": {nil, func(w *warehouse.Warehouse) {
			w.SchedulePauseResume("Nights", warehouse.PauseResumeProps{Pause: "cron(0 20 ? * * *)", Resume: "cron(0 20 ? * * *)"})
		}, []string{"Resume = cron(0 20 ? * * *): a schedule other than Pause's"}},
		"elastic to one node": {nil, func(w *warehouse.Warehouse) {
			w.ScheduleResize("Shrink", warehouse.ResizeProps{Schedule: "cron(0 20 ? * FRI *)", Nodes: 1})
		}, []string{"Nodes = 1: elastic resize does not go to or from a single node"}},
		"elastic to dc2, bad count": {nil, func(w *warehouse.Warehouse) {
			w.ScheduleResize("Odd", warehouse.ResizeProps{Schedule: "cron(0 20 ? * FRI *)", Nodes: 2.5, NodeType: jsii.String("dc2.8xlarge")})
		}, []string{"Nodes = 2.5: a whole number from 1 to 128", "NodeType = dc2.8xlarge: an RA3 node type for an elastic resize"}},
		"resize to the same size": {nil, func(w *warehouse.Warehouse) {
			w.ScheduleResize("Same", warehouse.ResizeProps{Schedule: "cron(0 20 ? * FRI *)", Nodes: 2})
		}, []string{"Nodes/NodeType = ra3.large × 2: a size other than the cluster's own"}},
		"classic to one node of a multi-node type": {nil, func(w *warehouse.Warehouse) {
			w.ScheduleResize("Down", warehouse.ResizeProps{Schedule: "cron(0 20 ? * FRI *)", Nodes: 1, NodeType: jsii.String("ra3.4xlarge"), Classic: true})
		}, []string{"Nodes = 1: ra3.4xlarge is a multi-node type"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			testkit.MustPanic(t, func() { build(t, c.props, c.do) }, c.wants...)
		})
	}
}
