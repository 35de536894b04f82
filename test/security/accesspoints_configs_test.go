package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	accesspointsStack         = "AccessPoints"
	accesspointsImportedStack = "AccessPointsImported"
	accesspointsVpcID         = "vpc-0a1b2c3d4e5f67890"
	accesspointsImportedName  = "example-partner-lake"
	accesspointsImportedKey   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

var accesspointsBuilt struct {
	lake           *securebucket.SecureBucket
	julie          awsiam.IRole
	analytics      awsiam.IRole
	main, second   *accesspoints.AccessPoints
	imported       *accesspoints.AccessPoints
	importedReader awsiam.IRole
}

// accesspointsVpc is an imported VPC (only its id matters to an access
// point).
func accesspointsVpc(scope constructs.Construct) awsec2.IVpc {
	return awsec2.Vpc_FromVpcAttributes(scope, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId: jsii.String(accesspointsVpcID), AvailabilityZones: jsii.Strings("eu-west-1a"),
	})
}

var accesspointsConfigs = testkit.Register("accesspoints", nil, func(app constructs.Construct) {
	// The notes' example: Julie gets GET/PUT on Julie/ through a VPC-only
	// access point; an analytics role reads curated/ through an internet
	// access point with a given name. A second construct on the same
	// bucket in the same stack: names and delegation statements differ.
	s := awscdk.NewStack(app, jsii.String(accesspointsStack), nil)
	b := &accesspointsBuilt
	b.lake = securebucket.New(s, "Lake", nil)
	// Julie is a user in the notes; a role here (Control Tower refuses IAM
	// users with policies).
	b.julie = awsiam.NewRole(s, jsii.String("Julie"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	b.analytics = awsiam.NewRole(s, jsii.String("Analytics"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	vpc := accesspointsVpc(s)
	b.main = accesspoints.New(s, "AccessPoints", &accesspoints.Props{
		Bucket: b.lake.Bucket,
		AccessPoints: []accesspoints.AccessPoint{
			{ID: "Julie", Prefix: "Julie/", Grantees: []awsiam.IGrantable{b.julie}, Access: accesspoints.ReadWrite, Vpc: vpc},
			{ID: "Curated", Name: "analytics-curated", Prefix: "curated/", Grantees: []awsiam.IGrantable{b.analytics}, AllowInternetOrigin: jsii.Bool(true)},
		},
	})
	b.second = accesspoints.New(s, "More", &accesspoints.Props{
		Bucket:       b.lake.Bucket,
		AccessPoints: []accesspoints.AccessPoint{{ID: "Julie", Prefix: "shared/", Grantees: []awsiam.IGrantable{b.analytics}, Vpc: vpc}},
	})

	// An imported bucket of another team: its owner manages the policy
	// (delegation confirmed), its key is given for the grant.
	s2 := awscdk.NewStack(app, jsii.String(accesspointsImportedStack), nil)
	bucket := awss3.Bucket_FromBucketName(s2, jsii.String("Partner"), jsii.String(accesspointsImportedName))
	key := awskms.Key_FromKeyArn(s2, jsii.String("PartnerKey"), jsii.String(accesspointsImportedKey))
	b.importedReader = awsiam.NewRole(s2, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	b.imported = accesspoints.New(s2, "AccessPoints", &accesspoints.Props{
		Bucket: bucket, EncryptionKey: key, BucketPolicyManagedElsewhere: jsii.Bool(true),
		AccessPoints: []accesspoints.AccessPoint{{ID: "Reports", Prefix: "reports/2026/", Grantees: []awsiam.IGrantable{b.importedReader}, Vpc: accesspointsVpc(s2)}},
	})
})
