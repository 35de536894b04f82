package databrew_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const stackName = "BrewStack"

var env = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

func configs() *testkit.Synth {
	return testkit.Synthesize("databrew", nil, func(app awscdk.App) {
		stack := awscdk.NewStack(app, jsii.String(stackName), &awscdk.StackProps{Env: env})
		raw := securebucket.New(stack, "Raw", nil)
		prepared := securebucket.New(stack, "Prepared", &securebucket.Props{Encryption: securebucket.SSEKMS})
		databrew.New(stack, "Customers", &databrew.Props{
			InputBucket: raw.Bucket, InputKey: "customers/",
			OutputBucket: prepared.Bucket, OutputPrefix: "customers/",
			EncryptionKey:    prepared.Key,
			PartitionColumns: []string{"country"},
			Steps: append(databrew.NotesRecipe(), databrew.Rename("dob", "date_of_birth"), databrew.HashPII("brew/hash-key", "email"), databrew.Step{
				Operation: "REMOVE_VALUES", Parameters: map[string]string{"sourceColumn": "email"},
				Conditions: []databrew.Condition{{Condition: "IS_INVALID", TargetColumn: "email", Value: `["EMAIL"]`}},
			}),
			Schedule: jsii.String("cron(0 4 * * ? *)"),
		})
	})
}

func TestRecipeJob(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, recipe := st.ByPath(t, "AWS::DataBrew::Recipe", stackName+"/Customers/Recipe")
	steps := testkit.JSON(testkit.Props(recipe)["Steps"])
	for _, want := range []string{
		`{"Action":{"Operation":"TRIM","Parameters":{"sourceColumn":"email"}}}`,
		`{"Action":{"Operation":"REMOVE_DUPLICATES","Parameters":{"sourceColumn":"customer_id"}}}`,
		`"Operation":"MASK_CUSTOM","Parameters":{"customValue":".","maskSymbol":"#","regex":"true","sourceColumns":"[\"phone\"]"}`,
		`"ConditionExpressions":[{"Condition":"IS_INVALID","TargetColumn":"email","Value":"[\"EMAIL\"]"}]`,
		`{"Action":{"Operation":"RENAME","Parameters":{"sourceColumn":"dob","targetColumn":"date_of_birth"}}}`,
		`{"Action":{"Operation":"CRYPTOGRAPHIC_HASH","Parameters":{"secretId":"brew/hash-key","sourceColumns":"[\"email\"]"}}}`,
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("recipe lacks %s:\n%s", want, steps)
		}
	}
	_, job := st.ByPath(t, "AWS::DataBrew::Job", stackName+"/Customers/Job")
	jp := testkit.Props(job)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", stackName+"/Prepared/Key/Resource")
	if jp["Type"] != "RECIPE" || jp["EncryptionMode"] != "SSE-KMS" || !strings.Contains(testkit.JSON(jp["EncryptionKeyArn"]), keyID) || jp["LogSubscription"] != "ENABLE" {
		t.Errorf("job = %s", testkit.JSON(jp))
	}
	out := testkit.JSON(jp["Outputs"])
	for _, want := range []string{`"Format":"PARQUET"`, `"CompressionFormat":"SNAPPY"`, `"PartitionColumns":["country"]`, `"Key":"customers/"`} {
		if !strings.Contains(out, want) {
			t.Errorf("outputs lack %s: %s", want, out)
		}
	}
	if !strings.Contains(testkit.JSON(job["DependsOn"]), "CustomersPublisher") {
		t.Errorf("the job must wait for the published recipe: %v", job["DependsOn"])
	}
	_, pub := st.ByPath(t, "Custom::AWS", stackName+"/Customers/Publisher/Resource/Default")
	create := testkit.JSON(testkit.Props(pub)["Create"])
	if !strings.Contains(create, `publishRecipe`) || !strings.Contains(create, `steps `) {
		t.Errorf("publisher = %s", create)
	}
	_, sched := st.ByPath(t, "AWS::DataBrew::Schedule", stackName+"/Customers/Schedule")
	if testkit.Props(sched)["CronExpression"] != "cron(0 4 * * ? *)" {
		t.Errorf("schedule = %s", testkit.JSON(sched))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", stackName+"/Customers/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `"s3:prefix":["customers/*"]`) || strings.Contains(doc, `"s3:*"`) {
		t.Errorf("role = %s", doc)
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
		databrew.New(stack, "Brew", &databrew.Props{
			InputFormat: "XML",
			Steps:       []databrew.Step{{Operation: "rename", Parameters: map[string]string{"source-column": "a"}}},
			Schedule:    jsii.String("rate(1 day)"), MaxCapacity: jsii.Number(200),
		})
	}, "databrew Bad/Brew: invalid props", "InputBucket/InputKey = missing", "OutputBucket = nil", "InputFormat = XML",
		"Steps[0].Operation = rename", "Steps[0].Parameters[source-column] = a", "Schedule = rate(1 day)", "MaxCapacity = 200")
}
