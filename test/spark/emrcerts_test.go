package spark_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcerts"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const emrcertsStack = "EmrCerts"

var emrcertsConfigs = testkit.Register("emrcerts", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(emrcertsStack), nil)
	bucket := securebucket.New(stack, "Work", nil)
	emrcerts.New(stack, "Defaults", &emrcerts.Props{Bucket: bucket.Bucket})
	emrcerts.New(stack, "Options", &emrcerts.Props{
		Bucket: bucket.Bucket, ObjectKey: "emr/tls.zip", DnsDomain: "*.corp.example",
		ValidityDays: 730, Rotation: "2026-12", Key: bucket.Key,
	})
})

// emrcertsResource returns the custom resource's properties under path.
func emrcertsResource(t *testing.T, st *testkit.Stack, path string) map[string]any {
	t.Helper()
	_, r := st.ByPath(t, "Custom::EmrCertificates", path)
	return r["Properties"].(map[string]any)
}

func TestEmrcertsDefaults(t *testing.T) {
	st := emrcertsConfigs().Stack(t, emrcertsStack)
	props := emrcertsResource(t, st, emrcertsStack+"/Defaults/Resource/Default")
	key, _ := props["Key"].(string)
	if !strings.HasPrefix(key, "emr-tls/") || !strings.Contains(key, "EmrCertsDefaults") || !strings.HasSuffix(key, ".zip") {
		t.Errorf("Key %q, want emr-tls/<unique id>.zip", key)
	}
	if props["ValidityDays"] != "365" || props["DnsDomain"] != nil || props["Rotation"] != nil {
		t.Errorf("properties %v", props)
	}
	_, r := st.ByPath(t, "Custom::EmrCertificates", emrcertsStack+"/Defaults/Resource/Default")
	if r["DeletionPolicy"] != "Delete" {
		t.Errorf("DeletionPolicy %v: the bundle is a secret and goes with the resource", r["DeletionPolicy"])
	}
	// The function: arm64 Go, its own encrypted log group.
	_, fn := st.ByPath(t, "AWS::Lambda::Function", emrcertsStack+"/Defaults/Function/Resource")
	fp := fn["Properties"].(map[string]any)
	if fp["Runtime"] != "provided.al2023" || fp["Architectures"].([]any)[0] != "arm64" || fp["MemorySize"] != 256.0 {
		t.Errorf("function %v", fp)
	}
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", emrcertsStack+"/Defaults/Logs/Resource")
	if lp := logs["Properties"].(map[string]any); lp["KmsKeyId"] == nil || lp["RetentionInDays"] != 365.0 {
		t.Errorf("log group %v", lp)
	}
}

// TestEmrcertsFunctionPolicyNamesTheOneObject: put and delete on the
// bundle's key only, version listing only with that key as prefix.
func TestEmrcertsFunctionPolicyNamesTheOneObject(t *testing.T) {
	st := emrcertsConfigs().Stack(t, emrcertsStack)
	_, pol := st.ByPath(t, "AWS::IAM::Policy", emrcertsStack+"/Options/Role/DefaultPolicy/Resource")
	doc, _ := json.Marshal(pol["Properties"].(map[string]any)["PolicyDocument"])
	s := string(doc)
	for _, want := range []string{`"s3:PutObject"`, `"s3:DeleteObjectVersion"`, `"s3:ListBucketVersions"`, `{"StringEquals":{"s3:prefix":"emr/tls.zip"}}`, `/emr/tls.zip"`} {
		if !strings.Contains(s, want) {
			t.Errorf("policy lacks %s: %s", want, s)
		}
	}
	for _, bad := range []string{`"s3:GetObject`, `*"`, `/*"`} {
		if strings.Contains(s, bad) {
			t.Errorf("policy has %s: %s", bad, s)
		}
	}
}

func TestEmrcertsOptions(t *testing.T) {
	st := emrcertsConfigs().Stack(t, emrcertsStack)
	props := emrcertsResource(t, st, emrcertsStack+"/Options/Resource/Default")
	if props["Key"] != "emr/tls.zip" || props["DnsDomain"] != "*.corp.example" || props["ValidityDays"] != "730" || props["Rotation"] != "2026-12" {
		t.Errorf("properties %v", props)
	}
	// The given key encrypts the logs: no key of the construct.
	for id := range st.Resources("AWS::KMS::Key") {
		if strings.HasPrefix(id, "OptionsKey") {
			t.Errorf("a key %s was created although Key was given", id)
		}
	}
}

func TestEmrcertsRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *emrcerts.Props
		wants []string
	}{
		{"no bucket", func(awscdk.Stack) *emrcerts.Props { return nil },
			[]string{"emrcerts Bad/Tls: invalid props", "Bucket = nil: the bucket that receives the bundle (required)"}},
		{"everything else", func(stack awscdk.Stack) *emrcerts.Props {
			return &emrcerts.Props{
				Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("bundles")), ObjectKey: "tls/",
				DnsDomain: "*.bad domain", ValidityDays: 4000, LogRetention: awslogs.RetentionDays_INFINITE,
			}
		}, []string{
			`ObjectKey = tls/: an S3 key ending in ".zip"`,
			`DnsDomain = *.bad domain: a DNS name or a wildcard of one`,
			"ValidityDays = 4000: a whole number of days from 1 to 3650",
			"LogRetention = INFINITE",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				emrcerts.New(stack, "Tls", c.props(stack))
			}, c.wants...)
		})
	}
}
