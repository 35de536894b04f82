package emrserverless

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// JobRunProps configures StartJobRun.
type JobRunProps struct {
	// Name of the job run (1 to 256 characters).
	// @default the state's id
	Name string
	// EntryPoint of a Spark job: the s3:// URI of a .py file or a jar, or a
	// JSONPath into the state's input ("$.script"). Required for SPARK.
	EntryPoint string
	// EntryPointArguments are the script's arguments.
	EntryPointArguments []string
	// SparkSubmitParameters go to spark-submit ("--conf spark.executor.cores=4").
	SparkSubmitParameters string
	// Query of a Hive job: the s3:// URI of the HQL file. Required for HIVE.
	Query string
	// HiveParameters of a Hive job: "--hivevar NAME=value --hiveconf
	// key=value ..." (sparkjobs.HiveServerlessDriver builds them).
	HiveParameters string
	// ExecutionTimeout cancels the run after that long: 1 minute to 7 days
	// (EMR Serverless 7.11 and later refuse 0, "no timeout", for batch runs).
	// @default 2 hours
	ExecutionTimeout awscdk.Duration
	// ResultPath is where the run's result goes in the state's output.
	// @default "$.jobRun"
	ResultPath string
}

var (
	jobNameRE = regexp.MustCompile(`^[^\x00-\x1f]{1,256}$`)
	s3URIRE   = regexp.MustCompile(`^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+`)
)

// StartJobRun returns a Task state that runs one job on the application
// and waits for its end through the optimized integration
// arn:<partition>:states:::emr-serverless:startJobRun.sync (a failed or
// cancelled run fails the state). The state machine's role needs
// GrantStartJobRun.
//
// aws-cdk-lib 2.270 has no L2 task for EMR Serverless (awsstepfunctionstasks
// covers EMR on EC2 and EMR on EKS only), so the state is a CustomState with
// the integration's minimal Amazon States Language: the application, the
// job role, the job driver, a timeout and a ClientToken from States.UUID()
// (the API's idempotency token).
func (a *Application) StartJobRun(scope constructs.Construct, id string, p *JobRunProps) awsstepfunctions.CustomState {
	jp := JobRunProps{}
	if p != nil {
		jp = *p
	}
	pr := propcheck.For("emrserverless.StartJobRun", scope, id)
	name := orString(jp.Name, id)
	if !jobNameRE.MatchString(name) {
		pr.Add("Name", strconv.Quote(name), "1 to 256 characters without control characters")
	}
	uri := func(prop, v string, needed bool) {
		switch {
		case v == "" && needed:
			pr.Add(prop, `""`, "the s3:// URI of the script, or a JSONPath into the input (\"$.script\"), for a "+a.Type+" application")
		case v == "" || strings.HasPrefix(v, "$.") || *awscdk.Token_IsUnresolved(jsii.String(v)):
		case !s3URIRE.MatchString(v):
			pr.Add(prop, strconv.Quote(v), "an s3://bucket/key URI or a JSONPath into the input (\"$.script\")")
		}
	}
	uri("EntryPoint", jp.EntryPoint, a.Type == Spark)
	uri("Query", jp.Query, a.Type == Hive)
	if a.Type == Spark && jp.Query != "" {
		pr.Add("Query", "set", "only for HIVE applications (a Spark job has an EntryPoint)")
	}
	if a.Type == Spark && jp.HiveParameters != "" {
		pr.Add("HiveParameters", "set", "only for HIVE applications (a Spark job has EntryPointArguments)")
	}
	if a.Type == Hive && (jp.EntryPoint != "" || jp.SparkSubmitParameters != "" || len(jp.EntryPointArguments) > 0) {
		pr.Add("EntryPoint/EntryPointArguments/SparkSubmitParameters", "set", "only for SPARK applications (a Hive job has a Query)")
	}
	minutes := 120.0
	if t := jp.ExecutionTimeout; t != nil {
		minutes = propcheck.Seconds(t) / 60
		if minutes < 1 || minutes > 7*24*60 || minutes != float64(int(minutes)) {
			pr.Add("ExecutionTimeout", *t.ToHumanString(), "whole minutes from 1 minute to 7 days")
		}
	}
	if rp := jp.ResultPath; rp != "" && !strings.HasPrefix(rp, "$") {
		pr.Add("ResultPath", rp, `a JSONPath such as "$.jobRun"`)
	}
	pr.Fail()

	driver := map[string]any{}
	if a.Type == Spark {
		spark := map[string]any{}
		put(spark, "EntryPoint", jp.EntryPoint)
		if len(jp.EntryPointArguments) > 0 {
			spark["EntryPointArguments"] = jp.EntryPointArguments
		}
		if jp.SparkSubmitParameters != "" {
			spark["SparkSubmitParameters"] = jp.SparkSubmitParameters
		}
		driver["SparkSubmit"] = spark
	} else {
		hive := map[string]any{}
		put(hive, "Query", jp.Query)
		if jp.HiveParameters != "" {
			hive["Parameters"] = jp.HiveParameters
		}
		driver["Hive"] = hive
	}
	stack := awscdk.Stack_Of(scope)
	return awsstepfunctions.NewCustomState(scope, jsii.String(id), &awsstepfunctions.CustomStateProps{
		StateJson: &map[string]any{
			"Type":     "Task",
			"Resource": "arn:" + *stack.Partition() + ":states:::emr-serverless:startJobRun.sync",
			"Parameters": map[string]any{
				"ApplicationId":           a.ApplicationId,
				"ExecutionRoleArn":        a.JobRole.RoleArn(),
				"Name":                    name,
				"ClientToken.$":           "States.UUID()",
				"ExecutionTimeoutMinutes": minutes,
				"JobDriver":               driver,
			},
			"ResultPath": orString(jp.ResultPath, "$.jobRun"),
		},
	})
}

// put sets key to v, or key.$ when v is a JSONPath into the input.
func put(m map[string]any, key, v string) {
	if strings.HasPrefix(v, "$.") {
		m[key+".$"] = v
	} else {
		m[key] = v
	}
}

// GrantStartJobRun gives grantee (a state machine's role) exactly what the
// startJobRun.sync integration needs, per the Step Functions guide's policy
// for EMR Serverless: StartJobRun on this application, GetJobRun and
// CancelJobRun on its job runs, iam:PassRole of the job role to EMR
// Serverless only, and the managed EventBridge rule
// StepFunctionsGetEventsForEMRServerlessJobRule through which Step
// Functions learns that a run ended.
func (a *Application) GrantStartJobRun(grantee awsiam.IGrantable) {
	stack := awscdk.Stack_Of(a.Construct)
	add := func(actions []string, resources []*string, cond map[string]any) {
		st := &awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: &resources}
		if cond != nil {
			st.Conditions = &cond
		}
		grantee.GrantPrincipal().AddToPrincipalPolicy(awsiam.NewPolicyStatement(st))
	}
	add([]string{"emr-serverless:StartJobRun"}, []*string{a.Arn}, nil)
	add([]string{"emr-serverless:GetJobRun", "emr-serverless:CancelJobRun"}, []*string{jsii.String(*a.Arn + "/jobruns/*")}, nil)
	add([]string{"iam:PassRole"}, []*string{a.JobRole.RoleArn()}, map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "emr-serverless.amazonaws.com"}})
	add([]string{"events:PutTargets", "events:PutRule", "events:DescribeRule"}, []*string{stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("events"), Resource: jsii.String("rule"), ResourceName: jsii.String("StepFunctionsGetEventsForEMRServerlessJobRule"),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})}, nil)
	if role, ok := grantee.(awsiam.IRole); ok {
		if pol := nag.DefaultPolicy(role); pol != nil {
			nag.Suppress(pol, nag.Suppression{
				Rule:      "AwsSolutions-IAM5",
				Reason:    "Step Functions follows and cancels the job runs it starts: GetJobRun and CancelJobRun name the application's job runs, whose ids are only known at run time.",
				AppliesTo: []string{`/^Resource::<.*Application.*\.Arn>\/jobruns\/\*$/`},
			})
		}
	}
}
