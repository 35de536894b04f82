package security_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func fieldencryptionContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

// fieldencryptionDist returns the DistributionConfig of the distribution
// at path.
func fieldencryptionDist(t *testing.T, st *testkit.Stack, path string) map[string]any {
	t.Helper()
	_, d := st.ByPath(t, "AWS::CloudFront::Distribution", path+"Distribution/Resource")
	cfg, _ := testkit.Props(d)["DistributionConfig"].(map[string]any)
	return cfg
}

func TestFieldencryptionDefaults(t *testing.T) {
	st := fieldencryptionConfigs().Stack(t, fieldencryptionDefaultsStack)
	path := fieldencryptionDefaultsStack + "/Ingest/"

	// The public key is the PEM given.
	keyID, key := st.ByPath(t, "AWS::CloudFront::PublicKey", path+fieldencryptionKeyID(fieldencryptionKey)+"/Resource")
	cfg, _ := testkit.Props(key)["PublicKeyConfig"].(map[string]any)
	if got, _ := cfg["EncodedKey"].(string); got != strings.TrimSpace(fieldencryptionKey) {
		t.Errorf("EncodedKey %q, want the PEM given", got)
	}

	// The custom resource declares the profile and configuration.
	crID, cr := st.ByPath(t, "Custom::FieldLevelEncryption", path+"Encryption/Default")
	p := testkit.Props(cr)
	if testkit.JSON(p["PublicKeyId"]) != `{"Ref":"`+keyID+`"}` || p["ProviderId"] != "Ingest" ||
		p["FieldPatterns"] != `["card_number","ssn*"]` || p["ForwardUnknownContentType"] != "false" {
		t.Errorf("custom resource properties %s", testkit.JSON(p))
	}
	if prefix, _ := p["NamePrefix"].(string); !strings.Contains(prefix, fieldencryptionDefaultsStack+"Ingest") {
		t.Errorf("NamePrefix %q", prefix)
	}
	if cr["DeletionPolicy"] != "Delete" {
		t.Errorf("custom resource DeletionPolicy %v: the settings go with the stack", cr["DeletionPolicy"])
	}

	// Distribution: POST only on the ingest path, with FLE, HTTPS only; the
	// default behaviour GET/HEAD without FLE.
	d := fieldencryptionDist(t, st, path)
	behaviors, _ := d["CacheBehaviors"].([]any)
	if len(behaviors) != 1 {
		t.Fatalf("cache behaviours %s", testkit.JSON(d["CacheBehaviors"]))
	}
	fieldencryptionContains(t, "ingest behaviour", testkit.JSON(behaviors[0]),
		`"AllowedMethods":["GET","HEAD","OPTIONS","PUT","PATCH","POST","DELETE"]`,
		`"FieldLevelEncryptionId":{"Fn::GetAtt":["`+crID+`","ConfigId"]}`,
		`"PathPattern":"/ingest/*"`, `"ViewerProtocolPolicy":"https-only"`)
	def := testkit.JSON(d["DefaultCacheBehavior"])
	fieldencryptionContains(t, "default behaviour", def, `"AllowedMethods":["GET","HEAD"]`, `"ViewerProtocolPolicy":"https-only"`)
	if strings.Contains(def, "FieldLevelEncryptionId") {
		t.Errorf("default behaviour %s", def)
	}
	fieldencryptionContains(t, "distribution", testkit.JSON(d),
		`"ViewerCertificate":{"AcmCertificateArn":"`+fieldencryptionCertArn+`","MinimumProtocolVersion":"TLSv1.2_2021","SslSupportMethod":"sni-only"}`,
		`"Aliases":["forms.example.com"]`,
		`"CustomOriginConfig":{"OriginProtocolPolicy":"https-only","OriginSSLProtocols":["TLSv1.2"]}`,
		`"DomainName":"ingest.internal.example.com"`, `"DefaultRootObject":"index.html"`)
	if _, ok := d["WebACLId"]; ok {
		t.Error("a web ACL without WebAclArn")
	}

	// Access logs into the created bucket: ACLs enabled for CloudFront's
	// log delivery, SSE-KMS with the construct's key, which lets the log
	// delivery service generate data keys.
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", path+"AccessLogs/Bucket/Resource")
	fieldencryptionContains(t, "logging", testkit.JSON(d["Logging"]), `"Bucket":{"Fn::GetAtt":["`+bucketID+`","RegionalDomainName"]}`, `"Prefix":"cloudfront/"`)
	b := testkit.JSON(bucket)
	fieldencryptionContains(t, "log bucket", b, `"ObjectOwnership":"BucketOwnerPreferred"`, `"SSEAlgorithm":"aws:kms"`, `"ExpirationInDays":365`, `"DeletionPolicy":"Retain"`)
	_, key2 := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	fieldencryptionContains(t, "key policy", testkit.JSON(key2),
		`{"Action":"kms:GenerateDataKey*","Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"delivery.logs.amazonaws.com"},"Resource":"*","Sid":"AllowCloudFrontLogDelivery"}`,
		`"EnableKeyRotation":true`)

	// The second instance has its own everything.
	st.Count(t, "AWS::CloudFront::Distribution", 2)
	st.Count(t, "AWS::CloudFront::PublicKey", 2)
	st.Count(t, "Custom::FieldLevelEncryption", 2)
	if *fieldencryptionBuilt.second.PublicKey.PublicKeyId() == *fieldencryptionBuilt.defaults.PublicKey.PublicKeyId() {
		t.Error("both instances share a public key")
	}
}

// The function's role may make exactly the six calls; the request's
// properties are those the function parses (functions/fieldencryption).
func TestFieldencryptionFunctionCalls(t *testing.T) {
	st := fieldencryptionConfigs().Stack(t, fieldencryptionDefaultsStack)
	path := fieldencryptionDefaultsStack + "/Ingest/"
	_, policy := st.ByPath(t, "AWS::IAM::Policy", path+"Role/DefaultPolicy/Resource")
	doc, _ := testkit.Props(policy)["PolicyDocument"].(map[string]any)
	var cloudfront []string
	for _, s := range doc["Statement"].([]any) {
		m := s.(map[string]any)
		acts := m["Action"]
		var list []string
		switch a := acts.(type) {
		case string:
			list = []string{a}
		case []any:
			for _, x := range a {
				list = append(list, x.(string))
			}
		}
		for _, a := range list {
			if strings.HasPrefix(a, "cloudfront:") {
				cloudfront = append(cloudfront, a)
				if m["Resource"] != "*" {
					t.Errorf("statement %s", testkit.JSON(m))
				}
			}
		}
	}
	want := slices.Clone(fieldencryption.Actions)
	slices.Sort(want)
	slices.Sort(cloudfront)
	if !slices.Equal(cloudfront, want) {
		t.Errorf("cloudfront actions %q, want %q", cloudfront, want)
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Function/Resource")
	fieldencryptionContains(t, "function", testkit.JSON(fn), `"Runtime":"provided.al2023"`, `"Architectures":["arm64"]`, `"Handler":"bootstrap"`)
	var patterns []string
	_, cr := st.ByPath(t, "Custom::FieldLevelEncryption", path+"Encryption/Default")
	if err := json.Unmarshal([]byte(testkit.Props(cr)["FieldPatterns"].(string)), &patterns); err != nil || len(patterns) != 2 {
		t.Errorf("FieldPatterns is not the JSON array the function parses: %v %q", err, patterns)
	}
}

func TestFieldencryptionOptions(t *testing.T) {
	st := fieldencryptionConfigs().Stack(t, fieldencryptionOptionsStack)
	path := fieldencryptionOptionsStack + "/Ingest/"
	d := fieldencryptionDist(t, st, path)
	all := testkit.JSON(d)
	logsID, _ := st.ByPath(t, "AWS::S3::Bucket", fieldencryptionOptionsStack+"/CdnLogs/Bucket/Resource")
	fieldencryptionContains(t, "distribution", all,
		`"WebACLId":"`+fieldencryptionWebAclArn+`"`,
		`"GeoRestriction":{"Locations":["DE","FR"],"RestrictionType":"whitelist"}`,
		`"MinimumProtocolVersion":"TLSv1.3_2025"`,
		`"DomainName":"ingest-a.example.com"`, `"DomainName":"ingest-b.example.com"`, `"OriginPath":"/v1"`,
		`"PathPattern":"/forms/*"`,
		`"Bucket":{"Fn::GetAtt":["`+logsID+`","RegionalDomainName"]}`)
	groups := testkit.JSON(d["OriginGroups"])
	fieldencryptionContains(t, "origin groups", groups, `"Members":{"Items":[`, `"Quantity":2`)
	for _, r := range st.Resources("AWS::S3::Bucket") {
		md, _ := r["Metadata"].(map[string]any)
		if p, _ := md["aws:cdk:path"].(string); strings.HasPrefix(p, path) {
			t.Errorf("a log bucket %s was created although one was given", p)
		}
	}
	_, cr := st.ByPath(t, "Custom::FieldLevelEncryption", path+"Encryption/Default")
	if p := testkit.Props(cr); p["ProviderId"] != "payments-2026" || p["FieldPatterns"] != `["iban"]` {
		t.Errorf("custom resource %s", testkit.JSON(p))
	}

	// REST API origin, key from a file, unknown content types forwarded.
	apiPath := fieldencryptionOptionsStack + "/ApiIngest/"
	ad := testkit.JSON(fieldencryptionDist(t, st, apiPath))
	fieldencryptionContains(t, "api distribution", ad, `"a1b2c3d4e5.execute-api.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"}`, `"OriginPath":"/prod"`)
	_, acr := st.ByPath(t, "Custom::FieldLevelEncryption", apiPath+"Encryption/Default")
	if testkit.Props(acr)["ForwardUnknownContentType"] != "true" {
		t.Errorf("ForwardUnknownContentType %v", testkit.Props(acr)["ForwardUnknownContentType"])
	}
	pem, err := os.ReadFile(fieldencryptionBuilt.keyFile)
	if err != nil {
		t.Fatal(err)
	}
	_, pk := st.ByPath(t, "AWS::CloudFront::PublicKey", apiPath+fieldencryptionKeyID(string(pem))+"/Resource")
	fieldencryptionContains(t, "public key", testkit.JSON(pk), `-----BEGIN PUBLIC KEY-----`)
}

// fieldencryptionKeyID is the public key's construct id: "PublicKey" and
// the first 8 hex digits of the SHA-256 of the trimmed PEM.
func fieldencryptionKeyID(pem string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(pem)))
	return "PublicKey" + hex.EncodeToString(sum[:4])
}
