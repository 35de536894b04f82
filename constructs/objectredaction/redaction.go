package objectredaction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3objectlambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
)

// Redaction keeps personal data of one bucket away from the readers that
// must not see it: a redacted copy made at write time (default), and, for
// existing S3 Object Lambda customers, an Object Lambda access point that
// redacts at read time.
type Redaction struct {
	constructs.Construct
	// Bucket holds the originals (and the redacted copies).
	Bucket awss3.IBucket
	// SourcePrefix and RedactedPrefix in force.
	SourcePrefix, RedactedPrefix string
	// AccessPoints holds the standard access points: "Original" (source
	// prefix, OriginalReaders), "Redacted" (redacted prefix,
	// RedactedReaders; write-time mode) and "Supporting" (source prefix,
	// RedactedReaders through S3 Object Lambda only; ObjectLambda), those
	// that have readers. Nil when no access point has readers.
	AccessPoints *accesspoints.AccessPoints

	// Write-time mode (nil without WriteTime): the EventBridge rule on
	// "Object Created" under the source prefix, the function, its role, log
	// group and failure queue, and the alarms' topic.
	Rule         awsevents.IRule
	Function     awslambda.IFunction
	Role         awsiam.IRole
	LogGroup     awslogs.ILogGroup
	FailureQueue awssqs.IQueue
	AlarmTopic   awssns.ITopic
	// Key encrypts the write-time function's logs and failure queue, and
	// the Object Lambda function's logs.
	Key awskms.IKey

	// Object Lambda mode (nil without ObjectLambda).
	ObjectLambdaFunction awslambda.IFunction
	ObjectLambdaRole     awsiam.IRole
	ObjectLambdaLogGroup awslogs.ILogGroup
	// ObjectLambdaAccessPoint is the AWS::S3ObjectLambda::AccessPoint;
	// ObjectLambdaAccessPointArn its ARN (built from its name), which
	// readers use as the bucket of GetObject.
	ObjectLambdaAccessPoint    awss3objectlambda.CfnAccessPoint
	ObjectLambdaAccessPointArn *string
	ObjectLambdaPolicy         awss3objectlambda.CfnAccessPointPolicy
}

// New creates the access points and the redaction of the chosen modes.
// Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Redaction {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	src, red := prefixes(&p)
	writeTime := p.WriteTime == nil || *p.WriteTime
	ol := isTrue(p.ObjectLambda)

	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &Redaction{Construct: c, Bucket: p.Bucket, SourcePrefix: src}
	if writeTime {
		r.RedactedPrefix = red
	}
	r.accessPoints(&p, writeTime, ol)
	if writeTime {
		r.writeTime(&p)
	}
	if ol {
		r.objectLambda(&p)
	}
	return r
}

// accessPoints creates the standard access points that have readers.
func (r *Redaction) accessPoints(p *Props, writeTime, ol bool) {
	var points []accesspoints.AccessPoint
	network := func(ap accesspoints.AccessPoint) accesspoints.AccessPoint {
		if p.Vpc != nil {
			ap.Vpc = p.Vpc
		} else {
			ap.AllowInternetOrigin = jsii.Bool(true)
		}
		return ap
	}
	if len(p.OriginalReaders) > 0 {
		points = append(points, network(accesspoints.AccessPoint{ID: "Original", Prefix: r.SourcePrefix, Grantees: p.OriginalReaders}))
	}
	if writeTime && len(p.RedactedReaders) > 0 {
		points = append(points, network(accesspoints.AccessPoint{ID: "Redacted", Prefix: r.RedactedPrefix, Grantees: p.RedactedReaders}))
	}
	if ol {
		points = append(points, accesspoints.AccessPoint{ID: "Supporting", Prefix: r.SourcePrefix, Grantees: p.RedactedReaders,
			AllowInternetOrigin: jsii.Bool(true), CalledVia: ObjectLambdaService})
	}
	if len(points) == 0 {
		return
	}
	r.AccessPoints = accesspoints.New(r.Construct, "AccessPoints", &accesspoints.Props{
		Bucket:                       p.Bucket,
		EncryptionKey:                p.EncryptionKey,
		BucketPolicyManagedElsewhere: p.BucketPolicyManagedElsewhere,
		AccessPoints:                 points,
	})
}

// bucketKey is the bucket's KMS key, or the given one of an imported
// bucket, or nil.
func bucketKey(p *Props) awskms.IKey {
	if k := p.Bucket.EncryptionKey(); k != nil {
		return k
	}
	return p.EncryptionKey
}
