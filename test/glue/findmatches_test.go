package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const findmatchesStackName = "MatchStack"

var findmatchesEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// findmatchesUnified is the Unify of the configuration.
var findmatchesUnified *findmatches.Unify

var findmatchesConfigs = testkit.Register("findmatches", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(findmatchesStackName), &awscdk.StackProps{Env: findmatchesEnv})
	lake := securebucket.New(stack, "Lake", nil)
	m := findmatches.New(stack, "Customers", &findmatches.Props{
		DatabaseName: jsii.String("crm"), TableName: "customers_unified", PrimaryKey: "record_id",
		DataBucket: lake.Bucket, DataPrefix: "unified/customers/",
	})
	findmatchesUnified = findmatches.NewUnify(stack, "Unify", &findmatches.UnifyProps{
		DatabaseName: jsii.String("crm"), TableName: "customers_unified", PrimaryKey: "record_id",
		SourceBucket: lake.Bucket, SourcePrefix: "prepared/customers/",
		TargetBucket: lake.Bucket, TargetPrefix: "unified/customers/",
		Mapping: findmatchesMapping,
		StartPattern: map[string]any{"source": []string{"aws.databrew"}, "detail-type": []string{"DataBrew Job State Change"},
			"detail": map[string]any{"jobName": []string{"prep"}, "state": []string{"SUCCEEDED"}}},
	})
	m.Transform.Node().AddDependency(findmatchesUnified.Table)
	m.GrantApply(findmatchesUnified.Job.Role)
	findmatches.NewUnify(stack, "Nightly", &findmatches.UnifyProps{
		DatabaseName: jsii.String("crm"), TableName: "places_unified", PrimaryKey: "location_id",
		SourceBucket: lake.Bucket, SourcePrefix: "prepared/places/",
		TargetBucket: lake.Bucket, TargetPrefix: "unified/places/",
		Mapping:  []findmatches.Mapping{{Source: "place_id", SourceType: "long", Target: "location_id", TargetType: "long"}, {Source: "geo.lat", SourceType: "double", Target: "lat", TargetType: "decimal(9,6)"}},
		Schedule: jsii.String("cron(0 5 * * ? *)"),
		GlueJob:  &gluejob.Props{CreateAlarms: jsii.Bool(false)},
	})
})

var findmatchesMapping = []findmatches.Mapping{
	{Source: "customer_id", SourceType: "string", Target: "record_id", TargetType: "string"},
	{Source: "name", SourceType: "string", Target: "name", TargetType: "string"},
	{Source: "email", SourceType: "string", Target: "email", TargetType: "string"},
	{Source: "age", SourceType: "int", Target: "age", TargetType: "int"},
}

func TestFindmatchesTransform(t *testing.T) {
	st := findmatchesConfigs().Stack(t, findmatchesStackName)
	_, tr := st.ByPath(t, "AWS::Glue::MLTransform", findmatchesStackName+"/Customers/Transform")
	p := testkit.Props(tr)
	want := `{"FindMatchesParameters":{"AccuracyCostTradeoff":0.5,"EnforceProvidedLabels":false,"PrecisionRecallTradeoff":0.9,"PrimaryKeyColumnName":"record_id"},"TransformType":"FIND_MATCHES"}`
	if got := testkit.JSON(p["TransformParameters"]); got != want {
		t.Errorf("TransformParameters = %s", got)
	}
	if got := testkit.JSON(p["InputRecordTables"]); got != `{"GlueTables":[{"DatabaseName":"crm","TableName":"customers_unified"}]}` {
		t.Errorf("InputRecordTables = %s", got)
	}
	enc := testkit.JSON(p["TransformEncryption"])
	if !strings.Contains(enc, `"MLUserDataEncryptionMode":"SSE-KMS"`) || !strings.Contains(enc, "TaskRunSecurityConfigurationName") {
		t.Errorf("TransformEncryption = %s", enc)
	}
	if p["WorkerType"] != "G.2X" || p["NumberOfWorkers"] != 10.0 {
		t.Errorf("workers = %v × %v", p["WorkerType"], p["NumberOfWorkers"])
	}
}

func TestFindmatchesRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		findmatches.New(stack, "M", &findmatches.Props{PrecisionRecallTradeoff: jsii.Number(1.5), WorkerType: jsii.String("G.025X")})
	}, "findmatches Bad/M: invalid props", "DatabaseName/TableName = missing", `PrimaryKey = ""`, "PrecisionRecallTradeoff = 1.5", "WorkerType = G.025X")
}
