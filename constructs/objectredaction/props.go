package objectredaction

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Defaults of the prefixes.
const (
	DefaultSourcePrefix   = "raw/"
	DefaultRedactedPrefix = "redacted/"
)

// DefaultMaxObjectBytes is the largest object redacted: 128 MiB (the
// function holds the redacted copy in memory; it gets 1024 MB).
const DefaultMaxObjectBytes = 128 << 20

// ObjectLambdaService is the service that calls the supporting access point
// and the function for an Object Lambda access point (aws:CalledVia).
const ObjectLambdaService = "s3-object-lambda.amazonaws.com"

// Props configures a Redaction. Bucket is required; everything else has a
// default.
type Props struct {
	// Bucket holds the originals under SourcePrefix (required). A bucket of
	// this app (securebucket) must send its events to EventBridge (securebucket
	// does by default); an imported one needs BucketPolicyManagedElsewhere,
	// as in accesspoints.
	Bucket awss3.IBucket
	// EncryptionKey of an imported bucket (see accesspoints.Props).
	EncryptionKey awskms.IKey
	// BucketPolicyManagedElsewhere: see accesspoints.Props.
	BucketPolicyManagedElsewhere *bool

	// SourcePrefix holds the originals, with personal data.
	// @default "raw/"
	SourcePrefix string
	// RedactedPrefix receives the redacted copies (write-time mode). It
	// must not overlap SourcePrefix.
	// @default "redacted/"
	RedactedPrefix string

	// OriginalReaders (the e-commerce application) read SourcePrefix
	// through the access point "Original".
	OriginalReaders []awsiam.IGrantable
	// RedactedReaders (the analytics application) read RedactedPrefix
	// through the access point "Redacted" (write-time mode), and the Object
	// Lambda access point (ObjectLambda). They get no access to the
	// originals.
	RedactedReaders []awsiam.IGrantable
	// Vpc makes the "Original" and "Redacted" access points VPC-only.
	// Without it, AllowInternetOrigin must be true. (The supporting access
	// point of the Object Lambda access point is always of internet origin:
	// the function reads through it from the Lambda service's network; its
	// policy allows only requests made through S3 Object Lambda.)
	Vpc awsec2.IVpc
	// AllowInternetOrigin allows the access points without Vpc.
	// @default false
	AllowInternetOrigin *bool

	// WriteTime makes a redacted copy of every object created under
	// SourcePrefix, under RedactedPrefix: the mode open to every account.
	// @default true
	WriteTime *bool
	// ObjectLambda creates an S3 Object Lambda access point that redacts at
	// read time. S3 Object Lambda is available only to accounts that used it
	// before 7 November 2025; ExistingCustomer must confirm that.
	// @default false
	ObjectLambda *bool
	// ExistingCustomer confirms that the account is an existing S3 Object
	// Lambda customer (required with ObjectLambda, refused without it).
	ExistingCustomer *bool

	// MaxObjectBytes is the largest object redacted (bytes, 1 to 1 GiB).
	// @default 128 MiB
	MaxObjectBytes float64
	// FunctionProps override the defaults of the functions (1024 MB; 5
	// minutes for the write-time function, 60 seconds, S3 Object Lambda's
	// own limit, for the Object Lambda function); Code, Role, LogGroup and
	// Environment are the construct's.
	FunctionProps *awslambda.FunctionProps
	// LogRetention of the functions' log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
	// CreateAlarms on the write-time function (errors, failed deliveries,
	// failure queue).
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms.
	// @default a new encrypted topic
	AlarmTopic awssns.ITopic
}
