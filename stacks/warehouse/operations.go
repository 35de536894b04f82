package warehouse

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshift"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/jsii-runtime-go"

	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse/sql"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Operations are the warehouse's scheduled operations and the SQL behind
// them (issue 14):
//
//   - DWH-07: Pause and Resume scheduled actions (declared always, run when
//     warehouse.pauseResume.enabled), and one scheduled resize per entry of
//     warehouse.resize (provisioned only).
//   - DWH-05: the monthly tables <schema>.<base>_YYYY_MM behind the view
//     <schema>.<base>, created and rotated by <schema>.<base>_rotate(),
//     which the deployment calls once and Rotation calls monthly.
//   - DWH-11: the datashare sales_share (created once), its consumer
//     namespace (re-runnable, when warehouse.datashare.consumerNamespace is
//     set), and <schema>.sp_release_user for dropping a user that holds
//     datashare objects.
type Operations struct {
	// Pause and Resume are nil on serverless.
	Pause, Resume awsredshift.CfnScheduledAction
	Resizes       []awsredshift.CfnScheduledAction
	// Procedures creates the rotation and release procedures and runs the
	// first rotation (re-runnable).
	Procedures awscdk.CustomResource
	// Rotation calls the rotation procedure on warehouse.timeseries.rotationCron.
	Rotation awsscheduler.CfnSchedule
	// Datashare creates the share (once); DatashareConsumer grants it to
	// the consumer namespace (nil without one).
	Datashare, DatashareConsumer awscdk.CustomResource
}

// operations adds the Operations to the stack, after applySQL (the tables
// and the scheduler's user).
func (s *Stack) operations(cfg Config) {
	w := s.Warehouse
	o := &Operations{}
	s.Operations = o

	// DWH-07. On serverless, asking for an action fails in the construct
	// with the reason; the default (declared, not enabled) is left out.
	if w.Type == dw.Provisioned || cfg.PauseResume.Enabled {
		o.Pause, o.Resume = w.SchedulePauseResume("Weekend", dw.PauseResumeProps{
			Pause: cfg.PauseResume.Pause, Resume: cfg.PauseResume.Resume, Enabled: jsii.Bool(cfg.PauseResume.Enabled),
		})
	}
	for i, r := range cfg.Resize {
		p := dw.ResizeProps{Schedule: r.Schedule, Nodes: r.Nodes, Classic: r.Classic, Enabled: r.Enabled}
		if r.NodeType != "" {
			p.NodeType = jsii.String(r.NodeType)
		}
		o.Resizes = append(o.Resizes, w.ScheduleResize("Resize"+strconv.Itoa(i), p))
	}

	// DWH-05 and the DWH-11 release procedure.
	ts := cfg.Timeseries
	rotate := Schema + "." + ts.Base + "_rotate()"
	procedures := append(mustSQL(sql.TimeseriesRotation, map[string]string{
		"schema": Schema, "base": ts.Base, "keep_months": strconv.Itoa(int(ts.KeepMonths)),
	}), "GRANT EXECUTE ON PROCEDURE "+rotate+" TO "+SchedulerUser)
	o.Procedures = w.ApplySQL("Operations", [][]string{
		procedures,
		// A CALL of its own runs outside a transaction block.
		{"CALL " + rotate},
		mustSQL(sql.ReleaseUser, map[string]string{"schema": Schema}),
	})
	o.Procedures.Node().AddDependency(s.Schema)
	o.Rotation = w.Schedule("TimeseriesRotation", dw.ScheduleProps{Cron: ts.RotationCron, SQL: "CALL " + rotate + ";", DbUser: SchedulerUser})

	// DWH-11: CREATE DATASHARE and ALTER DATASHARE ADD cannot run twice, so
	// the share is applied once, each statement on its own (outside a
	// transaction block); the consumer's GRANT is re-runnable and follows
	// changes of warehouse.datashare.consumerNamespace.
	if cfg.Datashare.Enabled == nil || *cfg.Datashare.Enabled {
		var sets [][]string
		for _, st := range mustSQL(sql.Datashare, map[string]string{"schema": Schema}) {
			sets = append(sets, []string{st})
		}
		o.Datashare = w.ApplySQLOnce("Datashare", sets)
		o.Datashare.Node().AddDependency(s.Schema)
		if ns := cfg.Datashare.ConsumerNamespace; ns != "" {
			o.DatashareConsumer = w.ApplySQL("DatashareConsumer", [][]string{mustSQL(sql.DatashareConsumer, map[string]string{"consumer_namespace": ns})})
			o.DatashareConsumer.Node().AddDependency(o.Datashare)
		}
	}
}

// loaderSlices is the slice count of the loader's batches and split files:
// warehouse.loader.slices, or the provisioned cluster's, or none.
func loaderSlices(cfg Config, w *dw.Warehouse) *float64 {
	if cfg.Loader.Slices > 0 {
		return jsii.Number(cfg.Loader.Slices)
	}
	if n := w.Slices(); n > 0 {
		return jsii.Number(n)
	}
	return nil
}

// loaderSplitPrefix is the splitter's prefix, "" without a slice count,
// for columnar files (split by their writer) or with splitPrefix "none".
func loaderSplitPrefix(cfg Config, w *dw.Warehouse) string {
	if f := strings.ToUpper(cfg.Loader.Format); cfg.Loader.SplitPrefix == "none" || loaderSlices(cfg, w) == nil || (f != "CSV" && f != "JSON") {
		return ""
	}
	return cfg.Loader.SplitPrefix
}

// checkOperations checks what no construct sees: the datashare needs RA3
// nodes, and loader.slices is a count.
func checkOperations(pr *context.Problems, c *Config) {
	if (c.Datashare.Enabled == nil || *c.Datashare.Enabled) && c.Type != "serverless" && strings.HasPrefix(c.NodeType, "dc2.") {
		pr.Add("datashare.enabled", "true", "false with nodeType "+c.NodeType+": data sharing needs RA3 nodes or serverless")
	}
	if n := c.Loader.Slices; n < 0 || n != float64(int(n)) {
		pr.Add("loader.slices", fmt.Sprint(n), "0 (the cluster's slice count) or a whole number of slices")
	}
}

// mustSQL renders a file of package sql; the stack's own values are
// checked there, so an error is a bad cdk.json value.
func mustSQL(name string, vars map[string]string) []string {
	stmts, err := sql.Statements(name, vars)
	if err != nil {
		panic(fmt.Sprintf("warehouse SQL %s: %v", name, err))
	}
	return stmts
}
