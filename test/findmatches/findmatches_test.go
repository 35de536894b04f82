package findmatches_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "MatchStack"

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

func configs() *testkit.Synth {
	return testkit.Synthesize("findmatches", nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		lake := securebucket.New(stack, "Lake", nil)
		findmatches.New(stack, "Customers", &findmatches.Props{
			DatabaseName: jsii.String("crm"), TableName: "customers_unified", PrimaryKey: "record_id",
			DataBucket: lake.Bucket, DataPrefix: "unified/customers/",
		})
	})
}

func TestTransform(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, tr := st.ByPath(t, "AWS::Glue::MLTransform", stackName+"/Customers/Transform")
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

func TestChecks(t *testing.T) {
	s := configs()
	s.CheckNag(t)
	s.CheckGuard(t)
}

func TestRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		findmatches.New(stack, "M", &findmatches.Props{PrecisionRecallTradeoff: jsii.Number(1.5), WorkerType: jsii.String("G.025X")})
	}, "findmatches Bad/M: invalid props", "DatabaseName/TableName = missing", `PrimaryKey = ""`, "PrecisionRecallTradeoff = 1.5", "WorkerType = G.025X")
}
