package statemachine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// SparkStep is one spark-submit step of NewSparkSteps.
type SparkStep struct {
	// Name of the step. Required.
	Name string
	// Script is the application: an s3:// URI of a .py file or a jar.
	// Required.
	Script string
	// Args are the application's arguments.
	Args []string
	// SubmitArgs go to spark-submit before the script (e.g. "--conf",
	// "spark.sql.adaptive.enabled=true").
	SubmitArgs []string
}

// SparkStepsProps configures NewSparkSteps.
type SparkStepsProps struct {
	// ClusterId of the running EMR cluster: "j-..." or a JSONPath to it in
	// the execution input ("$.clusterId"). Required.
	ClusterId string
	// Steps run one after the other, each after the previous succeeded.
	Steps []SparkStep
	// Retry of each step on transient errors. @default Backoff{}
	Retry *Backoff
	// OnError is where a failed step's error goes (caught into ErrorPath).
	// @default none: the error fails the execution
	OnError awsstepfunctions.IChainable
}

var (
	clusterIDRE = regexp.MustCompile(`^j-[0-9A-Z]{1,20}$`)
	stepNameRE  = regexp.MustCompile(`^[^\x00-\x1f]{1,256}$`)
)

// NewSparkSteps runs Spark applications in order on an EMR cluster
// (catalogue ORC-05) through the optimized elasticmapreduce:addStep.sync
// integration: each task adds a command-runner spark-submit step and
// waits for it, so the notes' submit and poll Lambdas are not needed. A
// failed step fails the task (and is left in the cluster's history with
// ActionOnFailure CONTINUE, so the cluster keeps serving the other
// pipelines). The role may add, describe and cancel steps on the clusters
// of this account and region: the L2 EmrAddStep names "cluster/*" even for
// a literal id (the package's nag suppression says so); issue 17's cluster
// construct is where a per-cluster policy belongs.
func NewSparkSteps(scope constructs.Construct, id string, p SparkStepsProps) awsstepfunctions.Chain {
	pr := propcheck.For("statemachine.SparkSteps", scope, id)
	fromInput := strings.HasPrefix(p.ClusterId, "$.")
	if !fromInput && !*awscdk.Token_IsUnresolved(jsii.String(p.ClusterId)) && !clusterIDRE.MatchString(p.ClusterId) {
		pr.Add("ClusterId", strconv.Quote(p.ClusterId), `an EMR cluster id ("j-" and capital letters and digits) or a JSONPath into the input ("$.clusterId")`)
	}
	if len(p.Steps) == 0 {
		pr.Add("Steps", "none", "at least one Spark step")
	}
	for i, s := range p.Steps {
		at := "Steps[" + strconv.Itoa(i) + "]"
		if !stepNameRE.MatchString(s.Name) {
			pr.Add(at+".Name", strconv.Quote(s.Name), "1 to 256 characters without control characters")
		}
		if !strings.HasPrefix(s.Script, "s3://") || len(s.Script) < len("s3://b/k") {
			pr.Add(at+".Script", strconv.Quote(s.Script), "the application's s3:// URI (a .py file or a jar)")
		}
	}
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	clusterID := jsii.String(p.ClusterId)
	if fromInput {
		clusterID = awsstepfunctions.JsonPath_StringAt(clusterID)
	}
	var first, last awsstepfunctionstasks.EmrAddStep
	for i, s := range p.Steps {
		args := append([]string{"spark-submit", "--deploy-mode", "cluster"}, s.SubmitArgs...)
		args = append(append(args, s.Script), s.Args...)
		step := awsstepfunctionstasks.NewEmrAddStep(c, jsii.String("Step"+strconv.Itoa(i+1)), &awsstepfunctionstasks.EmrAddStepProps{
			StateName:          jsii.String(id + ": " + s.Name),
			ClusterId:          clusterID,
			Name:               jsii.String(s.Name),
			Jar:                jsii.String("command-runner.jar"),
			Args:               jsii.Strings(args...),
			ActionOnFailure:    awsstepfunctionstasks.ActionOnFailure_CONTINUE,
			IntegrationPattern: awsstepfunctions.IntegrationPattern_RUN_JOB,
			ResultPath:         awsstepfunctions.JsonPath_DISCARD(),
		})
		step.AddRetry(backoffOrDefault(p.Retry).Props())
		if p.OnError != nil {
			step.AddCatch(p.OnError, CatchAll())
		}
		if first == nil {
			first = step
		} else {
			last.Next(step)
		}
		last = step
	}
	return awsstepfunctions.Chain_Custom(first, &[]awsstepfunctions.INextable{last}, last)
}
