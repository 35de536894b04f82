package security_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func accesspointsContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

// accesspointsArn is the partition-aware ARN CloudFormation gets for an
// access point resource name.
func accesspointsArn(resource string) string {
	return `{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":accesspoint/` + resource + `"]]}`
}

var accesspointsNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$`)

func TestAccesspointsNotesExample(t *testing.T) {
	st := accesspointsConfigs().Stack(t, accesspointsStack)
	b := accesspointsBuilt
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", accesspointsStack+"/Lake/Bucket/Resource")
	julieID, _ := st.ByPath(t, "AWS::IAM::Role", accesspointsStack+"/Julie/Resource")
	_, ap := st.ByPath(t, "AWS::S3::AccessPoint", accesspointsStack+"/AccessPoints/Julie/Resource")
	props := testkit.Props(ap)
	name, _ := props["Name"].(string)
	if !accesspointsNameRE.MatchString(name) || !strings.HasSuffix(name, "-julie-"+name[len(name)-8:]) {
		t.Errorf("derived name %q", name)
	}
	julie := b.main.Point("Julie")
	if julie == nil || *julie.Name != name || julie.Access != "read-write" || julie.Prefix != "Julie/" {
		t.Fatalf("Point(Julie) = %+v", julie)
	}
	stack := awscdk.Stack_Of(b.lake.Bucket)
	if got := testkit.JSON(stack.Resolve(julie.Arn)); got != accesspointsArn(name) {
		t.Errorf("Arn = %s", got)
	}
	apID, _ := st.ByPath(t, "AWS::S3::AccessPoint", accesspointsStack+"/AccessPoints/Julie/Resource")
	if got := testkit.JSON(stack.Resolve(julie.Alias)); got != `{"Fn::GetAtt":["`+apID+`","Alias"]}` {
		t.Errorf("Alias = %s", got)
	}
	// GET/PUT on Julie/ only (the notes' grant), listing under Julie/,
	// VPC-only, every public access block on.
	want := `{"Bucket":{"Ref":"` + bucketID + `"},"Name":"` + name + `","Policy":{"Statement":[` +
		`{"Action":["s3:AbortMultipartUpload","s3:GetObject","s3:GetObjectVersion","s3:PutObject"],"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["` + julieID + `","Arn"]}},"Resource":` + accesspointsArn(name+"/object/Julie/*") + `,"Sid":"ObjectsUnderPrefix"},` +
		`{"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["Julie/*"]}},"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["` + julieID + `","Arn"]}},"Resource":` + accesspointsArn(name) + `,"Sid":"ListUnderPrefix"}],"Version":"2012-10-17"},` +
		`"PublicAccessBlockConfiguration":{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true},` +
		`"VpcConfiguration":{"VpcId":"` + accesspointsVpcID + `"}}`
	if got := testkit.JSON(props); got != want {
		t.Errorf("Julie's access point:\n got %s\nwant %s", got, want)
	}

	// The curated access point: its given name, read only, internet origin.
	_, curated := st.ByPath(t, "AWS::S3::AccessPoint", accesspointsStack+"/AccessPoints/Curated/Resource")
	c := testkit.JSON(testkit.Props(curated))
	accesspointsContains(t, "curated access point", c, `"Name":"analytics-curated"`, `"Action":["s3:GetObject","s3:GetObjectVersion"]`, accesspointsArn("analytics-curated/object/curated/*"))
	if strings.Contains(c, "VpcConfiguration") || strings.Contains(c, "s3:PutObject") {
		t.Errorf("curated access point: %s", c)
	}
}

func TestAccesspointsDelegation(t *testing.T) {
	st := accesspointsConfigs().Stack(t, accesspointsStack)
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", accesspointsStack+"/Lake/Bucket/Resource")
	_, policy := st.ByPath(t, "AWS::S3::BucketPolicy", accesspointsStack+"/Lake/Bucket/Policy/Resource")
	resources := `"Resource":[{"Fn::GetAtt":["` + bucketID + `","Arn"]},{"Fn::Join":["",[{"Fn::GetAtt":["` + bucketID + `","Arn"]},"/*"]]}]`
	cond := `"Condition":{"StringEquals":{"s3:DataAccessPointAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"AWS":"*"},`
	// One statement per construct (distinct Sids), each with only the
	// actions its access points grant; the bucket's own denies stay.
	accesspointsContains(t, "bucket policy", testkit.JSON(policy),
		`{"Action":["s3:AbortMultipartUpload","s3:GetObject","s3:GetObjectVersion","s3:ListBucket","s3:PutObject"],`+cond+resources+`,"Sid":"DelegateToAccessPoints`,
		`{"Action":["s3:GetObject","s3:GetObjectVersion","s3:ListBucket"],`+cond+resources+`,"Sid":"DelegateToAccessPoints`,
		`"Sid":"DenyOtherEncryption"`, `"aws:SecureTransport":"false"`)
	if got := strings.Count(testkit.JSON(policy), `"s3:DataAccessPointAccount"`); got != 2 {
		t.Errorf("%d delegation statements, want 2", got)
	}
	sid1 := *accesspointsBuilt.main.Delegation.Sid()
	sid2 := *accesspointsBuilt.second.Delegation.Sid()
	if sid1 == sid2 || !regexp.MustCompile(`^[A-Za-z0-9]+$`).MatchString(sid1+sid2) {
		t.Errorf("Sids %q and %q", sid1, sid2)
	}
}

func TestAccesspointsTwoInstancesInOneStack(t *testing.T) {
	st := accesspointsConfigs().Stack(t, accesspointsStack)
	names := map[string]bool{}
	for id, ap := range st.Resources("AWS::S3::AccessPoint") {
		n := testkit.Props(ap)["Name"].(string)
		if names[n] || !accesspointsNameRE.MatchString(n) {
			t.Errorf("%s: name %q repeated or invalid", id, n)
		}
		names[n] = true
	}
	if len(names) != 3 {
		t.Errorf("names %v", names)
	}
	if *accesspointsBuilt.main.Point("Julie").Name == *accesspointsBuilt.second.Point("Julie").Name {
		t.Errorf("the same ID in two constructs gave the same name")
	}
}

func TestAccesspointsKeyGrants(t *testing.T) {
	st := accesspointsConfigs().Stack(t, accesspointsStack)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", accesspointsStack+"/Lake/Key/Resource")
	_, julie := st.ByPath(t, "AWS::IAM::Policy", accesspointsStack+"/Julie/DefaultPolicy/Resource")
	_, analytics := st.ByPath(t, "AWS::IAM::Policy", accesspointsStack+"/Analytics/DefaultPolicy/Resource")
	// Read-write: decrypt and generate data keys; read: decrypt only. No
	// S3 statement on the identity side: the access-point policies allow
	// these principals of the same account.
	if got := testkit.JSON(testkit.Props(julie)["PolicyDocument"]); got != `{"Statement":[{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]}}],"Version":"2012-10-17"}` {
		t.Errorf("Julie's policy = %s", got)
	}
	if got := testkit.JSON(testkit.Props(analytics)["PolicyDocument"]); got != `{"Statement":[{"Action":"kms:Decrypt","Effect":"Allow","Resource":{"Fn::GetAtt":["`+keyID+`","Arn"]}}],"Version":"2012-10-17"}` {
		t.Errorf("analytics policy = %s", got)
	}
}

func TestAccesspointsImportedBucket(t *testing.T) {
	st := accesspointsConfigs().Stack(t, accesspointsImportedStack)
	st.Count(t, "AWS::S3::BucketPolicy", 0)
	if accesspointsBuilt.imported.Delegation != nil {
		t.Errorf("a delegation statement for a bucket managed elsewhere")
	}
	_, ap := st.ByPath(t, "AWS::S3::AccessPoint", accesspointsImportedStack+"/AccessPoints/Reports/Resource")
	accesspointsContains(t, "access point", testkit.JSON(testkit.Props(ap)), `"Bucket":"`+accesspointsImportedName+`"`, `/object/reports/2026/*"]]}`)
	_, policy := st.ByPath(t, "AWS::IAM::Policy", accesspointsImportedStack+"/Reader/DefaultPolicy/Resource")
	accesspointsContains(t, "reader policy", testkit.JSON(policy), `{"Action":"kms:Decrypt","Effect":"Allow","Resource":"`+accesspointsImportedKey+`"}`)
	// DelegationStatement is what the bucket's owner adds to its policy.
	b := accesspointsBuilt.imported.Bucket
	stmt := accesspoints.DelegationStatement(b, []string{"s3:PutObject", "s3:GetObject", "s3:GetObject"})
	doc := awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &[]awsiam.PolicyStatement{stmt}})
	got := testkit.JSON(awscdk.Stack_Of(b).Resolve(doc))
	if want := `{"Statement":[{"Action":["s3:GetObject","s3:PutObject"],"Condition":{"StringEquals":{"s3:DataAccessPointAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"AWS":"*"},"Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":s3:::` + accesspointsImportedName + `/*"]]},"Sid":"DelegateToAccessPointsOfThisAccount"}],"Version":"2012-10-17"}`; got != want {
		t.Errorf("DelegationStatement:\n got %s\nwant %s", got, want)
	}
}
