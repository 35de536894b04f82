package security_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestFieldencryptionRejectedProps(t *testing.T) {
	with := func(f func(p *fieldencryption.Props)) func(awscdk.Stack) *fieldencryption.Props {
		return func(awscdk.Stack) *fieldencryption.Props {
			p := fieldencryptionRequired()
			f(p)
			return p
		}
	}
	missing := filepath.Join(t.TempDir(), "missing.pem")
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *fieldencryption.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *fieldencryption.Props { return nil }, []string{
			"fieldencryption Bad/Ingest: invalid props",
			"PublicKeyPem = : the RSA 2048 public key", "FieldPatterns = 0 patterns: 1 to 10",
			"OriginDomainName = : the HTTPS origin", "CertificateArn = : an ACM certificate in us-east-1", "DomainNames = []"}},
		{"4096-bit key", with(func(p *fieldencryption.Props) { p.PublicKeyPem = fieldencryptionPEM("rsa", 4096) }),
			[]string{"PublicKeyPem = RSA 4096-bit key: an RSA 2048-bit key: CloudFront field-level encryption only accepts RSA 2048"}},
		{"ECDSA key", with(func(p *fieldencryption.Props) { p.PublicKeyPem = fieldencryptionPEM("ec", 0) }),
			[]string{"PublicKeyPem = ECDSA P-256 key: an RSA 2048-bit key"}},
		{"private key", with(func(p *fieldencryption.Props) { p.PublicKeyPem = fieldencryptionPEM("rsa-private", 2048) }),
			[]string{"PublicKeyPem = -----BEGIN RSA PRIVATE KEY-----: the PUBLIC key only: a private key must never enter a CloudFormation template"}},
		{"PKCS#1 public key", with(func(p *fieldencryption.Props) { p.PublicKeyPem = fieldencryptionPEM("pkcs1", 2048) }),
			[]string{"PublicKeyPem = -----BEGIN RSA PUBLIC KEY-----: the SubjectPublicKeyInfo form"}},
		{"not PEM", with(func(p *fieldencryption.Props) { p.PublicKeyPem = "ssh-rsa AAAAB3NzaC1yc2E" }),
			[]string{"PublicKeyPem = ssh-rsa AAAAB3NzaC1yc2E: a PEM block"}},
		{"key twice and missing file", with(func(p *fieldencryption.Props) { p.PublicKeyFile = missing }),
			[]string{"PublicKeyPem and PublicKeyFile = both set: one of them"}},
		{"missing file", with(func(p *fieldencryption.Props) { p.PublicKeyPem = ""; p.PublicKeyFile = missing }),
			[]string{"PublicKeyFile = " + missing + ": a readable PEM file"}},
		{"too many patterns", with(func(p *fieldencryption.Props) {
			p.FieldPatterns = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
		}), []string{"FieldPatterns = 11 patterns: 1 to 10"}},
		{"empty patterns", with(func(p *fieldencryption.Props) { p.FieldPatterns = []string{} }),
			[]string{"FieldPatterns = 0 patterns: 1 to 10"}},
		{"bad and overlapping patterns", with(func(p *fieldencryption.Props) {
			p.FieldPatterns = []string{"card*", "card_number", "", "a*b", "*", "with space"}
		}), []string{"FieldPatterns[1] = card_number: a pattern that matches no field FieldPatterns[0] (card*) matches",
			`FieldPatterns[2] = "": a field name or a prefix`, `FieldPatterns[3] = "a*b"`, `FieldPatterns[4] = "*"`, `FieldPatterns[5] = "with space"`}},
		{"JSON content type", with(func(p *fieldencryption.Props) { p.ContentTypes = []string{"application/json"} }),
			[]string{"ContentTypes = application/json: only application/x-www-form-urlencoded: CloudFront field-level encryption encrypts form fields of URL-encoded POST bodies and nothing else"}},
		{"HTTP origin", with(func(p *fieldencryption.Props) {
			p.OriginDomainName = "http://ingest.example.com"
			p.FailoverOriginDomainName = "ingest.example.com/path"
		}), []string{"OriginDomainName = http://ingest.example.com: an HTTPS origin", "FailoverOriginDomainName = ingest.example.com/path: a host name"}},
		{"two origins", func(stack awscdk.Stack) *fieldencryption.Props {
			p := fieldencryptionRequired()
			p.RestApi = awsapigateway.RestApi_FromRestApiId(stack, jsii.String("Api"), jsii.String("abc"))
			return p
		}, []string{"OriginDomainName and RestApi = both set: one origin"}},
		{"paths and stage", with(func(p *fieldencryption.Props) { p.OriginPath = "v1/"; p.IngestPath = "/*"; p.RestApiStage = "prod" }),
			[]string{"OriginPath = v1/: a path starting with '/'", `IngestPath = /*: a CloudFront path pattern starting with '/' other than "/*"`, "RestApiStage = prod: only with RestApi"}},
		{"certificate outside us-east-1", with(func(p *fieldencryption.Props) {
			p.CertificateArn = "arn:aws:acm:eu-west-1:111122223333:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
			p.DomainNames = []string{"not a name"}
		}), []string{"CertificateArn = arn:aws:acm:eu-west-1:111122223333:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0: a certificate in us-east-1",
			"DomainNames = not a name: a DNS name"}},
		{"not a certificate", with(func(p *fieldencryption.Props) { p.CertificateArn = "arn:aws:iam::111122223333:server-certificate/x" }),
			[]string{"CertificateArn = arn:aws:iam::111122223333:server-certificate/x: an ACM certificate ARN"}},
		{"outdated TLS policy", with(func(p *fieldencryption.Props) {
			p.MinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2019
		}),
			[]string{"MinimumProtocolVersion = TLSv1.2_2019: TLSv1.2_2021 or newer"}},
		{"regional web ACL and countries", with(func(p *fieldencryption.Props) {
			p.WebAclArn = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
			p.AllowedCountries = []string{"de"}
		}), []string{"WebAclArn = arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0: the ARN of a WAFv2 web ACL with scope CLOUDFRONT",
			"AllowedCountries = de: ISO 3166-1 alpha-2"}},
		{"log expiration with an existing bucket", func(stack awscdk.Stack) *fieldencryption.Props {
			p := fieldencryptionRequired()
			p.ExistingLogBucket = awss3.Bucket_FromBucketName(stack, jsii.String("Logs"), jsii.String("logs"))
			p.LogExpiration = awscdk.Duration_Days(jsii.Number(30))
			p.ProviderId = " spaced "
			return p
		}, []string{"LogExpiration = set: only for the log bucket the construct creates", "ProviderId =  spaced : 1 to 128 characters"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				fieldencryption.New(stack, "Ingest", c.props(stack))
			}, c.wants...)
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("the missing key file exists")
	}
}
