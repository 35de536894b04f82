package statemachine

import (
	"regexp"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// GlueJob is one Glue job run of NewParallelJobs.
type GlueJob struct {
	// Name of the job. Required.
	Name *string
	// Arguments of the run ("--key": "value"), added to the job's defaults.
	Arguments map[string]string
}

// ParallelJobsProps configures NewParallelJobs.
type ParallelJobsProps struct {
	// Jobs run at the same time, each in its own branch. At least two.
	Jobs []GlueJob
	// Retry of each job run on transient errors.
	// @default Backoff{}
	Retry *Backoff
	// OnError is where the first failed job's error goes (caught into
	// ErrorPath); the other branches are stopped.
	// @default none: the error fails the execution
	OnError awsstepfunctions.IChainable
	// ResultPath of the runs' summaries (an array, one per job, in order:
	// {Id, JobName, JobRunState, ExecutionTime}).
	// @default "$.jobRuns"
	ResultPath *string
}

var glueJobNameRE = regexp.MustCompile(`^[\x{0020}-\x{D7FF}\x{E000}-\x{FFFD}\t]{1,255}$`)

// NewParallelJobs runs Glue jobs side by side and waits for all of them
// (catalogue ORC-13): a Parallel state with one glue:startJobRun.sync task
// per branch, so each branch ends when its run ends and a failed run fails
// the Parallel (Step Functions stops the other branches). The role gets
// glue:StartJobRun, GetJobRun(s) and BatchStopJobRun on each job's ARN only.
func NewParallelJobs(scope constructs.Construct, id string, p ParallelJobsProps) awsstepfunctions.Parallel {
	pr := propcheck.For("statemachine.ParallelJobs", scope, id)
	if len(p.Jobs) < 2 {
		pr.Add("Jobs", strconv.Itoa(len(p.Jobs))+" jobs", "at least two Glue jobs (one job needs no Parallel: use NewGlueJobRun)")
	}
	for i, j := range p.Jobs {
		if !name(j.Name, glueJobNameRE) {
			pr.Add("Jobs["+strconv.Itoa(i)+"].Name", show(j.Name), "the name of a Glue job (1 to 255 characters)")
		}
	}
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	resultPath := p.ResultPath
	if resultPath == nil {
		resultPath = jsii.String("$.jobRuns")
	}
	par := awsstepfunctions.NewParallel(c, jsii.String("Parallel"), &awsstepfunctions.ParallelProps{
		StateName: jsii.String(id), ResultPath: resultPath,
	})
	for i, j := range p.Jobs {
		par.Branch(NewGlueJobRun(c, "Job"+strconv.Itoa(i+1), GlueJobRunProps{
			StateName: id + ": job " + strconv.Itoa(i+1), Job: j, Retry: p.Retry,
		}))
	}
	if p.OnError != nil {
		par.AddCatch(p.OnError, CatchAll())
	}
	return par
}

// GlueJobRunProps configures NewGlueJobRun.
type GlueJobRunProps struct {
	Job GlueJob
	// StateName of the task. @default the construct id
	StateName string
	// Retry on transient errors. @default Backoff{}
	Retry *Backoff
	// ResultPath of the run's summary {Id, JobName, JobRunState,
	// ExecutionTime}. @default the task's output replaces its input
	ResultPath *string
}

// NewGlueJobRun is one glue:startJobRun.sync task: it waits for the run to
// end and fails with States.TaskFailed when the run fails, times out or is
// stopped.
func NewGlueJobRun(scope constructs.Construct, id string, p GlueJobRunProps) awsstepfunctionstasks.GlueStartJobRun {
	pr := propcheck.For("statemachine.GlueJobRun", scope, id)
	if !name(p.Job.Name, glueJobNameRE) {
		pr.Add("Job.Name", show(p.Job.Name), "the name of a Glue job (1 to 255 characters)")
	}
	pr.Fail()
	stateName := p.StateName
	if stateName == "" {
		stateName = id
	}
	props := &awsstepfunctionstasks.GlueStartJobRunProps{
		StateName: jsii.String(stateName), GlueJobName: p.Job.Name,
		IntegrationPattern: awsstepfunctions.IntegrationPattern_RUN_JOB,
		ResultSelector: &map[string]any{
			"Id":            awsstepfunctions.JsonPath_StringAt(jsii.String("$.Id")),
			"JobName":       awsstepfunctions.JsonPath_StringAt(jsii.String("$.JobName")),
			"JobRunState":   awsstepfunctions.JsonPath_StringAt(jsii.String("$.JobRunState")),
			"ExecutionTime": awsstepfunctions.JsonPath_NumberAt(jsii.String("$.ExecutionTime")),
		},
		ResultPath: p.ResultPath,
	}
	if len(p.Job.Arguments) > 0 {
		args := map[string]any{}
		for k, v := range p.Job.Arguments {
			args[k] = v
		}
		props.Arguments = awsstepfunctions.TaskInput_FromObject(&args)
	}
	run := awsstepfunctionstasks.NewGlueStartJobRun(scope, jsii.String(id), props)
	run.AddRetry(backoffOrDefault(p.Retry).Props())
	return run
}
