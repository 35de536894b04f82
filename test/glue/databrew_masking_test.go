package glue_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// databrewMaskingSteps uses every PII helper of ETL-10 once.
func databrewMaskingSteps(secret awssecretsmanager.ISecret, key awskms.IKey) []databrew.Step {
	return []databrew.Step{
		databrew.ReplaceWithRandomBetween(18, 99.5, "age"),
		databrew.ReplaceWithRandomDateBetween(time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2005, 12, 31, 23, 59, 59, 0, time.UTC), "birthday"),
		databrew.ShuffleRows([]string{"country"}, "salary", "zip"),
		databrew.DeterministicEncrypt(secret, "customer_id"),
		databrew.DeterministicDecrypt(secret, "customer_id"),
		databrew.Encrypt(key, "notes").OnlyEntities("USA_ALL", "EMAIL"),
		databrew.Decrypt(key, "notes"),
		databrew.MaskDate("#", []databrew.DatePart{databrew.Day, databrew.Month}, "birthday"),
		databrew.MaskDelimiter("*", "@", "", "email"),
		databrew.MaskRange("#", 0, -4, "card"),
		databrew.MaskCustom("X", "secret", false, "comment"),
		databrew.DeleteColumn("ssn"),
	}
}

// TestDatabrewMaskingSteps: each helper writes the DataBrew operation and
// parameter names of the recipe action reference, lists as JSON arrays.
func TestDatabrewMaskingSteps(t *testing.T) {
	st := databrewConfigs().Stack(t, databrewStackName)
	_, recipe := st.ByPath(t, "AWS::DataBrew::Recipe", databrewStackName+"/Customers/Recipe")
	steps := testkit.JSON(testkit.Props(recipe)["Steps"])
	secretID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", databrewStackName+"/HashKey/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", databrewStackName+"/Prepared/Key/Resource")
	secretRef := `{"Ref":"` + secretID + `"}`
	keyArn := `{"Fn::GetAtt":["` + keyID + `","Arn"]}`
	for _, want := range []string{
		`{"Operation":"REPLACE_WITH_RANDOM_BETWEEN","Parameters":{"lowerBound":"18","sourceColumns":"[\"age\"]","upperBound":"99.5"}}`,
		`{"Operation":"REPLACE_WITH_RANDOM_DATE_BETWEEN","Parameters":{"endDate":"2005-12-31 23:59:59","sourceColumns":"[\"birthday\"]","startDate":"1950-01-01 00:00:00"}}`,
		`{"Operation":"SHUFFLE_ROWS","Parameters":{"groupByColumns":"[\"country\"]","sourceColumns":"[\"salary\",\"zip\"]"}}`,
		`{"Operation":"DETERMINISTIC_ENCRYPT","Parameters":{"secretId":` + secretRef + `,"sourceColumns":"[\"customer_id\"]"}}`,
		`{"Operation":"DETERMINISTIC_DECRYPT","Parameters":{"secretId":` + secretRef + `,"sourceColumns":"[\"customer_id\"]"}}`,
		`{"Operation":"ENCRYPT","Parameters":{"entityTypeFilter":"[\"USA_ALL\",\"EMAIL\"]","kmsKeyArn":` + keyArn + `,"sourceColumns":"[\"notes\"]"}}`,
		`{"Operation":"DECRYPT","Parameters":{"kmsKeyArn":` + keyArn + `,"sourceColumns":"[\"notes\"]"}}`,
		`{"Operation":"MASK_DATE","Parameters":{"maskSymbol":"#","redact":"[\"DAY\",\"MONTH\"]","sourceColumns":"[\"birthday\"]"}}`,
		`{"Operation":"MASK_DELIMITER","Parameters":{"maskSymbol":"*","preserveDelimiters":"true","sourceColumns":"[\"email\"]","startDelimiter":"@"}}`,
		`{"Operation":"MASK_RANGE","Parameters":{"maskSymbol":"#","sourceColumns":"[\"card\"]","start":"0","stop":"-4"}}`,
		`{"Operation":"MASK_CUSTOM","Parameters":{"customValue":"secret","maskSymbol":"X","regex":"false","sourceColumns":"[\"comment\"]"}}`,
		`{"Operation":"DELETE","Parameters":{"sourceColumn":"ssn"}}`,
	} {
		if !strings.Contains(steps, want) {
			t.Errorf("recipe lacks %s", want)
		}
	}
	// ENCRYPT's key use and DECRYPT's are granted to the role (the output
	// key is the same key here, so the grant adds kms:Decrypt/GenerateDataKey).
	_, pol := st.ByPath(t, "AWS::IAM::Policy", databrewStackName+"/Customers/Role/DefaultPolicy/Resource")
	if doc := testkit.JSON(pol); !strings.Contains(doc, `"kms:Encrypt"`) || !strings.Contains(doc, `"kms:Decrypt"`) {
		t.Errorf("the role cannot use the steps' key: %s", doc)
	}
}

// TestDatabrewMaskingStepsPublishOnce: the publisher's physical id hashes the
// steps as CloudFormation sees them, so two syntheses of the same steps with a
// secret agree (a token string would differ between apps).
func TestDatabrewMaskingStepsPublishOnce(t *testing.T) {
	hash := func() string {
		var out string
		err := testkit.Catch(func() {
			app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(t.TempDir())})
			stack := awscdk.NewStack(app, jsii.String("S"), nil)
			// Another construct first: token numbers shift, references do not.
			awssecretsmanager.NewSecret(stack, jsii.String("Other"), nil)
			secret := awssecretsmanager.NewSecret(stack, jsii.String("Key"), nil)
			b := awss3.NewBucket(stack, jsii.String("B"), nil)
			r := databrew.New(stack, "R", &databrew.Props{InputBucket: b, InputKey: "in/", OutputBucket: b, OutputPrefix: "out/",
				Steps: []databrew.Step{databrew.HashPII(secret, "email")}})
			_ = r
			for _, res := range *assertions.Template_FromStack(stack, nil).FindResources(jsii.String("Custom::AWS"), nil) {
				out = testkit.JSON((*res)["Properties"].(map[string]any)["Create"])
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if a, b := hash(), hash(); a != b || !strings.Contains(a, "steps ") {
		t.Errorf("publisher ids differ between two syntheses: %s, %s", a, b)
	}
}

// TestDatabrewRejectedStepParameters: the parameters of the PII operations
// are checked, whether a helper or a hand-written Step set them.
func TestDatabrewRejectedStepParameters(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		b := awss3.NewBucket(stack, jsii.String("B"), nil)
		key := awskms.NewKey(stack, jsii.String("K"), nil)
		databrew.New(stack, "Brew", &databrew.Props{
			InputBucket: b, InputKey: "in/", OutputBucket: b, OutputPrefix: "out/",
			Steps: []databrew.Step{
				databrew.ReplaceWithRandomBetween(100, 1, "age"),
				databrew.ReplaceWithRandomDateBetween(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), "d"),
				databrew.ShuffleRows([]string{"salary"}, "salary"),
				databrew.MaskDate("##", nil, "birthday"),
				databrew.MaskRange("#", 5, 2, "card"),
				databrew.MaskPII("#"),
				databrew.Encrypt(key, "notes").OnlyEntities("SOCIAL_SECURITY"),
				{Operation: "DETERMINISTIC_ENCRYPT", Parameters: map[string]string{"sourceColumns": `["a"]`, "secretId": "databrew!default", "createSecretIfMissing": "true"}},
				{Operation: "CRYPTOGRAPHIC_HASH", Parameters: map[string]string{"sourceColumns": `["a"]`}},
				{Operation: "CRYPTOGRAPHIC_HASH", Parameters: map[string]string{"sourceColumns": `["a"]`, "algorithm": "SHA256"}},
				{Operation: "ENCRYPT", Parameters: map[string]string{"sourceColumns": `["a","a"]`, "kmsKeyArn": "alias/pii"}},
				{Operation: "REPLACE_WITH_RANDOM_BETWEEN", Parameters: map[string]string{"sourceColumns": "age", "lowerBound": "one"}},
				{Operation: "MASK_DELIMITER", Parameters: map[string]string{"sourceColumns": `["e"]`, "maskSymbol": "#", "startDelimiter": "<<", "alphabet": `["DIGITS"]`}},
				{Operation: "REPLACE_WITH_RANDOM_DATE_BETWEEN", Parameters: map[string]string{"sourceColumns": `["d"]`, "startDate": "2020-01-01", "endDate": "2021-01-01 00:00:00"}},
				{Operation: "MASK_DATE", Parameters: map[string]string{"sourceColumns": `["d"]`, "maskSymbol": "#", "redact": `["WEEK"]`, "locale": "english"}},
				{Operation: "DELETE", Parameters: map[string]string{"sourceColumns": `["ssn"]`}},
			},
		})
	}, "databrew Bad/Brew: invalid props",
		"Steps[0].Parameters[lowerBound, upperBound] = 100, 1",
		"Steps[1].Parameters[startDate, endDate] = 2020-01-01 00:00:00, 2019-01-01 00:00:00",
		`Steps[2].Parameters[groupByColumns] = ["salary"]`,
		"Steps[3].Parameters[maskSymbol] = ##: exactly one character",
		"Steps[3].Parameters[redact] = []",
		"Steps[4].Parameters[start, stop] = 5, 2",
		"Steps[5].Parameters[sourceColumns] = []",
		`Steps[6].Parameters[entityTypeFilter] = ["SOCIAL_SECURITY"]`,
		"Steps[7].Parameters[secretId] = databrew!default",
		"Steps[7].Parameters[createSecretIfMissing] = true",
		"Steps[8].Parameters[secretId] = missing",
		"Steps[9].Parameters[algorithm] = SHA256",
		`Steps[10].Parameters[sourceColumns] = ["a","a"]`,
		"Steps[10].Parameters[kmsKeyArn] = alias/pii",
		"Steps[11].Parameters[sourceColumns] = age",
		"Steps[11].Parameters[lowerBound] = one: a number",
		"Steps[11].Parameters[upperBound] = missing",
		"Steps[12].Parameters[startDelimiter] = <<",
		`Steps[12].Parameters[alphabet] = ["DIGITS"]`,
		"Steps[13].Parameters[startDate] = 2020-01-01",
		`Steps[14].Parameters[redact] = ["WEEK"]`,
		"Steps[14].Parameters[locale] = english",
		"Steps[15].Parameters[sourceColumn] = missing",
		`Steps[15].Parameters[sourceColumns] = ["ssn"]: a parameter of DELETE: sourceColumn`,
	)
}
