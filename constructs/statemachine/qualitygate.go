package statemachine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// QualityGateProps configures NewQualityGate.
type QualityGateProps struct {
	// Job is the gate: a Glue job that checks the data and publishes it
	// only when the checks pass, failing otherwise (gluequality.New's
	// Publish job). Required.
	Job GlueJob
	// OnFail is where a failed gate goes: a notice that nothing was
	// published, then Fail. Required: "better no data than bad data"
	// needs someone to hear about it.
	OnFail awsstepfunctions.IChainable
	// Retry of the gate's run on transient errors. @default Backoff{}
	Retry *Backoff
}

// NewQualityGate is a data-quality stage (catalogue ORC-14): the gate's Glue
// job runs to its end (.sync) and its state is checked: SUCCEEDED continues
// the chain (the data was checked and published), anything else, or a
// failed run, goes to OnFail, so the execution stops before any later
// stage sees the data. The run's summary is at $.gate.
func NewQualityGate(scope constructs.Construct, id string, p QualityGateProps) awsstepfunctions.Chain {
	pr := propcheck.For("statemachine.QualityGate", scope, id)
	if !name(p.Job.Name, glueJobNameRE) {
		pr.Add("Job.Name", show(p.Job.Name), "the name of the gate's Glue job (1 to 255 characters)")
	}
	if p.OnFail == nil {
		pr.Add("OnFail", "nil", "the failure path (e.g. NewFailureNotice): a failed gate must be heard of")
	}
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	run := NewGlueJobRun(c, "Run", GlueJobRunProps{StateName: id + ": check and publish", Job: p.Job, Retry: p.Retry, ResultPath: jsii.String("$.gate")})
	run.AddCatch(p.OnFail, CatchAll())
	passed := awsstepfunctions.NewPass(c, jsii.String("Passed"), &awsstepfunctions.PassProps{StateName: jsii.String(id + ": passed")})
	verdict := awsstepfunctions.NewChoice(c, jsii.String("Verdict"), &awsstepfunctions.ChoiceProps{StateName: jsii.String(id + ": passed?")}).
		When(awsstepfunctions.Condition_StringEquals(jsii.String("$.gate.JobRunState"), jsii.String("SUCCEEDED")), passed, nil).
		Otherwise(awsstepfunctions.NewPass(c, jsii.String("Rejected"), &awsstepfunctions.PassProps{
			// OnFail reads the error where a Catch puts it.
			StateName: jsii.String(id + ": rejected"), ResultPath: jsii.String(ErrorPath),
			Result: awsstepfunctions.Result_FromObject(&map[string]any{"Error": "QualityGateFailed", "Cause": "The gate's run ended without succeeding; nothing was published."}),
		}).Next(p.OnFail))
	run.Next(verdict)
	return awsstepfunctions.Chain_Custom(run, &[]awsstepfunctions.INextable{passed}, passed)
}
