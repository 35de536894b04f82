package athena_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSparkDefaults(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	w := built.spark
	roleID, role := st.ByPath(t, "AWS::IAM::Role", defaultsStack+"/Notebooks/ExecutionRole/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", defaultsStack+"/Notebooks/Key/Resource")
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", defaultsStack+"/Notebooks/Results/Bucket/Resource")
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", defaultsStack+"/Notebooks/WorkGroup")
	got := testkit.JSON(testkit.Props(wg))
	for _, want := range []string{
		`"Name":"` + w.Name + `"`, `"RecursiveDeleteOption":false`,
		`"EngineVersion":{"SelectedEngineVersion":"PySpark engine version 3"}`,
		`"ExecutionRole":{"Fn::GetAtt":["` + roleID + `","Arn"]}`,
		`"CustomerContentEncryptionConfiguration":{"KmsKey":{"Fn::GetAtt":["` + keyID + `","Arn"]}}`,
		`"EncryptionConfiguration":{"EncryptionOption":"SSE_KMS","KmsKey":{"Fn::GetAtt":["` + keyID + `","Arn"]}}`,
		`"OutputLocation":{"Fn::Join":["",["s3://",{"Ref":"` + bucketID + `"},"/results/"]]}`,
		`"EnforceWorkGroupConfiguration":true`, `"PublishCloudWatchMetricsEnabled":true`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("spark workgroup lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "BytesScannedCutoffPerQuery") || strings.Contains(got, "EngineConfiguration") {
		t.Errorf("spark workgroup = %s", got)
	}
	if !strings.Contains(testkit.JSON(wg["DependsOn"]), roleID) {
		t.Errorf("the workgroup must wait for its role: %v", wg["DependsOn"])
	}
	if !strings.Contains(testkit.JSON(bucket), `"ExpirationInDays":30`) {
		t.Errorf("results bucket = %s", testkit.JSON(bucket))
	}
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	for _, want := range []string{`"Service":"athena.amazonaws.com"`, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`, `":workgroup/` + w.Name + `"`} {
		if !strings.Contains(trust, want) {
			t.Errorf("trust lacks %s: %s", want, trust)
		}
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", defaultsStack+"/Notebooks/ExecutionRole/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"athena:StartCalculationExecution"`, `"athena:TerminateSession"`, `":workgroup/` + w.Name + `"`,
		`":log-group:/aws-athena*"`, `"cloudwatch:namespace":"AmazonAthenaForApacheSpark"`, `"/results/*"`, `"kms:Decrypt"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("execution role lacks %s: %s", want, doc)
		}
	}
	if strings.Contains(doc, `"athena:*"`) || strings.Contains(doc, `"s3:*"`) {
		t.Errorf("execution role too broad: %s", doc)
	}
}

func TestSparkOptions(t *testing.T) {
	st := options().Stack(t, optionsStack)
	lake, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Lake/Bucket/Resource")
	lakeKey, _ := st.ByPath(t, "AWS::KMS::Key", optionsStack+"/Lake/Key/Resource")
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", optionsStack+"/Spark/WorkGroup")
	got := testkit.JSON(testkit.Props(wg))
	for _, want := range []string{`"Name":"spark-team-a"`, `"Description":"Team A notebooks"`, `"EngineConfiguration":{"MaxConcurrentDpus":40}`,
		`"OutputLocation":{"Fn::Join":["",["s3://",{"Ref":"` + lake + `"},"/spark/"]]}`, `"KmsKey":{"Fn::GetAtt":["` + lakeKey + `","Arn"]}`} {
		if !strings.Contains(got, want) {
			t.Errorf("spark workgroup lacks %s:\n%s", want, got)
		}
	}
	// Data grants go to the exposed role.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/Spark/ExecutionRole/DefaultPolicy/Resource")
	if doc := testkit.JSON(pol); !strings.Contains(doc, `"/curated/*"`) || !strings.Contains(doc, `"/spark/*"`) {
		t.Errorf("execution role = %s", doc)
	}
}

func TestSparkRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		athena.NewSpark(stack, "Spark", &athena.SparkProps{
			Name: jsii.String("spark/a"), ResultsPrefix: jsii.String("/x/"), MaxConcurrentDpus: jsii.Number(1),
			ResultsExpiration: awscdk.Duration_Days(jsii.Number(0.5)),
		})
	}, "athena.SparkWorkGroup Bad/Spark: invalid props", "Name = spark/a", "ResultsPrefix = /x/", "MaxConcurrentDpus = 1:", "ResultsExpiration = 12 hours")
}
