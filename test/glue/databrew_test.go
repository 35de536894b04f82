package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const databrewStackName = "BrewStack"

var databrewEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// databrewBuilt are the constructs of the configuration, by name.
var databrewBuilt struct {
	customers *databrew.RecipeJob
	profile   *databrew.ProfileJob
	minimal   *databrew.ProfileJob
	secret    awssecretsmanager.ISecret
	piiKey    awskms.IKey
}

var databrewConfigs = testkit.Register("databrew", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(databrewStackName), &awscdk.StackProps{Env: databrewEnv})
	raw := securebucket.New(stack, "Raw", nil)
	prepared := securebucket.New(stack, "Prepared", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b := &databrewBuilt
	b.secret = awssecretsmanager.NewSecret(stack, jsii.String("HashKey"), &awssecretsmanager.SecretProps{EncryptionKey: prepared.Key})
	cdknag.NagSuppressions_AddResourceSuppressions(b.secret, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-SMG4"), Reason: jsii.String("A test secret keying HMACs and deterministic encryption: rotating it would change every pseudonym."),
	}}, nil)
	testkit.AcceptNag(b.secret, "SecretsManagerRotationEnabled", "A secret keying HMACs and deterministic encryption, standing in for the user's: rotating it would change every pseudonym.")
	b.piiKey = prepared.Key
	b.customers = databrew.New(stack, "Customers", &databrew.Props{
		InputBucket: raw.Bucket, InputKey: "customers/",
		OutputBucket: prepared.Bucket, OutputPrefix: "customers/",
		EncryptionKey:    prepared.Key,
		PartitionColumns: []string{"country"},
		Steps: append(append(databrew.NotesRecipe(), databrew.Rename("dob", "date_of_birth"), databrew.HashPII(b.secret, "email"), databrew.Step{
			Operation: "REMOVE_VALUES", Parameters: map[string]string{"sourceColumn": "email"},
			Conditions: []databrew.Condition{{Condition: "IS_INVALID", TargetColumn: "email", Value: `["EMAIL"]`}},
		}), databrewMaskingSteps(b.secret, b.piiKey)...),
		Schedule: jsii.String("cron(0 4 * * ? *)"),
	})
	b.profile = databrew.NewProfileJob(stack, "CustomerProfile", &databrew.ProfileProps{
		InputBucket: raw.Bucket, InputKey: "customers/",
		OutputBucket: prepared.Bucket, OutputPrefix: "profiles/customers/",
		EncryptionKey: prepared.Key,
		Rules: append(databrew.NotesRules(), databrew.OneOf("country", []string{"DE", "FR"}, 90),
			databrew.LengthBetween("zip", 4, 5, 100),
			databrew.Rule{Name: "ages in range", Check: "IS_BETWEEN :lo and :hi", Values: map[string]string{":lo": "0", ":hi": "120"},
				Columns: []databrew.Column{{Regex: "^age_.*"}}, Threshold: &databrew.Threshold{Value: 10, Type: databrew.AtMost, Unit: databrew.Count}, Disabled: true}),
		EntityTypes: []string{"USA_SSN", "EMAIL", "PHONE_NUMBER"},
		Schedule:    jsii.String("cron(0 3 * * ? *)"),
	})
	b.minimal = databrew.NewProfileJob(stack, "Sampled", &databrew.ProfileProps{
		InputBucket: raw.Bucket, InputKey: "orders/", InputFormat: "JSON",
		OutputBucket: prepared.Bucket, OutputPrefix: "profiles/orders/",
		SampleRows: jsii.Number(5000), CreateAlarms: jsii.Bool(false),
	})
})

func TestDatabrewRecipeJob(t *testing.T) {
	st := databrewConfigs().Stack(t, databrewStackName)
	_, recipe := st.ByPath(t, "AWS::DataBrew::Recipe", databrewStackName+"/Customers/Recipe")
	steps := testkit.JSON(testkit.Props(recipe)["Steps"])
	for _, want := range []string{
		`{"Action":{"Operation":"TRIM","Parameters":{"sourceColumn":"email"}}}`,
		`{"Action":{"Operation":"REMOVE_DUPLICATES","Parameters":{"sourceColumn":"customer_id"}}}`,
		`"Operation":"MASK_CUSTOM","Parameters":{"customValue":".","maskSymbol":"#","regex":"true","sourceColumns":"[\"phone\"]"}`,
		`"ConditionExpressions":[{"Condition":"IS_INVALID","TargetColumn":"email","Value":"[\"EMAIL\"]"}]`,
		`{"Action":{"Operation":"RENAME","Parameters":{"sourceColumn":"dob","targetColumn":"date_of_birth"}}}`,
		`{"Action":{"Operation":"CRYPTOGRAPHIC_HASH","Parameters":{"algorithm":"HMAC_SHA256","secretId":{"Ref":"HashKey`,
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("recipe lacks %s:\n%s", want, steps)
		}
	}
	_, job := st.ByPath(t, "AWS::DataBrew::Job", databrewStackName+"/Customers/Job")
	jp := testkit.Props(job)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", databrewStackName+"/Prepared/Key/Resource")
	if jp["Type"] != "RECIPE" || jp["EncryptionMode"] != "SSE-KMS" || !strings.Contains(testkit.JSON(jp["EncryptionKeyArn"]), keyID) || jp["LogSubscription"] != "ENABLE" {
		t.Errorf("job = %s", testkit.JSON(jp))
	}
	out := testkit.JSON(jp["Outputs"])
	for _, want := range []string{`"Format":"PARQUET"`, `"CompressionFormat":"SNAPPY"`, `"PartitionColumns":["country"]`, `"Key":"customers/"`, `"Overwrite":true`} {
		if !strings.Contains(out, want) {
			t.Errorf("outputs lack %s: %s", want, out)
		}
	}
	if !strings.Contains(testkit.JSON(job["DependsOn"]), "CustomersPublisher") {
		t.Errorf("the job must wait for the published recipe: %v", job["DependsOn"])
	}
	_, pub := st.ByPath(t, "Custom::AWS", databrewStackName+"/Customers/Publisher/Resource/Default")
	create := testkit.JSON(testkit.Props(pub)["Create"])
	if !strings.Contains(create, `publishRecipe`) || !strings.Contains(create, `steps `) {
		t.Errorf("publisher = %s", create)
	}
	_, sched := st.ByPath(t, "AWS::DataBrew::Schedule", databrewStackName+"/Customers/Schedule")
	if testkit.Props(sched)["CronExpression"] != "cron(0 4 * * ? *)" {
		t.Errorf("schedule = %s", testkit.JSON(sched))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", databrewStackName+"/Customers/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `"s3:prefix":["customers/*"]`) || strings.Contains(doc, `"s3:*"`) {
		t.Errorf("role = %s", doc)
	}
	// The steps' secret and key are granted, exactly.
	secretID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", databrewStackName+"/HashKey/Resource")
	if !strings.Contains(doc, `"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":{"Ref":"`+secretID+`"}`) {
		t.Errorf("the role cannot read the steps' secret: %s", doc)
	}
}

func TestDatabrewRejectedProps(t *testing.T) {
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
