package accesspoints

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Access is what an access point lets its principals do under its prefix.
type Access string

const (
	// Read: s3:GetObject and s3:GetObjectVersion on the prefix's objects,
	// s3:ListBucket of keys under the prefix. The default.
	Read Access = "read"
	// ReadWrite: Read plus s3:PutObject and s3:AbortMultipartUpload. Not
	// s3:DeleteObject: deleting from a versioned data bucket is a separate
	// decision, made with the bucket's own policy.
	ReadWrite Access = "read-write"
)

// AccessPoint is one access point to create on the bucket.
type AccessPoint struct {
	// ID of the access point's construct, unique in this construct
	// (required): letters, digits, '-' or '_'.
	ID string
	// Name is the access point's physical name: 3 to 50 lowercase letters,
	// digits or '-', unique in the account and Region.
	// @default derived from the construct path and the stack name (lowercase,
	// with a hash), so two instances in one stack never collide
	Name string
	// Prefix the access point gives access to, as the notes' "Julie/". It
	// is literal: no leading "/", no '*', '?' or '$' (IAM would read them
	// as wildcards or policy variables). "" is the whole bucket.
	Prefix string
	// Grantees are the principals the access-point policy allows (roles,
	// users, or their grantable wrappers). At least one; never the
	// anonymous or "*" principal. Principals of this account also get
	// kms:Decrypt (and kms:GenerateDataKey for ReadWrite) on the bucket's
	// key through a grant.
	Grantees []awsiam.IGrantable
	// Access the grantees get.
	// @default Read
	Access Access
	// Vpc makes the access point VPC-only: S3 refuses requests through it
	// from anywhere else (a VPC endpoint for S3 must allow the access
	// point).
	Vpc awsec2.IVpc
	// AllowInternetOrigin must be true to create an access point without
	// Vpc (network origin Internet). Its policy still allows only the
	// grantees, but from any network.
	// @default false: an access point without Vpc is refused
	AllowInternetOrigin *bool
	// AllowWholeBucketWrite must be true for ReadWrite with an empty
	// Prefix: write access to every key of the bucket.
	// @default false
	AllowWholeBucketWrite *bool
	// CalledVia limits the access-point policy to requests an AWS service
	// makes on the grantees' behalf (aws:CalledVia), e.g.
	// "s3-object-lambda.amazonaws.com" for the supporting access point of an
	// Object Lambda access point: the grantees cannot use it directly.
	// @default "" (direct use)
	CalledVia string
}

// Props configures AccessPoints. Bucket and AccessPoints are required.
type Props struct {
	// Bucket the access points are created on (required). A bucket of this
	// app gets the delegation statement in its policy. An imported bucket
	// needs BucketPolicyManagedElsewhere.
	Bucket awss3.IBucket
	// EncryptionKey is the KMS key of an imported bucket, so that the
	// grantees get kms:Decrypt on it. Not with a bucket of this app (its
	// key is known).
	// @default the bucket's own key; none for SSE-S3 buckets
	EncryptionKey awskms.IKey
	// BucketPolicyManagedElsewhere confirms, for an imported bucket, that
	// its owner's policy already delegates access control to this account's
	// access points (the statement DelegationStatement builds); no
	// statement is added then. Not with a bucket of this app.
	// @default false
	BucketPolicyManagedElsewhere *bool
	// AccessPoints to create: at least one.
	AccessPoints []AccessPoint
}
