package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluequality"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const gluequalityStackName = "QualityStack"

var gluequalityEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// NotesRuleset is the notes' catalog ruleset as they wrote it (ETL-02).
const GluequalityNotesRuleset = `Rules = [
    ColumnCount = 5
    IsComplete "customer_id"
    Uniqueness "customer_id" > 0.95
    Mean "age" between 18 and 100
    ColumnValues "status" in ["active", "inactive"]
    CustomSQL "SELECT COUNT(*) FROM primary WHERE created_date > CURRENT_DATE - 1" > 0
]`

// CorrectedRuleset has the commas and the CustomSql spelling DQDL needs.
const GluequalityCorrectedRuleset = `Rules = [
    ColumnCount = 5,
    IsComplete "customer_id",
    Uniqueness "customer_id" > 0.95,
    Mean "age" between 18 and 100,
    ColumnValues "status" in ["active", "inactive"],
    CustomSql "SELECT COUNT(*) FROM primary WHERE created_date > CURRENT_DATE - 1" > 0
]`

var gluequalityConfigs = testkit.Register("quality", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(gluequalityStackName), &awscdk.StackProps{Env: gluequalityEnv})
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	gluequality.New(stack, "Customers", &gluequality.Props{
		DatabaseName: jsii.String("crm"), TableName: "customer_data", Ruleset: GluequalityCorrectedRuleset,
		Job: &gluequality.JobProps{
			SourceBucket: lake.Bucket, SourcePrefix: "raw/customers/",
			TargetBucket: lake.Bucket, TargetPrefix: "validated/customers/",
			EvaluationContext: "customer_validation",
			Publish:           &gluequality.PublishProps{DatabaseName: "crm_curated", TableName: "customers", PartitionKeys: []string{"country"}},
		},
	})
	gluequality.New(stack, "Orders", &gluequality.Props{
		DatabaseName: jsii.String("sales"), TableName: "orders",
		Ruleset: `Rules = [ IsComplete "customer_id", Uniqueness "email" > 0.95, ColumnValues "age" between 18 and 120 ]`,
	})
})

func TestGluequalityRulesetAndGate(t *testing.T) {
	st := gluequalityConfigs().Stack(t, gluequalityStackName)
	_, rs := st.ByPath(t, "AWS::Glue::DataQualityRuleset", gluequalityStackName+"/Customers/Ruleset")
	p := testkit.Props(rs)
	if testkit.JSON(p["TargetTable"]) != `{"DatabaseName":"crm","TableName":"customer_data"}` {
		t.Errorf("TargetTable = %s", testkit.JSON(p["TargetTable"]))
	}
	ruleset := p["Ruleset"].(string)
	if strings.Count(ruleset, ",") < 5 || !strings.Contains(ruleset, `CustomSql "SELECT`) {
		t.Errorf("Ruleset = %s", ruleset)
	}
	_, job := st.ByPath(t, "AWS::Glue::Job", gluequalityStackName+"/Customers/Job/Job/Resource")
	args := testkit.Props(job)["DefaultArguments"].(map[string]any)
	if args["--gate"] != "fail" || args["--evaluation_context"] != "customer_validation" || args["--ruleset"] != ruleset ||
		args["--database"] != "crm" || args["--table"] != "customer_data" || !strings.Contains(testkit.JSON(args["--target_path"]), "/validated/customers/") ||
		args["--target_database"] != "crm_curated" || args["--target_table"] != "customers" || args["--partition_keys"] != "country" {
		t.Errorf("arguments = %s", testkit.JSON(args))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", gluequalityStackName+"/Customers/Job/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{"glue:PublishDataQuality", `"cloudwatch:namespace":"Glue Data Quality"`, `"s3:prefix":["raw/customers/*"]`, `table/crm/customer_data"`,
		`"glue:CreatePartition"`, `table/crm_curated/customers"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("policy lacks %s", want)
		}
	}
	st.Count(t, "AWS::Glue::DataQualityRuleset", 2)
	st.Count(t, "AWS::Glue::Job", 1)
}

func TestGluequalityNotesRulesetIsRejected(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		gluequality.New(stack, "Q", &gluequality.Props{DatabaseName: jsii.String("my_db"), TableName: "customer_data", Ruleset: GluequalityNotesRuleset})
	}, "gluequality Bad/Q: invalid props",
		`Ruleset line 3, column 5 ("IsComplete \"customer_id\""): missing comma between rules`,
		`did you mean "CustomSql"?`)
}

func TestGluequalityRejectedProps(t *testing.T) {
	cases := map[string]struct {
		props gluequality.Props
		wants []string
	}{
		"unbalanced quotes": {gluequality.Props{DatabaseName: jsii.String("d"), TableName: "t", Ruleset: "Rules = [ IsComplete \"id ]"}, []string{"Ruleset line 1"}},
		"bad comparison":    {gluequality.Props{DatabaseName: jsii.String("d"), TableName: "t", Ruleset: `Rules = [ Uniqueness "a" => 0.9 ]`}, []string{"Ruleset line 1, column"}},
		"publishing to the checked table, bad names": {gluequality.Props{DatabaseName: jsii.String("crm"), TableName: "customers", Ruleset: `Rules = [ RowCount > 0 ]`,
			Job: &gluequality.JobProps{Publish: &gluequality.PublishProps{DatabaseName: "crm", TableName: "customers", PartitionKeys: []string{"Year", "month", "month"}}}},
			[]string{"Job.Publish = crm.customers: a table other than the one the ruleset checks", "Job.Publish.PartitionKeys[0] = Year", "Job.Publish.PartitionKeys[2] = month: distinct column names"}},
		"bad publish names": {gluequality.Props{DatabaseName: jsii.String("crm"), TableName: "customers", Ruleset: `Rules = [ RowCount > 0 ]`,
			Job: &gluequality.JobProps{Publish: &gluequality.PublishProps{DatabaseName: "CRM", TableName: ""}}},
			[]string{"Job.Publish.DatabaseName = CRM: a Glue catalog name", "Job.Publish.TableName = : a Glue catalog name"}},
		"no table, bad gate": {gluequality.Props{Ruleset: `Rules = [ RowCount > 0 ]`, Job: &gluequality.JobProps{Gate: "warn"}},
			[]string{"DatabaseName/TableName = missing", "Job.Gate = warn: fail or report", "Job.SourceBucket/TargetBucket = missing"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				gluequality.New(stack, "Q", &c.props)
			}, c.wants...)
		})
	}
}
