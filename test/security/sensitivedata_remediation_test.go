package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	sensitivedataRemediateStack     = "SensitiveDataRemediate"
	sensitivedataRemediateOnlyStack = "SensitiveDataRemediateOnly"
)

// Two configurations: the gate plus public-bucket remediation with an
// excluded website bucket, and remediation alone (no watched bucket), twice
// in one stack (no fixed names).
var sensitivedataRemediationConfigs = testkit.Register("sensitivedata-remediation", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(sensitivedataRemediateStack), nil)
	lake := awss3.Bucket_FromBucketName(s1, jsii.String("Lake"), jsii.String("example-lake"))
	sensitivedata.New(s1, "Macie", &sensitivedata.Props{
		Watched:                []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"staging/"}, GatePrefixes: []string{"staging/"}}},
		NoJob:                  jsii.Bool(true),
		RemediatePublicBuckets: jsii.Bool(true),
		PublicBucketExclusions: []string{"example-site", "www.example.com"},
	})
	s2 := awscdk.NewStack(app, jsii.String(sensitivedataRemediateOnlyStack), nil)
	sensitivedata.New(s2, "Macie", &sensitivedata.Props{ExistingSession: jsii.Bool(true), RemediatePublicBuckets: jsii.Bool(true)})
	sensitivedata.New(s2, "Macie2", &sensitivedata.Props{ExistingSession: jsii.Bool(true), RemediatePublicBuckets: jsii.Bool(true)})
})

func TestSensitivedataRemediatePublicBuckets(t *testing.T) {
	st := sensitivedataRemediationConfigs().Stack(t, sensitivedataRemediateStack)
	rules := st.Resources("AWS::Events::Rule")
	if len(rules) != 2 {
		t.Fatalf("%d rules, want the gate's and the public-bucket rule", len(rules))
	}
	var public map[string]any
	for _, r := range rules {
		if strings.Contains(testkit.JSON(r), "Policy:IAMUser") {
			public = testkit.Props(r)
		}
	}
	if got := testkit.JSON(public["EventPattern"]); got != `{"detail":{"type":["Policy:IAMUser/S3BucketPublic","Policy:IAMUser/S3BlockPublicAccessDisabled"]},"detail-type":["Macie Finding"],"source":["aws.macie"]}` {
		t.Errorf("public-bucket pattern = %s", got)
	}
	targets := testkit.JSON(public["Targets"])
	if !strings.Contains(targets, "DeadLetterConfig") || !strings.Contains(targets, `"MaximumRetryAttempts":10`) {
		t.Errorf("targets = %s", targets)
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", sensitivedataRemediateStack+"/Macie/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	if !strings.Contains(env, `"REMEDIATE":"true"`) || !strings.Contains(env, `"EXCLUDED":"example-site,www.example.com"`) {
		t.Errorf("environment = %s", env)
	}
	pol := ""
	for _, p := range st.Resources("AWS::IAM::Policy") {
		if s := testkit.JSON(p); strings.Contains(s, "PutBucketPublicAccessBlock") {
			pol = s
		}
	}
	for _, s := range []string{`"Action":["s3:GetBucketPublicAccessBlock","s3:PutBucketPublicAccessBlock"],"Condition":{"StringEquals":{"aws:ResourceAccount":{"Ref":"AWS::AccountId"}}}`,
		`":s3:::*"]]}`, `"Sid":"NeverBlockExcludedBuckets"`, `"Effect":"Deny"`, `":s3:::example-site"`, `":s3:::www.example.com"`} {
		if !strings.Contains(pol, s) {
			t.Errorf("policy lacks %s: %s", s, pol)
		}
	}
}

func TestSensitivedataRemediationOnly(t *testing.T) {
	st := sensitivedataRemediationConfigs().Stack(t, sensitivedataRemediateOnlyStack)
	st.Count(t, "AWS::Events::Rule", 2)
	st.Count(t, "AWS::Lambda::Function", 2)
	st.Count(t, "AWS::S3::Bucket", 0) // no quarantine without a gate
	st.Count(t, "Custom::AWS", 0)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", sensitivedataRemediateOnlyStack+"/Macie/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	if !strings.Contains(env, `"REMEDIATE":"true"`) || !strings.Contains(env, `"WATCHED":""`) || strings.Contains(env, `"QUARANTINE":`) {
		t.Errorf("environment = %s", env)
	}
	for _, r := range st.Resources("AWS::Events::Rule") {
		if s := testkit.JSON(testkit.Props(r)["EventPattern"]); strings.Contains(s, "SensitiveData") {
			t.Errorf("remediation only has a sensitive-data rule: %s", s)
		}
	}
	for _, p := range st.Resources("AWS::IAM::Policy") {
		if s := testkit.JSON(p); strings.Contains(s, "s3:GetObject") || strings.Contains(s, "s3:DeleteObject") {
			t.Errorf("remediation only needs no object access: %s", s)
		}
	}
}

func TestSensitivedataRemediationRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props *sensitivedata.Props
		wants []string
	}{
		{"exclusions without remediation", &sensitivedata.Props{PublicBucketExclusions: []string{"example-site"}},
			[]string{"sensitivedata Bad/Macie: invalid props", "PublicBucketExclusions = example-site: only with RemediatePublicBuckets: true"}},
		{"invalid bucket names", &sensitivedata.Props{RemediatePublicBuckets: jsii.Bool(true), PublicBucketExclusions: []string{"Example_Site", "ab", "a..b", "-site"}},
			[]string{"PublicBucketExclusions = Example_Site: an S3 bucket name", "PublicBucketExclusions = ab: an S3 bucket name",
				"PublicBucketExclusions = a..b: an S3 bucket name", "PublicBucketExclusions = -site: an S3 bucket name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				sensitivedata.New(stack, "Macie", c.props)
			}, c.wants...)
		})
	}
}
