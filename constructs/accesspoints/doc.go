// Package accesspoints controls access to a shared bucket through S3 access
// points whose policies the bucket delegates to (catalogue SEC-06,
// s3-access-point-delegation).
//
// Scenario: many applications and people read and write one data-lake
// bucket, each under its own prefix. One bucket policy listing them all
// grows past its 20 KB limit and every change touches everyone. Instead,
// each consumer gets an access point whose own policy says who may do what
// under which prefix, and the bucket policy says once: "whatever comes
// through an access point of this account is for the access point's
// policy to decide".
//
//	Julie (role/user) ──GET/PUT Julie/*──▶ access point "julie" (VPC-only,
//	  │                                     policy: Julie, object/Julie/*,
//	  │                                     ListBucket s3:prefix Julie/*)
//	  │ kms:Decrypt, kms:GenerateDataKey               │
//	  ▼ (grant on the bucket key)                       ▼
//	bucket key (KMS)            bucket policy: Allow "*" the access points' actions
//	                            on the bucket and its objects if
//	                            s3:DataAccessPointAccount = this account
//	                            (+ the bucket's own TLS and encryption denies)
//
// New, for each AccessPoint of the props, creates an AWS::S3::AccessPoint
// with every Block Public Access setting on, VPC-only when a Vpc is given
// (an internet origin needs AllowInternetOrigin: true), named from the
// construct path unless Name is given, and a policy with two statements
// for the grantees: the object actions of its Access (Read: GetObject,
// GetObjectVersion; ReadWrite: also PutObject and AbortMultipartUpload; never
// DeleteObject) on accesspoint/<name>/object/<prefix>*, and ListBucket on
// the access point limited to s3:prefix <prefix>*. ARNs are built with
// the stack's partition, region and account. With CalledVia both
// statements also require aws:CalledVia (the supporting access point of an
// S3 Object Lambda access point, see constructs/objectredaction). The
// grantees get kms:Decrypt (ReadWrite: and kms:GenerateDataKey) on the
// bucket's key through a grant; no S3 statement is added to their
// identity policies, since the access-point policy allows principals of
// the same account by itself. Because listing is limited to the prefix,
// GetObject of a missing key through the access point answers 403
// AccessDenied rather than 404 (S3 answers 404 only to principals allowed
// to list the key's place). Each access point is exposed as a Point: its
// CfnAccessPoint, Name, Arn and Alias.
//
// The bucket policy gets one statement per construct (Sid derived from
// the construct path): Principal "*", the union of the actions its access
// points grant (not "*", as in the notes), on the bucket and its objects,
// with s3:DataAccessPointAccount = the stack's account. An imported
// bucket's policy cannot be changed from here: DelegationStatement builds
// the statement for its owner, and BucketPolicyManagedElsewhere: true
// confirms it is in place.
//
// Why derived names: an access point's ARN contains its name, and its
// policy must name its own ARN. A Ref to the access point inside its own
// Policy property would be a circular reference, so the name is a literal
// made from the stack name and construct path (awscdk.Names), lowercase,
// with a hash: two instances in one stack (or two stacks) never collide.
//
// Rejected props (synthesis errors naming the path, property, value and
// what is allowed): no bucket; no access point; IDs that are empty,
// malformed or repeated; names that S3 refuses or that repeat; prefixes
// with a leading "/", '*', '?', '$' (policy variables), "//" or over 1000
// bytes; no grantee, a nil grantee, or the anonymous / "*" principal;
// an access point without Vpc and without AllowInternetOrigin, or with
// both; ReadWrite on the whole bucket (empty prefix) without
// AllowWholeBucketWrite, and AllowWholeBucketWrite where it means
// nothing; an unknown Access; an imported bucket without
// BucketPolicyManagedElsewhere, or that flag (or EncryptionKey) with a
// bucket of this app; a CalledVia that is not a service principal.
//
// What the notes say and what is done: the notes' delegation statement
// allows Action "*"; here it allows only the actions the access points
// grant, so an access point added by hand with wider rights still cannot
// use them. The notes grant an IAM user (Julie); the tests use a role,
// since Control Tower refuses IAM users with policies; any IGrantable
// works.
//
// Not covered: access points for other accounts (cross-account
// delegation needs the other account's identity policies and a
// DataAccessPointAccount condition naming it), multi-Region access
// points, access points for directory buckets or FSx volumes, and
// access-point-scoped VPC endpoint policies (the VPC's S3 endpoint must
// allow the access point: the DataProtection stack adds that statement to
// its endpointpolicy perimeter).
//
// cdk-nag suppressions: none. Control Tower exemptions: none.
package accesspoints
