package gluecatalog

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// WorkflowStepProps add a job to an existing workflow after one of its jobs.
type WorkflowStepProps struct {
	// Workflow to join, possibly from another stack (only its name is used).
	Workflow awsglue.IWorkflow
	// After is the job of Workflow whose success starts Job.
	After awsglue.IJob
	// Job runs in the workflow's run after After succeeded.
	Job awsglue.IJob
}

// NewWorkflowStep adds Job to Workflow with a conditional trigger created
// in scope, which may be another stack than the workflow's: a downstream
// stack (the warehouse) joins an upstream workflow (the lake's) without the
// upstream stack knowing it, so references point one way and the deploy
// order is upstream first. The trigger is started on creation.
func NewWorkflowStep(scope constructs.Construct, id string, props *WorkflowStepProps) awsglue.CfnTrigger {
	p := WorkflowStepProps{}
	if props != nil {
		p = *props
	}
	pr := propcheck.For("gluecatalog.WorkflowStep", scope, id)
	for _, missing := range []struct {
		name string
		nil_ bool
	}{{"Workflow", p.Workflow == nil}, {"After", p.After == nil}, {"Job", p.Job == nil}} {
		if missing.nil_ {
			pr.Add(missing.name, "nil", "the workflow, the job whose success starts the step, and the step's job")
		}
	}
	pr.Fail()
	return awsglue.NewCfnTrigger(scope, jsii.String(id), &awsglue.CfnTriggerProps{
		Type:            jsii.String("CONDITIONAL"),
		WorkflowName:    p.Workflow.WorkflowName(),
		StartOnCreation: jsii.Bool(true),
		Description:     jsii.String("Starts the job when the workflow's previous job succeeded"),
		Predicate: &awsglue.CfnTrigger_PredicateProperty{
			Logical: jsii.String("AND"),
			Conditions: &[]any{&awsglue.CfnTrigger_ConditionProperty{
				JobName: p.After.JobName(), LogicalOperator: jsii.String("EQUALS"), State: jsii.String("SUCCEEDED"),
			}},
		},
		Actions: &[]any{&awsglue.CfnTrigger_ActionProperty{JobName: p.Job.JobName()}},
	})
}
