package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// accesspointsBad builds the props of a rejected case in stack "Bad": a
// secure bucket "Lake", a role "Reader" and an imported VPC.
type accesspointsBad struct {
	stack  awscdk.Stack
	bucket awss3.IBucket
	reader awsiam.IGrantable
}

func TestAccesspointsRejectedProps(t *testing.T) {
	internet := jsii.Bool(true)
	cases := []struct {
		name  string
		props func(b accesspointsBad) *accesspoints.Props
		wants []string
	}{
		{"nothing", func(accesspointsBad) *accesspoints.Props { return nil },
			[]string{"accesspoints Bad/AccessPoints: invalid props", "Bucket = <nil>: the bucket to create access points on (required)", "AccessPoints = []: at least one access point"}},
		{"prefix with a leading slash", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{{ID: "A", Prefix: "/Julie/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet}}}
		}, []string{`AccessPoints[0].Prefix = /Julie/: a key prefix without a leading "/" (S3 keys do not start with one: "Julie/", not "/Julie/")`}},
		{"wildcard prefixes", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{
				{ID: "A", Prefix: "Julie/*", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
				{ID: "B", Prefix: "home/${aws:username}/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
				{ID: "C", Prefix: "a//b/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
			}}
		}, []string{"AccessPoints[0].Prefix = Julie/*: a literal prefix: '*' and '?' are IAM wildcards",
			"AccessPoints[1].Prefix = home/${aws:username}/: a literal prefix: '$' starts an IAM policy variable",
			`AccessPoints[2].Prefix = a//b/: a prefix without empty path segments ("//")`}},
		{"duplicate ids and names", func(b accesspointsBad) *accesspoints.Props {
			ap := accesspoints.AccessPoint{ID: "A", Name: "lake-reports", Prefix: "reports/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet}
			other := ap
			other.ID = "B"
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{ap, ap, other}}
		}, []string{"AccessPoints[1].ID = A: an ID no other access point of this construct has",
			"AccessPoints[1].Name = lake-reports: a name no other access point of this construct has",
			"AccessPoints[2].Name = lake-reports: a name no other"}},
		{"bad names and ids", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{
				{ID: "", Name: "Julie", Prefix: "Julie/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
				{ID: "B", Name: "lake-s3alias", Prefix: "b/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
			}}
		}, []string{"AccessPoints[0].ID = : 1 to 64 letters", "AccessPoints[0].Name = Julie: 3 to 50 lowercase letters", "AccessPoints[1].Name = lake-s3alias: 3 to 50"}},
		{"anyone", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{{ID: "A", Prefix: "public/", AllowInternetOrigin: internet,
				Grantees: []awsiam.IGrantable{awsiam.NewAnyPrincipal(), awsiam.NewStarPrincipal(), awsiam.NewArnPrincipal(jsii.String("*")), nil, b.reader}}}}
		}, []string{`AccessPoints[0].Grantees[0] = *: a role, user or account: the anonymous or "*" principal would open the access point (and the delegated bucket) to everyone`,
			"AccessPoints[0].Grantees[1] = *: a role", "AccessPoints[0].Grantees[2] = *: a role", "AccessPoints[0].Grantees[3] = nil: a principal, not nil"}},
		{"no grantees", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{{ID: "A", Prefix: "a/", AllowInternetOrigin: internet}}}
		}, []string{"AccessPoints[0].Grantees = []: at least one principal"}},
		{"internet origin without opt-in", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{
				{ID: "A", Prefix: "a/", Grantees: []awsiam.IGrantable{b.reader}},
				{ID: "B", Prefix: "b/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: jsii.Bool(false)},
				{ID: "C", Prefix: "c/", Grantees: []awsiam.IGrantable{b.reader}, Vpc: accesspointsVpc(b.stack), AllowInternetOrigin: internet},
			}}
		}, []string{"AccessPoints[0].Vpc = <nil>: a VPC for a VPC-only access point, or AllowInternetOrigin: true",
			"AccessPoints[1].Vpc = <nil>: a VPC", "AccessPoints[2].AllowInternetOrigin = true: not with Vpc"}},
		{"write to the whole bucket", func(b accesspointsBad) *accesspoints.Props {
			return &accesspoints.Props{Bucket: b.bucket, AccessPoints: []accesspoints.AccessPoint{
				{ID: "A", Access: accesspoints.ReadWrite, Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
				{ID: "B", Prefix: "b/", AllowWholeBucketWrite: jsii.Bool(true), Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
				{ID: "C", Access: "admin", Prefix: "c/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet},
			}}
		}, []string{`AccessPoints[0].Prefix = "": a prefix for ReadWrite, or AllowWholeBucketWrite: true to let the grantees write every key of the bucket`,
			"AccessPoints[1].AllowWholeBucketWrite = true: only with Access ReadWrite and an empty Prefix",
			"AccessPoints[2].Access = admin: accesspoints.Read or accesspoints.ReadWrite"}},
		{"imported bucket", func(b accesspointsBad) *accesspoints.Props {
			imported := awss3.Bucket_FromBucketName(b.stack, jsii.String("Imported"), jsii.String("example-other-lake"))
			return &accesspoints.Props{Bucket: imported, AccessPoints: []accesspoints.AccessPoint{{ID: "A", Prefix: "a/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet}}}
		}, []string{"Bucket = Bad/Imported: a bucket of this app, whose policy gets the delegation statement; this one is imported, so add the statement where its policy is managed (DelegationStatement) and confirm with BucketPolicyManagedElsewhere: true"}},
		{"own bucket with imported-bucket settings", func(b accesspointsBad) *accesspoints.Props {
			key := awskms.Key_FromKeyArn(b.stack, jsii.String("K"), jsii.String(accesspointsImportedKey))
			return &accesspoints.Props{Bucket: b.bucket, EncryptionKey: key, BucketPolicyManagedElsewhere: jsii.Bool(true),
				AccessPoints: []accesspoints.AccessPoint{{ID: "A", Prefix: "a/", Grantees: []awsiam.IGrantable{b.reader}, AllowInternetOrigin: internet, CalledVia: "lambda"}}}
		}, []string{"BucketPolicyManagedElsewhere = true: only with an imported bucket", "EncryptionKey = Bad/K: only with an imported bucket: this bucket's key is known",
			`AccessPoints[0].CalledVia = lambda: an AWS service principal, e.g. "s3-object-lambda.amazonaws.com"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				b := accesspointsBad{stack: stack, bucket: securebucket.New(stack, "Lake", nil).Bucket,
					reader: awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})}
				accesspoints.New(stack, "AccessPoints", c.props(b))
			}, c.wants...)
		})
	}
}
