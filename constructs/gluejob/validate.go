package gluejob

import (
	"math"
	"os"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluescript"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// managedArguments are the job arguments this construct (or the CDK job
// class under it) sets; Arguments may not set them.
var managedArguments = []string{
	"--job-bookmark-option", "--TempDir", "--custom-logGroup-prefix", "--checkpoint_location",
	"--enable-continuous-cloudwatch-log", "--continuous-log-logGroup", "--continuous-log-logStreamPrefix",
	"--continuous-log-conversionPattern", "--enable-continuous-log-filter", "--enable-metrics",
	"--enable-observability-metrics", "--enable-spark-ui", "--spark-event-logs-path",
	"--job-language", "--class", "--extra-jars", "--user-jars-first", "--extra-py-files", "--extra-files",
	"--debug", "--mode", "--JOB_NAME", "--endpoint",
}

// streamingOnly are worker types only a streaming job may use.
var streamingOnly = []awsglue.WorkerType{awsglue.WorkerType_G_025X}

// check lists every problem of p; it reads the script to check bookmarks.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("gluejob", scope, id)
	src := checkScript(pr, p)
	switch p.Type {
	case "", ETL, Streaming, PythonShell:
	default:
		pr.Add("Type", p.Type, "ETL (glueetl), Streaming (gluestreaming) or PythonShell (pythonshell)")
	}
	etl := p.Type == "" || p.Type == ETL
	bookmarks := p.Bookmarks
	switch {
	case !etl && bookmarks != "":
		pr.Add("Bookmarks", bookmarks, "only for an ETL job: a streaming job keeps its position in the checkpoint location, a Python shell job has no bookmarks")
	case !etl:
	case bookmarks == "":
		bookmarks = BookmarksEnable
	case bookmarks != BookmarksEnable && bookmarks != BookmarksDisable && bookmarks != BookmarksPause:
		pr.Add("Bookmarks", bookmarks, "job-bookmark-enable, job-bookmark-disable or job-bookmark-pause")
	}
	if src != "" && etl && bookmarks != BookmarksDisable && !p.SkipScriptCheck {
		for _, problem := range gluescript.CheckBookmarks(src) {
			pr.Add("Script", p.Script+" "+problem.String(), "with bookmarks on ("+string(bookmarks)+") the script must create a Job, call job.init(...) before reading, pass transformation_ctx to every DynamicFrame source and sink, and call job.commit() at the end")
		}
	}
	checkWorkers(pr, p)
	checkRuns(pr, p, bookmarks)
	checkArguments(pr, p.Arguments)
	if p.JobProps != nil {
		checkArguments(pr, derefMap(p.JobProps.DefaultArguments))
	}
	if p.StreamingJobProps != nil {
		checkArguments(pr, derefMap(p.StreamingJobProps.DefaultArguments))
	}
	if p.ShellJobProps != nil {
		checkArguments(pr, derefMap(p.ShellJobProps.DefaultArguments))
	}
	for _, o := range []struct {
		name  string
		given bool
	}{{"JobProps", p.JobProps != nil}, {"StreamingJobProps", p.StreamingJobProps != nil}, {"ShellJobProps", p.ShellJobProps != nil}} {
		if name := o.name; o.given && name != propsFor[jobType(p)] {
			pr.Add(name, "given", "a job of Type "+string(jobType(p))+" takes "+propsFor[jobType(p)])
		}
	}
	if p.ExistingWorkBucket != nil && p.WorkBucketProps != nil {
		pr.Add("ExistingWorkBucket and WorkBucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	pr.FiniteRetention(p.LogRetention)
	return pr
}

// checkScript reads the script; it returns "" when it cannot.
func checkScript(pr *propcheck.Problems, p *Props) string {
	if p.Script == "" {
		pr.Add("Script", `""`, "the path of a PySpark script (.py)")
		return ""
	}
	if !strings.HasSuffix(p.Script, ".py") {
		pr.Add("Script", p.Script, "a Python file ending in .py")
	}
	b, err := os.ReadFile(p.Script)
	if err != nil {
		pr.Add("Script", p.Script, "a readable file ("+err.Error()+")")
		return ""
	}
	return string(b)
}

// propsFor names the override props of each job type.
var propsFor = map[JobType]string{ETL: "JobProps", Streaming: "StreamingJobProps", PythonShell: "ShellJobProps"}

func jobType(p *Props) JobType {
	if p.Type == "" {
		return ETL
	}
	return p.Type
}

func checkWorkers(pr *propcheck.Problems, p *Props) {
	if jobType(p) == PythonShell {
		if p.WorkerType != "" || p.Workers != nil {
			pr.Add("WorkerType/Workers", "given", "nothing for a Python shell job: it is sized by MaxCapacity (0.0625 or 1 DPU)")
		}
		if p.SparkUI != nil && *p.SparkUI {
			pr.Add("SparkUI", true, "nothing for a Python shell job: it runs no Spark")
		}
		return
	}
	if p.MaxCapacity != "" {
		pr.Add("MaxCapacity", p.MaxCapacity, "nothing for a Spark job: it is sized by WorkerType and Workers")
	}
	wt := p.WorkerType
	if wt == awsglue.WorkerType_STANDARD {
		pr.Add("WorkerType", wt, "G_1X or larger: Glue 5.0 does not run STANDARD workers")
	}
	if jobType(p) != Streaming && slices.Contains(streamingOnly, wt) {
		pr.Add("WorkerType", wt, "G_1X or larger: G.025X is for streaming jobs only")
	}
	if n := p.Workers; n != nil && (*n < 2 || *n != math.Trunc(*n)) {
		if wt == "" {
			wt = awsglue.WorkerType_G_1X
		}
		pr.Add("Workers", *n, "a whole number of at least 2 for "+string(wt)+" (one driver and at least one executor)")
	}
}

func checkRuns(pr *propcheck.Problems, p *Props, bookmarks Bookmarks) {
	if p.Timeout != nil {
		if jobType(p) == Streaming {
			pr.Add("Timeout", *p.Timeout.ToHumanString(), "nothing: a streaming job runs until stopped")
		} else if m := propcheck.Seconds(p.Timeout) / 60; m < 1 || m > 2880 || m != math.Trunc(m) {
			pr.Add("Timeout", *p.Timeout.ToHumanString(), "whole minutes from 1 minute to 48 hours")
		}
	}
	if n := p.MaxConcurrentRuns; n != nil {
		if *n < 1 || *n != math.Trunc(*n) {
			pr.Add("MaxConcurrentRuns", *n, "a whole number of at least 1")
		} else if *n > 1 && jobType(p) == ETL && bookmarks != BookmarksDisable {
			pr.Add("MaxConcurrentRuns", *n, "1 while bookmarks are on ("+string(bookmarks)+"): concurrent runs would read and overwrite the same bookmark and process data twice")
		}
	}
	if n := p.MaxRetries; n != nil && (*n < 0 || *n > 10 || *n != math.Trunc(*n)) {
		pr.Add("MaxRetries", *n, "a whole number from 0 to 10")
	} else if n != nil && *n > 0 && queuing(p) {
		pr.Add("MaxRetries", *n, "0 when JobProps.JobRunQueuingEnabled is true (Glue does not retry queued runs)")
	}
}

func checkArguments(pr *propcheck.Problems, args map[string]string) {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case !strings.HasPrefix(k, "--") || len(k) < 3:
			pr.Add("Arguments["+k+"]", args[k], `a key starting with "--" (Glue passes it to the script as that option)`)
		case slices.Contains(managedArguments, k):
			pr.Add("Arguments["+k+"]", args[k], "an argument this construct does not manage; set it through its own prop")
		}
	}
}

func derefMap(m *map[string]*string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(*m))
	for k, v := range *m {
		if v != nil {
			out[k] = *v
		} else {
			out[k] = ""
		}
	}
	return out
}

// queuing reports whether the override props turn job run queuing on.
func queuing(p *Props) bool {
	on := func(b *bool) bool { return b != nil && *b }
	return (p.JobProps != nil && on(p.JobProps.JobRunQueuingEnabled)) ||
		(p.StreamingJobProps != nil && on(p.StreamingJobProps.JobRunQueuingEnabled)) ||
		(p.ShellJobProps != nil && on(p.ShellJobProps.JobRunQueuingEnabled))
}
