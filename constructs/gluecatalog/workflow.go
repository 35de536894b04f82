package gluecatalog

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// EventStart starts a workflow from new S3 objects: an EventBridge rule on
// Object Created under Prefix notifies the workflow, whose EVENT trigger
// starts a run when BatchSize objects have arrived or BatchWindow has
// passed since the first one.
type EventStart struct {
	// Bucket must send its events to EventBridge (a securebucket does).
	Bucket awss3.IBucket
	// Prefix of the new objects ("raw/orders/"); "" for the whole bucket.
	Prefix string
	// BatchSize is the number of events that starts a run, 1 to 100.
	// @default 100
	BatchSize *float64
	// BatchWindow is the longest a run waits after the first event, 1 to 900 seconds.
	// @default 900 seconds (Glue's default)
	BatchWindow awscdk.Duration
}

// WorkflowProps configures a Workflow: start → Crawler → Job → Then (in
// parallel) → Finally, each step started by a conditional trigger on the
// success of the step before (catalogue CAT-02, ORC-01). Exactly one of
// Schedule and Event starts it; Job is required.
type WorkflowProps struct {
	// Schedule starts a run, a Glue cron expression ("cron(0 2 * * ? *)").
	Schedule *string
	// Event starts a run from new S3 objects.
	Event *EventStart
	// Crawler runs first (typically the raw zone's catalog).
	// @default none: the workflow starts with Job
	Crawler *Catalog
	// Job runs after the crawler succeeded (first when there is no crawler).
	Job awsglue.IJob
	// Then run in parallel after Job succeeded (fan-out).
	Then []awsglue.IJob
	// Finally runs after every job of Then (or Job) succeeded, and also as
	// soon as the crawler or any job fails, times out or is stopped, such as
	// the notifier Python shell job reporting the run either way (a step
	// after a failed one never starts, so a success-only trigger would never
	// report a failure).
	Finally awsglue.IJob
	// FinallyOnSuccessOnly runs Finally only after success, for a last step
	// that must not run on a failed run (a publish step).
	// @default false: Finally also runs on failure
	FinallyOnSuccessOnly *bool
	// MaxConcurrentRuns of the workflow.
	// @default 1
	MaxConcurrentRuns *float64
}

// Workflow is a Glue workflow with its triggers.
type Workflow struct {
	constructs.Construct
	// Workflow is the Glue workflow.
	Workflow awsglue.IWorkflow
	// EventRule notifies the workflow of new objects (with Event only).
	EventRule awsevents.CfnRule
	// EventRole lets EventBridge notify the workflow (with Event only).
	EventRole awsiam.IRole
}

// NewWorkflow creates the workflow and its triggers; every trigger is
// started on creation (Glue creates scheduled and conditional triggers
// deactivated otherwise, and the workflow would never run).
func NewWorkflow(scope constructs.Construct, id string, props *WorkflowProps) *Workflow {
	p := WorkflowProps{}
	if props != nil {
		p = *props
	}
	checkWorkflow(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	runs := p.MaxConcurrentRuns
	if runs == nil {
		runs = jsii.Number(1)
	}
	wf := awsglue.NewWorkflow(c, jsii.String("Workflow"), &awsglue.WorkflowProps{
		Description:       jsii.String("Glue workflow " + *c.Node().Path()),
		MaxConcurrentRuns: runs,
	})
	w := &Workflow{Construct: c, Workflow: wf}

	first := awsglue.Action_Job(p.Job, nil)
	if p.Crawler != nil {
		first = awsglue.Action_Crawler(p.Crawler.Crawler, nil)
	}
	if p.Schedule != nil {
		wf.AddScheduledTrigger(jsii.String("Start"), &awsglue.ScheduledTriggerOptions{
			Schedule:        awsglue.TriggerSchedule_Expression(p.Schedule),
			Actions:         &[]awsglue.Action{first},
			StartOnCreation: jsii.Bool(true),
			Description:     jsii.String("Starts the workflow on " + *p.Schedule),
		})
	} else {
		eventStart(c, w, &p, first)
	}
	on := func(tid string, conditions []awsglue.Condition, actions []awsglue.Action) {
		wf.AddConditionalTrigger(jsii.String(tid), &awsglue.ConditionalTriggerOptions{
			Predicate:       &awsglue.Predicate{Conditions: &conditions, Logical: awsglue.PredicateLogical_AND},
			Actions:         &actions,
			StartOnCreation: jsii.Bool(true),
		})
	}
	if p.Crawler != nil {
		on("AfterCrawler", []awsglue.Condition{awsglue.Condition_Crawler(p.Crawler.Crawler, awsglue.CrawlerState_SUCCEEDED, nil)},
			[]awsglue.Action{awsglue.Action_Job(p.Job, nil)})
	}
	last := []awsglue.Condition{awsglue.Condition_Job(p.Job, awsglue.JobState_SUCCEEDED, nil)}
	if len(p.Then) > 0 {
		actions := make([]awsglue.Action, len(p.Then))
		joined := make([]awsglue.Condition, len(p.Then))
		for i, j := range p.Then {
			actions[i] = awsglue.Action_Job(j, nil)
			joined[i] = awsglue.Condition_Job(j, awsglue.JobState_SUCCEEDED, nil)
		}
		on("FanOut", last, actions)
		last = joined
	}
	if p.Finally != nil {
		on("Finally", last, []awsglue.Action{awsglue.Action_Job(p.Finally, nil)})
		if p.FinallyOnSuccessOnly == nil || !*p.FinallyOnSuccessOnly {
			failures := failureConditions(&p)
			wf.AddConditionalTrigger(jsii.String("FinallyOnFailure"), &awsglue.ConditionalTriggerOptions{
				Predicate:       &awsglue.Predicate{Conditions: &failures, Logical: awsglue.PredicateLogical_ANY},
				Actions:         &[]awsglue.Action{awsglue.Action_Job(p.Finally, nil)},
				StartOnCreation: jsii.Bool(true),
				Description:     jsii.String("Runs the last step when the crawler or a job of the run fails, times out or is stopped"),
			})
		}
	}
	return w
}

// failureConditions are the end states of a failed step: a crawl that
// failed or was cancelled, a job run that failed, timed out or was stopped
// (the states a Glue trigger accepts besides SUCCEEDED).
func failureConditions(p *WorkflowProps) []awsglue.Condition {
	var conditions []awsglue.Condition
	if p.Crawler != nil {
		for _, state := range []awsglue.CrawlerState{awsglue.CrawlerState_FAILED, awsglue.CrawlerState_CANCELLED} {
			conditions = append(conditions, awsglue.Condition_Crawler(p.Crawler.Crawler, state, nil))
		}
	}
	for _, job := range append([]awsglue.IJob{p.Job}, p.Then...) {
		for _, state := range []awsglue.JobState{awsglue.JobState_FAILED, awsglue.JobState_TIMEOUT, awsglue.JobState_STOPPED} {
			conditions = append(conditions, awsglue.Condition_Job(job, state, nil))
		}
	}
	return conditions
}

// GrantReadRuns lets grantee read the runs of this workflow
// (glue:GetWorkflowRun on its ARN only, which is in the stack's partition),
// as a job that reports on the run it ends does (the shipped notify.py).
func (w *Workflow) GrantReadRuns(grantee awsiam.IGrantable) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("glue:GetWorkflowRun"),
		ResourceArns: &[]*string{w.Workflow.WorkflowArn()},
	})
}

// eventStart adds the EVENT trigger and the EventBridge rule feeding it.
func eventStart(c constructs.Construct, w *Workflow, p *WorkflowProps, first awsglue.Action) {
	e := p.Event
	size := e.BatchSize
	if size == nil {
		size = jsii.Number(100)
	}
	window := e.BatchWindow
	if window == nil {
		window = awscdk.Duration_Seconds(jsii.Number(900))
	}
	w.Workflow.AddEventTrigger(jsii.String("Start"), &awsglue.EventTriggerOptions{
		Actions:                &[]awsglue.Action{first},
		EventBatchingCondition: &awsglue.EventBatchingCondition{BatchSize: size, BatchWindow: window},
		Description:            jsii.String(fmt.Sprintf("Starts the workflow after %v new objects or %v seconds", *size, propcheck.Seconds(window))),
	})
	role := awsiam.NewRole(c, jsii.String("EventRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil),
		Description: jsii.String("Lets EventBridge notify the Glue workflow " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:notifyEvent"),
		Resources: &[]*string{w.Workflow.WorkflowArn()},
	}))
	detail := map[string]any{"bucket": map[string]any{"name": []*string{e.Bucket.BucketName()}}}
	if e.Prefix != "" {
		detail["object"] = map[string]any{"key": []any{map[string]any{"prefix": e.Prefix}}}
	}
	w.EventRole = role
	w.EventRule = awsevents.NewCfnRule(c, jsii.String("EventRule"), &awsevents.CfnRuleProps{
		Description: jsii.String("New objects (prefix \"" + e.Prefix + "\") of the watched bucket notify the Glue workflow"),
		EventPattern: map[string]any{
			"source":      []string{"aws.s3"},
			"detail-type": []string{"Object Created"},
			"detail":      detail,
		},
		Targets: []any{&awsevents.CfnRule_TargetProperty{
			Id:      jsii.String("Workflow"),
			Arn:     w.Workflow.WorkflowArn(),
			RoleArn: role.RoleArn(),
		}},
	})
}

func checkWorkflow(scope constructs.Construct, id string, p *WorkflowProps) *propcheck.Problems {
	pr := propcheck.For("gluecatalog.Workflow", scope, id)
	if (p.Schedule == nil) == (p.Event == nil) {
		pr.Add("Schedule and Event", map[bool]string{true: "neither given", false: "both given"}[p.Schedule == nil], "exactly one of them starts the workflow")
	}
	if s := p.Schedule; s != nil {
		pr.Cron("Schedule", *s)
	}
	if e := p.Event; e != nil {
		if e.Bucket == nil {
			pr.Add("Event.Bucket", "nil", "the bucket whose new objects start the workflow")
		}
		if n := e.BatchSize; n != nil && (*n < 1 || *n > 100 || *n != float64(int(*n))) {
			pr.Add("Event.BatchSize", *n, "a whole number of events from 1 to 100")
		}
		if d := e.BatchWindow; d != nil {
			if s := propcheck.Seconds(d); s < 1 || s > 900 || s != float64(int(s)) {
				pr.Add("Event.BatchWindow", *d.ToHumanString(), "whole seconds from 1 to 900 (15 minutes)")
			}
		}
	}
	if p.Job == nil {
		pr.Add("Job", "nil", "the job that runs first (after the crawler, when there is one)")
	}
	if n := p.MaxConcurrentRuns; n != nil && (*n < 1 || *n != float64(int(*n))) {
		pr.Add("MaxConcurrentRuns", *n, "a whole number of at least 1")
	}
	return pr
}
