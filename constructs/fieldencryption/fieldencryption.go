package fieldencryption

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Ingest is a CloudFront distribution that encrypts chosen form fields of
// POST requests at the edge with an RSA public key, before they reach the
// origin, plus the field-level encryption profile and configuration, the
// access-log bucket and the key encrypting logs.
type Ingest struct {
	constructs.Construct
	// PublicKey is the AWS::CloudFront::PublicKey of the PEM given.
	PublicKey awscloudfront.IPublicKey
	// Encryption is the custom resource holding the field-level encryption
	// profile and configuration; ConfigId and ProfileId are their ids.
	Encryption awscdk.CustomResource
	ConfigId   *string
	ProfileId  *string
	// Function is the custom resource's onEvent function (CloudFront API).
	Function awslambda.IFunction
	// Distribution is the CloudFront distribution.
	Distribution awscloudfront.IDistribution
	// LogBucket receives the access logs (created, or ExistingLogBucket).
	LogBucket awss3.IBucket
	// Key encrypts the function logs and the created log bucket.
	Key awskms.IKey
	// ProviderId names the key pair to the decrypting application.
	ProviderId string
	// FieldPatterns are the encrypted fields.
	FieldPatterns []string
	// IngestPath is the path pattern of the encrypting POST behaviour.
	IngestPath string
}

// New creates the public key, the field-level encryption profile and
// configuration, the log bucket and the distribution. Invalid props fail
// synthesis with every problem listed; nil props always fail (the key,
// fields, origin and certificate have no default).
func New(scope constructs.Construct, id string, props *Props) *Ingest {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr, pemText := check(scope, id, &p)
	pr.Fail()
	fill(id, &p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	in := &Ingest{Construct: c, ProviderId: p.ProviderId, FieldPatterns: p.FieldPatterns, IngestPath: p.IngestPath}
	key := keys.NewForLogs(c, "Key", "Encrypts the logs of the CloudFront field-level encryption of "+*c.Node().Path())
	in.Key = key
	// The key's id carries a hash of the PEM: a new key is a new
	// resource (CloudFront does not change the material of a key in use),
	// so the profile and configuration follow it in one deployment and
	// CloudFormation deletes the old ones, then the old key, afterwards.
	sum := sha256.Sum256([]byte(pemText))
	in.PublicKey = awscloudfront.NewPublicKey(c, jsii.String("PublicKey"+hex.EncodeToString(sum[:4])), &awscloudfront.PublicKeyProps{
		EncodedKey: jsii.String(pemText),
		Comment:    jsii.String("Field-level encryption key of " + p.ProviderId),
	})
	in.encryption(&p)
	in.logs(&p, key)
	in.distribution(&p)
	return in
}

func fill(id string, p *Props) {
	if p.ProviderId == "" {
		p.ProviderId = id
	}
	if p.IngestPath == "" {
		p.IngestPath = DefaultIngestPath
	}
	if p.MinimumProtocolVersion == "" {
		p.MinimumProtocolVersion = DefaultMinimumProtocolVersion
	}
	if p.RestApi != nil && p.RestApiStage == "" {
		p.RestApiStage = "prod"
	}
	if p.LogExpiration == nil {
		p.LogExpiration = awscdk.Duration_Days(jsii.Number(365))
	}
}
