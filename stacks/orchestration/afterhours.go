package orchestration

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// afterHours is ORC-10 without AWS Data Pipeline (closed to new
// customers): EventBridge Scheduler starts, after business hours, a state
// machine that runs the warehouse's lake load (the RedshiftCopyActivity's
// part) and then the daily procedure through the Data API.
func (s *Stack) afterHours(cfg Config, wh *Warehouse) {
	c := constructs.NewConstruct(s.Stack, jsii.String("Load"))
	failed := statemachine.NewFailureNotice(c, "Load failed", s.notice(c, "After-hours load failed"))
	load := statemachine.NewGlueJobRun(c, "Lake load", statemachine.GlueJobRunProps{
		Job: statemachine.GlueJob{Name: wh.LoadJob}, Retry: jobBackoff, ResultPath: jsii.String("$.load"),
	})
	load.AddCatch(failed, statemachine.CatchAll())
	procedure := statemachine.NewDataApiStatement(c, "Daily procedure", statemachine.DataApiStatementProps{
		Target: wh.Target, Sql: wh.Procedure, ExecuteOn: wh.ExecuteOn, OnError: failed,
	})
	s.AfterHours = statemachine.New(s.Stack, "AfterHours", &statemachine.Props{
		Definition: load.Next(procedure), Timeout: awscdk.Duration_Hours(jsii.Number(4)), AlarmTopic: s.Notices.Topic,
		Schedule: jsii.String(cfg.AfterHours), ScheduleTimeZone: jsii.String(cfg.AfterHoursTimeZone),
	})
	wh.Grant(s.AfterHours.Role)
}

// spark is ORC-05 on the running cluster of emr.clusterId: emr.steps in
// order, each through addStep.sync.
func (s *Stack) spark(cfg Config) {
	c := constructs.NewConstruct(s.Stack, jsii.String("Emr"))
	failed := statemachine.NewFailureNotice(c, "Steps failed", s.notice(c, "Spark steps failed"))
	var list []statemachine.SparkStep
	for _, st := range cfg.Emr.Steps {
		list = append(list, statemachine.SparkStep{Name: st.Name, Script: st.Script, Args: st.Args})
	}
	steps := statemachine.NewSparkSteps(c, "Spark", statemachine.SparkStepsProps{ClusterId: cfg.Emr.ClusterId, Steps: list, OnError: failed})
	s.Spark = statemachine.New(s.Stack, "SparkSteps", &statemachine.Props{Definition: steps, AlarmTopic: s.Notices.Topic})
}
