package emrcerts

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
)

// Bundle is a generated certificate bundle in S3.
type Bundle struct {
	constructs.Construct
	// Bucket holds the zip at ObjectKey.
	Bucket    awss3.IBucket
	ObjectKey *string
	// Resource is the custom resource (type Custom::EmrCertificates).
	Resource awscdk.CustomResource
	// Function generates and deletes the bundle; Key encrypts its logs.
	Function awslambda.IFunction
	Key      awskms.IKey
}

// New creates the function, its provider and the bundle resource under a
// construct named id.
func New(scope constructs.Construct, id string, props *Props) *Bundle {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	b := &Bundle{Construct: c, Bucket: p.Bucket, Key: p.Key}
	if b.Key == nil {
		b.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the EMR certificate generator of "+*c.Node().Path())
	}
	key := p.ObjectKey
	if key == "" {
		key = "emr-tls/" + *awscdk.Names_UniqueId(c) + ".zip"
	}
	b.ObjectKey = jsii.String(key)
	days := p.ValidityDays
	if days == 0 {
		days = DefaultValidityDays
	}

	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/emrcerts"),
		Key:          b.Key,
		LogRetention: p.LogRetention,
		Memory:       256,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(1)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Generates the EMR in-transit TLS bundle of " + *c.Node().Path()),
		},
		Invocation: gofunction.Invocation{
			Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation,
			Reaches: "only the S3 API (TLS, IAM authentication)",
		},
	})
	b.Function = fn.Function
	grantWriteAndPurge(fn.Role, p.Bucket, key)
	prov, provRole := provider.New(c, fn.Function, b.Key, p.LogRetention)
	provider.SuppressInvokeVersions(provRole)

	properties := map[string]any{
		"Bucket":       p.Bucket.BucketName(),
		"Key":          key,
		"ValidityDays": strconv.Itoa(int(days)),
	}
	if p.DnsDomain != "" {
		properties["DnsDomain"] = p.DnsDomain
	}
	if p.Rotation != "" {
		properties["Rotation"] = p.Rotation
	}
	b.Resource = awscdk.NewCustomResource(c, jsii.String("Resource"), &awscdk.CustomResourceProps{
		ServiceToken: prov.ServiceToken(),
		ResourceType: jsii.String("Custom::EmrCertificates"),
		Properties:   &properties,
		// The bundle is a secret, not data: deleting the resource deletes
		// the key pair, which only the deleted cluster configuration used.
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	b.Resource.Node().AddDependency(fn.Role)
	return b
}

// S3Url is "s3://bucket/key" of the zip, for the security configuration's
// TLSCertificateConfiguration.S3Object; it depends on the resource, so the
// bundle exists before anything that reads it.
func (b *Bundle) S3Url() *string { return b.Resource.GetAttString(jsii.String("S3Url")) }

// NotAfter is the certificate's expiry (RFC 3339), for a reminder or an
// output.
func (b *Bundle) NotAfter() *string { return b.Resource.GetAttString(jsii.String("NotAfter")) }

// GrantRead lets g read the bundle (and decrypt it with the bucket's key).
func (b *Bundle) GrantRead(g awsiam.IGrantable) awsiam.Grant {
	return b.Bucket.GrantRead(g, b.ObjectKey)
}

// grantWriteAndPurge lets the function put the bundle and delete every
// version of it: exactly PutObject, DeleteObject and DeleteObjectVersion on
// the one object, ListBucketVersions on the bucket limited to that key as
// prefix, and GenerateDataKey on the bucket's key (the upload is encrypted
// with it); no wildcard action (bucket.GrantPut would add s3:Abort* and
// kms:ReEncrypt*).
func grantWriteAndPurge(role awsiam.IRole, bucket awss3.IBucket, key string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"),
		Resources: &[]*string{bucket.ArnForObjects(jsii.String(key))},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucketVersions"),
		Resources:  &[]*string{bucket.BucketArn()},
		Conditions: &map[string]any{"StringEquals": map[string]any{"s3:prefix": key}},
	}))
	if k := bucket.EncryptionKey(); k != nil {
		k.Grant(role, jsii.String("kms:GenerateDataKey"))
	}
}
