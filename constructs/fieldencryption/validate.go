package fieldencryption

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/functions/fieldencryption/fieldpattern"
)

var (
	hostRE        = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)
	aliasRE       = regexp.MustCompile(`^(?i)(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)
	certArnRE     = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[0-9a-f-]{36}$`)
	webAclArnRE   = regexp.MustCompile(`^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):\d{12}:(global|regional)/webacl/[A-Za-z0-9_-]{1,128}/[0-9a-f-]{36}$`)
	countryRE     = regexp.MustCompile(`^[A-Z]{2}$`)
	pathPatternRE = regexp.MustCompile(`^/[A-Za-z0-9_\-.*$/~"'@:+&]{0,254}$`)
)

// allowedProtocols are the viewer security policies with TLS 1.2 or newer
// as minimum and only current ciphers.
var allowedProtocols = []awscloudfront.SecurityPolicyProtocol{
	awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021,
	awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2025,
	awscloudfront.SecurityPolicyProtocol_TLS_V1_3_2025,
}

func check(scope constructs.Construct, id string, p *Props) (*propcheck.Problems, string) {
	pr := propcheck.For("fieldencryption", scope, id)
	pemText := checkKey(pr, p)
	if p.ProviderId != "" && (len(p.ProviderId) > 128 || strings.TrimSpace(p.ProviderId) != p.ProviderId) {
		pr.Add("ProviderId", p.ProviderId, "1 to 128 characters without surrounding spaces")
	}
	checkPatterns(pr, p.FieldPatterns)
	if p.ContentTypes != nil && !slices.Equal(p.ContentTypes, []string{ContentType}) {
		pr.Add("ContentTypes", strings.Join(p.ContentTypes, ", "), "only "+ContentType+": CloudFront field-level encryption encrypts form fields of URL-encoded POST bodies and nothing else; encrypt JSON fields in the client, with Lambda@Edge or in the application (see the package documentation)")
	}
	checkOrigin(pr, p)
	checkTLS(pr, p)
	if p.WebAclArn != "" {
		m := webAclArnRE.FindStringSubmatch(p.WebAclArn)
		if m == nil || m[1] != "us-east-1" || m[2] != "global" {
			pr.Add("WebAclArn", p.WebAclArn, "the ARN of a WAFv2 web ACL with scope CLOUDFRONT: arn:<partition>:wafv2:us-east-1:<account>:global/webacl/<name>/<id> (WAF Classic ids and regional web ACLs cannot protect a distribution)")
		}
	}
	for _, c := range p.AllowedCountries {
		if !countryRE.MatchString(c) {
			pr.Add("AllowedCountries", c, "ISO 3166-1 alpha-2 codes in upper case (\"DE\", \"FR\")")
		}
	}
	if p.AllowedCountries != nil && len(p.AllowedCountries) == 0 {
		pr.Add("AllowedCountries", "[]", "at least one country, or nil for no restriction")
	}
	if p.ExistingLogBucket != nil && p.LogExpiration != nil {
		pr.Add("LogExpiration", "set", "only for the log bucket the construct creates, not with ExistingLogBucket")
	}
	if p.LogExpiration != nil && propcheck.Seconds(p.LogExpiration) < 86400 {
		pr.Add("LogExpiration", *p.LogExpiration.ToHumanString(), "at least one day")
	}
	pr.FiniteRetention(p.LogRetention)
	return pr, pemText
}

// checkKey reads the PEM and checks that it is an RSA 2048 public key;
// it returns the PEM text for the template.
func checkKey(pr *propcheck.Problems, p *Props) string {
	text := p.PublicKeyPem
	switch {
	case p.PublicKeyPem != "" && p.PublicKeyFile != "":
		pr.Add("PublicKeyPem and PublicKeyFile", "both set", "one of them")
		return ""
	case p.PublicKeyFile != "":
		b, err := os.ReadFile(p.PublicKeyFile)
		if err != nil {
			pr.Add("PublicKeyFile", p.PublicKeyFile, "a readable PEM file ("+err.Error()+")")
			return ""
		}
		text = string(b)
	case text == "":
		pr.Add("PublicKeyPem", "", "the RSA 2048 public key CloudFront encrypts the fields with (PEM, `openssl rsa -pubout`), or PublicKeyFile")
		return ""
	}
	prop := "PublicKeyPem"
	if p.PublicKeyFile != "" {
		prop = "PublicKeyFile"
	}
	block, rest := pem.Decode([]byte(text))
	if block == nil {
		pr.Add(prop, excerpt(text), "a PEM block \"-----BEGIN PUBLIC KEY-----\"")
		return ""
	}
	if strings.Contains(block.Type, "PRIVATE") {
		pr.Add(prop, "-----BEGIN "+block.Type+"-----", "the PUBLIC key only: a private key must never enter a CloudFormation template or the cloud assembly; keep it with the decrypting service (Secrets Manager or a KMS-protected store) and give `openssl rsa -in key.pem -pubout`")
		return ""
	}
	if strings.TrimSpace(string(rest)) != "" {
		pr.Add(prop, "several PEM blocks", "exactly one public key")
	}
	if block.Type == "RSA PUBLIC KEY" {
		pr.Add(prop, "-----BEGIN RSA PUBLIC KEY-----", "the SubjectPublicKeyInfo form \"-----BEGIN PUBLIC KEY-----\" CloudFront expects (convert with `openssl rsa -RSAPublicKey_in -in key.pem -pubout`)")
		return ""
	}
	if block.Type != "PUBLIC KEY" {
		pr.Add(prop, "-----BEGIN "+block.Type+"-----", "a \"PUBLIC KEY\" PEM block")
		return ""
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		pr.Add(prop, "unparsable PUBLIC KEY", "a DER SubjectPublicKeyInfo ("+err.Error()+")")
		return ""
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() != 2048 {
			pr.Add(prop, fmt.Sprintf("RSA %d-bit key", k.N.BitLen()), "an RSA 2048-bit key: CloudFront field-level encryption only accepts RSA 2048")
			return ""
		}
	case *ecdsa.PublicKey:
		pr.Add(prop, "ECDSA "+k.Curve.Params().Name+" key", "an RSA 2048-bit key: ECDSA keys serve CloudFront signed URLs, field-level encryption only accepts RSA 2048")
		return ""
	default:
		pr.Add(prop, fmt.Sprintf("%T key", key), "an RSA 2048-bit key")
		return ""
	}
	return strings.TrimSpace(string(pem.EncodeToMemory(block)))
}

func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// checkPatterns applies CloudFront's rules for field patterns
// (fieldpattern.Check, the rules the custom resource function also
// applies).
func checkPatterns(pr *propcheck.Problems, ps []string) {
	for _, p := range fieldpattern.Check(ps) {
		pr.Add(p.Prop, p.Value, p.Allowed)
	}
}

// originHost checks an origin domain name and strips "https://".
func originHost(pr *propcheck.Problems, prop, v string) string {
	if v == "" || unresolved(v) {
		return v
	}
	if strings.HasPrefix(strings.ToLower(v), "http://") {
		pr.Add(prop, v, "an HTTPS origin: field-level encrypted data and the rest of the request must not travel to the origin in clear text (give the host name; CloudFront connects with TLS 1.2)")
		return ""
	}
	host := strings.TrimPrefix(v, "https://")
	if !hostRE.MatchString(host) {
		pr.Add(prop, v, "a host name (no path, port or scheme other than https://)")
		return ""
	}
	return host
}

func checkOrigin(pr *propcheck.Problems, p *Props) {
	switch {
	case p.OriginDomainName == "" && p.RestApi == nil:
		pr.Add("OriginDomainName", "", "the HTTPS origin that receives the encrypted fields, or RestApi")
	case p.OriginDomainName != "" && p.RestApi != nil:
		pr.Add("OriginDomainName and RestApi", "both set", "one origin")
	}
	originHost(pr, "OriginDomainName", p.OriginDomainName)
	originHost(pr, "FailoverOriginDomainName", p.FailoverOriginDomainName)
	if p.RestApiStage != "" && p.RestApi == nil {
		pr.Add("RestApiStage", p.RestApiStage, "only with RestApi")
	}
	if p.OriginPath != "" && (!strings.HasPrefix(p.OriginPath, "/") || strings.HasSuffix(p.OriginPath, "/")) {
		pr.Add("OriginPath", p.OriginPath, "a path starting with '/' and not ending with '/' (\"/prod\")")
	}
	if p.IngestPath != "" && (!pathPatternRE.MatchString(p.IngestPath) || p.IngestPath == "/*") {
		pr.Add("IngestPath", p.IngestPath, "a CloudFront path pattern starting with '/' other than \"/*\" (the default behaviour only allows GET and HEAD)")
	}
}

func checkTLS(pr *propcheck.Problems, p *Props) {
	if p.CertificateArn == "" {
		pr.Add("CertificateArn", "", "an ACM certificate in us-east-1 for DomainNames: the default *.cloudfront.net certificate forces the TLSv1 security policy")
	} else if !unresolved(p.CertificateArn) {
		m := certArnRE.FindStringSubmatch(p.CertificateArn)
		if m == nil {
			pr.Add("CertificateArn", p.CertificateArn, "an ACM certificate ARN arn:<partition>:acm:us-east-1:<account>:certificate/<id>")
		} else if m[1] != "us-east-1" {
			pr.Add("CertificateArn", p.CertificateArn, "a certificate in us-east-1: CloudFront only uses ACM certificates of that Region")
		}
	}
	if len(p.DomainNames) == 0 {
		pr.Add("DomainNames", "[]", "the distribution's domain names, covered by CertificateArn")
	}
	for _, d := range p.DomainNames {
		if !aliasRE.MatchString(d) {
			pr.Add("DomainNames", d, "a DNS name (optionally starting with \"*.\")")
		}
	}
	if p.MinimumProtocolVersion != "" && !slices.Contains(allowedProtocols, p.MinimumProtocolVersion) {
		pr.Add("MinimumProtocolVersion", protocolName(p.MinimumProtocolVersion), "TLSv1.2_2021 or newer (TLSv1.2_2025, TLSv1.3_2025): older policies accept TLS 1.0/1.1 or weak ciphers")
	}
}

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

// protocolName is CloudFront's name of a security policy ("TLSv1.2_2019").
func protocolName(v awscloudfront.SecurityPolicyProtocol) string {
	s := strings.Replace(string(v), "TLS_V", "TLSv", 1)
	for _, minor := range []string{"1_0_", "1_1_", "1_2_", "1_3_"} {
		s = strings.Replace(s, minor, minor[:1]+"."+minor[2:], 1)
	}
	return s
}
