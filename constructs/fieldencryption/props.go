package fieldencryption

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/cdk-data-patterns/patterns/functions/fieldencryption/fieldpattern"
)

// ContentType is the only request-body type CloudFront field-level
// encryption handles.
const ContentType = "application/x-www-form-urlencoded"

// MaxFieldPatterns is CloudFront's limit of field patterns in a profile.
const MaxFieldPatterns = fieldpattern.Max

// DefaultIngestPath is the path pattern of the POST behaviour whose form
// fields are encrypted.
const DefaultIngestPath = "/ingest/*"

// DefaultMinimumProtocolVersion is the viewers' minimum TLS policy.
const DefaultMinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021

// Props configures Ingest. There is no useful default for the public key,
// the fields, the origin and the TLS certificate, so nil props fail
// synthesis listing them.
type Props struct {
	// PublicKeyPem is the RSA 2048 public key (PEM "PUBLIC KEY", the
	// output of `openssl rsa -pubout`) CloudFront encrypts the fields with.
	// The private key stays with the decrypting service; giving a private
	// key here is an error. Exactly one of PublicKeyPem and PublicKeyFile.
	PublicKeyPem string
	// PublicKeyFile is a path to that PEM file, read at synthesis.
	PublicKeyFile string
	// ProviderId names the key pair to the decrypting application (the
	// AWS Encryption SDK's master key provider id), 1 to 128 characters.
	// @default the construct id
	ProviderId string
	// FieldPatterns are the form fields to encrypt: 1 to 10 names or
	// prefixes ending with '*' ("card_number", "ssn*"), case-sensitive, not
	// overlapping. Required.
	FieldPatterns []string
	// ContentTypes exists to make a request for another content type fail
	// with the reason: CloudFront field-level encryption only handles
	// application/x-www-form-urlencoded bodies; JSON needs Lambda@Edge or
	// application-side encryption (see the package documentation).
	// @default [ContentType]
	ContentTypes []string
	// ForwardUnknownContentType forwards POST bodies of other content types
	// to the origin unencrypted.
	// @default false: CloudFront refuses them, so a client that switches to
	// JSON cannot bypass the encryption by accident
	ForwardUnknownContentType *bool

	// OriginDomainName is the HTTPS origin (host name, optionally with
	// "https://"; "http://" is refused). Exactly one of OriginDomainName and
	// RestApi.
	OriginDomainName string
	// OriginPath is prepended to the request path at the origin ("/prod").
	// @default none ("/" + RestApiStage for RestApi)
	OriginPath string
	// RestApi is an API Gateway REST API origin (its execute-api endpoint).
	RestApi awsapigateway.IRestApi
	// RestApiStage of RestApi.
	// @default "prod"
	RestApiStage string
	// FailoverOriginDomainName adds an origin group (primary, failover) to
	// the default GET/HEAD behaviour. The POST ingestion behaviour cannot
	// fail over: CloudFront origin groups only serve GET, HEAD and OPTIONS.
	// @default no failover
	FailoverOriginDomainName string

	// IngestPath is the path pattern of the POST behaviour.
	// @default DefaultIngestPath
	IngestPath string
	// DomainNames of the distribution (alternate domain names covered by
	// CertificateArn). Required: a TLS 1.2 minimum needs a custom
	// certificate (the *.cloudfront.net certificate allows TLS 1.0).
	DomainNames []string
	// CertificateArn is an ACM certificate in us-east-1 (CloudFront reads
	// certificates only there). Required.
	CertificateArn string
	// MinimumProtocolVersion of viewer connections: TLSv1.2_2021 or newer.
	// @default DefaultMinimumProtocolVersion
	MinimumProtocolVersion awscloudfront.SecurityPolicyProtocol
	// WebAclArn is a WAFv2 web ACL of scope CLOUDFRONT (created in
	// us-east-1).
	// @default no web ACL
	WebAclArn string
	// AllowedCountries restricts viewers to these ISO 3166-1 alpha-2
	// country codes.
	// @default no geographic restriction
	AllowedCountries []string

	// ExistingLogBucket receives the access logs. CloudFront standard
	// logging writes with ACLs: the bucket's object ownership must be
	// BucketOwnerPreferred or ObjectWriter, and if it is encrypted with a
	// KMS key, the key policy must let delivery.logs.amazonaws.com call
	// kms:GenerateDataKey*.
	// @default a securebucket (SSE-KMS with the construct's key, ACLs
	// enabled for the log delivery, logs expire after LogExpiration)
	ExistingLogBucket awss3.IBucket
	// LogExpiration of the access logs in the created bucket.
	// @default one year
	LogExpiration awscdk.Duration
	// LogRetention of the custom resource functions' log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
}
