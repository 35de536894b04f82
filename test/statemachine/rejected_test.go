package statemachine_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func badStack(t *testing.T) awscdk.Stack {
	return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
}

func TestRejectedDefinitions(t *testing.T) {
	testkit.MustPanic(t, func() { statemachine.New(badStack(t), "Sm", nil) },
		"statemachine.StateMachine Bad/Sm: invalid props", "Definition = nil")
	// A retry without a maximum, and a Choice without a default, also
	// inside a Parallel's branch.
	testkit.MustPanic(t, func() {
		s := badStack(t)
		run := awsstepfunctionstasks.NewGlueStartJobRun(s, jsii.String("Run"), &awsstepfunctionstasks.GlueStartJobRunProps{GlueJobName: jsii.String("curate")})
		run.AddRetry(&awsstepfunctions.RetryProps{Errors: jsii.Strings("States.ALL"), BackoffRate: jsii.Number(2)})
		route := awsstepfunctions.NewChoice(s, jsii.String("Route"), nil).
			When(awsstepfunctions.Condition_StringEquals(jsii.String("$.kind"), jsii.String("csv")), awsstepfunctions.NewPass(s, jsii.String("Csv"), nil), nil)
		inner := awsstepfunctions.NewChoice(s, jsii.String("Inner"), nil).
			When(awsstepfunctions.Condition_IsPresent(jsii.String("$.x")), awsstepfunctions.NewPass(s, jsii.String("X"), nil), nil)
		par := awsstepfunctions.NewParallel(s, jsii.String("Par"), nil).Branch(inner)
		statemachine.New(s, "Sm", &statemachine.Props{Definition: run.Next(par).Next(route)})
	}, "Definition = Run: Retry[0] with MaxAttempts of at least 1",
		"Definition = Route: a Choice with a default branch (.Otherwise(...))",
		"Definition = Inner: a Choice with a default branch")
	// Bad schedules and settings.
	pass := func(s awscdk.Stack) awsstepfunctions.IChainable {
		return awsstepfunctions.NewPass(s, jsii.String("P"), nil)
	}
	testkit.MustPanic(t, func() {
		s := badStack(t)
		statemachine.New(s, "Sm", &statemachine.Props{
			Definition: pass(s), Schedule: jsii.String("cron(60 2 * * ? *)"), Timeout: awscdk.Duration_Seconds(jsii.Number(0)),
			LogRetention: awslogs.RetentionDays_INFINITE, CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(s, jsii.String("T"), nil),
			StateMachineProps: &awsstepfunctions.StateMachineProps{TracingEnabled: jsii.Bool(false), StateMachineType: awsstepfunctions.StateMachineType_EXPRESS},
		})
	}, `Schedule = cron(60 2 * * ? *): a cron expression AWS accepts, but minutes "60": "60" is not 0 to 59`,
		"Timeout = 0 seconds: 1 second to 1 year",
		"LogRetention = INFINITE", "AlarmTopic",
		"StateMachineProps = Definition/DefinitionBody/Role/Logs/TracingEnabled",
		"StateMachineProps.StateMachineType = EXPRESS: STANDARD with a Schedule")
	testkit.MustPanic(t, func() {
		s := badStack(t)
		statemachine.New(s, "Sm", &statemachine.Props{Definition: pass(s), Schedule: jsii.String("every night")})
	}, `Schedule = every night: an EventBridge schedule`)
	testkit.MustPanic(t, func() {
		s := badStack(t)
		statemachine.New(s, "Sm", &statemachine.Props{Definition: pass(s), ScheduleTimeZone: jsii.String("UTC")})
	}, "ScheduleTimeZone/ScheduleInput are given without Schedule")
}

func TestRejectedParts(t *testing.T) {
	testkit.MustPanic(t, func() {
		statemachine.NewCrawlerRun(badStack(t), "Crawl", statemachine.CrawlerRunProps{PollInterval: awscdk.Duration_Hours(jsii.Number(2))})
	}, "statemachine.CrawlerRun Bad/Crawl: invalid props", "CrawlerName = nil", "PollInterval = 2 hours: 1 second to 1 hour")
	testkit.MustPanic(t, func() {
		statemachine.NewParallelJobs(badStack(t), "Jobs", statemachine.ParallelJobsProps{Jobs: []statemachine.GlueJob{{Name: jsii.String("")}}})
	}, "Jobs = 1 jobs: at least two Glue jobs", `Jobs[0].Name = "": the name of a Glue job`)
	testkit.MustPanic(t, func() {
		statemachine.NewSparkSteps(badStack(t), "Spark", statemachine.SparkStepsProps{ClusterId: "cluster-1"})
	}, `ClusterId = "cluster-1": an EMR cluster id`, "Steps = none")
	testkit.MustPanic(t, func() {
		statemachine.NewSparkSteps(badStack(t), "Spark", statemachine.SparkStepsProps{ClusterId: "$.clusterId", Steps: []statemachine.SparkStep{{Name: "x", Script: "/local/x.py"}}})
	}, `Steps[0].Script = "/local/x.py": the application's s3:// URI`)
	testkit.MustPanic(t, func() {
		s := badStack(t)
		p := awsstepfunctions.NewPass(s, jsii.String("P"), nil)
		statemachine.NewFileTypeRouter(s, "Route", statemachine.FileTypeRouterProps{
			KeyPath: "detail.object.key",
			Routes:  []statemachine.Route{{Extensions: []string{".csv", "JSON"}, Then: p}, {Extensions: []string{".csv"}}},
		})
	}, `KeyPath = "detail.object.key"`, `Routes[0].Extensions = "JSON": a lower-case extension with its dot`,
		`Routes[1].Extensions = ".csv": an extension no earlier route has (Routes[0] takes it)`, "Routes[1].Then = nil", "Unsupported = nil")
	testkit.MustPanic(t, func() {
		statemachine.NewQualityGate(badStack(t), "Gate", statemachine.QualityGateProps{Job: statemachine.GlueJob{Name: jsii.String("gate")}})
	}, "statemachine.QualityGate Bad/Gate: invalid props", "OnFail = nil")
	testkit.MustPanic(t, func() {
		statemachine.NewDataApiStatement(badStack(t), "Copy", statemachine.DataApiStatementProps{Target: map[string]any{"Database": "dev", "ClusterIdentifier": "a", "WorkgroupName": "b"}})
	}, "Target = Database/ClusterIdentifier/WorkgroupName", "Sql = 0", "ExecuteOn = nil")
	testkit.MustPanic(t, func() {
		statemachine.OnGlueJobState(badStack(t), "On", statemachine.JobStateProps{States: []string{"DONE"}})
	}, "statemachine.OnGlueJobState Bad/On: invalid props", "JobNames = none", "States[0] = DONE: SUCCEEDED, FAILED, TIMEOUT or STOPPED", "Topic = nil")
	testkit.MustPanic(t, func() {
		statemachine.OnObjectCreated(badStack(t), "On", statemachine.ObjectCreatedProps{Prefix: "/in*"})
	}, "Bucket = nil", "StateMachine = nil", `Prefix/Suffix = "/in*"/""`)
}
