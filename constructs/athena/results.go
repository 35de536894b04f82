package athena

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// resultsSpec says where a workgroup's results go.
type resultsSpec struct {
	bucket     awss3.IBucket
	prefix     *string
	expiration awscdk.Duration
	key        awskms.IKey
	managed    bool
}

// results is where a workgroup's results went.
type results struct {
	bucket awss3.IBucket // nil when Athena manages the results
	prefix string
	key    awskms.IKey
}

// location is the S3 URI of the results folder.
func (r results) location() *string {
	return jsii.String("s3://" + *r.bucket.BucketName() + "/" + r.prefix)
}

// newResults creates the key and the bucket a workgroup needs unless given:
// an SSE-KMS securebucket (the results are SSE-KMS or CSE-KMS uploads with
// the key, which a DSSE bucket would refuse), whose results expire.
func newResults(c constructs.Construct, s resultsSpec) results {
	r := results{key: s.key, prefix: "results/"}
	if s.prefix != nil {
		r.prefix = *s.prefix
	}
	if r.key == nil {
		r.key = keys.New(c, "Key", "Encrypts the Athena query results of "+*c.Node().Path(), nil)
	}
	if s.managed {
		r.prefix = ""
		return r
	}
	if s.bucket != nil {
		r.bucket = s.bucket
		return r
	}
	exp := s.expiration
	if exp == nil {
		exp = awscdk.Duration_Days(f(30))
	}
	r.bucket = securebucket.New(c, "Results", &securebucket.Props{
		Encryption:    securebucket.SSEKMS,
		EncryptionKey: r.key,
		Lifecycle: &securebucket.Lifecycle{
			Prefix:                      jsii.String(r.prefix),
			Expiration:                  exp,
			NoncurrentVersionExpiration: awscdk.Duration_Days(f(1)),
		},
	}).Bucket
	return r
}
