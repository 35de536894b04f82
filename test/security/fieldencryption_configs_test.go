package security_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/fieldencryption"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	fieldencryptionDefaultsStack = "FieldEncryptionDefaults"
	fieldencryptionOptionsStack  = "FieldEncryptionOptions"
	fieldencryptionCertArn       = "arn:aws:acm:us-east-1:111122223333:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
	fieldencryptionWebAclArn     = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
)

// fieldencryptionPEM returns a PEM block of a fresh key: "rsa" (bits),
// "ec", "rsa-private" or "pkcs1" (an RSA PUBLIC KEY block).
func fieldencryptionPEM(kind string, bits int) string {
	var block *pem.Block
	switch kind {
	case "ec":
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
		block = &pem.Block{Type: "PUBLIC KEY", Bytes: der}
	default:
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			panic(err)
		}
		switch kind {
		case "rsa-private":
			block = &pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}
		case "pkcs1":
			block = &pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.PublicKey)}
		default:
			der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
			block = &pem.Block{Type: "PUBLIC KEY", Bytes: der}
		}
	}
	return string(pem.EncodeToMemory(block))
}

var fieldencryptionKey = fieldencryptionPEM("rsa", 2048)

// fieldencryptionRequired are the props without a default.
func fieldencryptionRequired() *fieldencryption.Props {
	return &fieldencryption.Props{
		PublicKeyPem:     fieldencryptionKey,
		FieldPatterns:    []string{"card_number", "ssn*"},
		OriginDomainName: "ingest.internal.example.com",
		DomainNames:      []string{"forms.example.com"},
		CertificateArn:   fieldencryptionCertArn,
	}
}

var fieldencryptionBuilt struct {
	defaults, second, options, api *fieldencryption.Ingest
	logBucket                      awss3.IBucket
	keyFile                        string
}

var fieldencryptionConfigs = testkit.Register("fieldencryption", nil, func(app constructs.Construct) {
	// Only the required props, twice in one stack.
	s1 := awscdk.NewStack(app, jsii.String(fieldencryptionDefaultsStack), nil)
	fieldencryptionBuilt.defaults = fieldencryption.New(s1, "Ingest", fieldencryptionRequired())
	second := fieldencryptionRequired()
	second.DomainNames = []string{"signup.example.com"}
	fieldencryptionBuilt.second = fieldencryption.New(s1, "Second", second)

	// Every option: failover origin, web ACL, countries, an existing log
	// bucket, TLS 1.3, a REST API origin with the key read from a file.
	s2 := awscdk.NewStack(app, jsii.String(fieldencryptionOptionsStack), nil)
	// A log bucket for CloudFront: ACLs enabled, and a key the log
	// delivery service may generate data keys with.
	logs := securebucket.New(s2, "CdnLogs", &securebucket.Props{
		Encryption:  securebucket.SSEKMS,
		BucketProps: &awss3.BucketProps{ObjectOwnership: awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED},
	})
	logs.Key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("delivery.logs.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
	}), jsii.Bool(true))
	fieldencryptionBuilt.logBucket = logs.Bucket
	opts := fieldencryptionRequired()
	opts.ProviderId = "payments-2026"
	opts.FieldPatterns = []string{"iban"}
	opts.OriginDomainName = "https://ingest-a.example.com"
	opts.OriginPath = "/v1"
	opts.FailoverOriginDomainName = "ingest-b.example.com"
	opts.IngestPath = "/forms/*"
	opts.WebAclArn = fieldencryptionWebAclArn
	opts.AllowedCountries = []string{"DE", "FR"}
	opts.ExistingLogBucket = logs.Bucket
	opts.MinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_3_2025
	opts.ContentTypes = []string{fieldencryption.ContentType}
	fieldencryptionBuilt.options = fieldencryption.New(s2, "Ingest", opts)

	dir, err := os.MkdirTemp("", "fieldencryption")
	if err != nil {
		panic(err)
	}
	fieldencryptionBuilt.keyFile = filepath.Join(dir, "public.pem")
	if err := os.WriteFile(fieldencryptionBuilt.keyFile, []byte(fieldencryptionPEM("rsa", 2048)), 0o600); err != nil {
		panic(err)
	}
	api := fieldencryptionRequired()
	api.PublicKeyPem = ""
	api.PublicKeyFile = fieldencryptionBuilt.keyFile
	api.OriginDomainName = ""
	api.RestApi = awsapigateway.RestApi_FromRestApiId(s2, jsii.String("Api"), jsii.String("a1b2c3d4e5"))
	api.DomainNames = []string{"api-forms.example.com"}
	api.ForwardUnknownContentType = jsii.Bool(true)
	fieldencryptionBuilt.api = fieldencryption.New(s2, "ApiIngest", api)
})

// Without a failover origin the distribution has no origin group: the POST
// behaviour cannot have one (CloudFront origin groups serve only GET, HEAD
// and OPTIONS), so the failover is an option for the read behaviour.
var _ = testkit.ExpectGuard("fieldencryption",
	"CT.CLOUDFRONT.PR.4 "+fieldencryptionDefaultsStack+"/Ingest/Distribution/Resource",
	"CT.CLOUDFRONT.PR.4 "+fieldencryptionDefaultsStack+"/Second/Distribution/Resource",
	"CT.CLOUDFRONT.PR.4 "+fieldencryptionOptionsStack+"/ApiIngest/Distribution/Resource",
)
