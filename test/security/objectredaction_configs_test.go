package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/objectredaction"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	objectredactionStack         = "ObjectRedaction"
	objectredactionImportedStack = "ObjectRedactionImported"
)

var objectredactionBuilt struct {
	orders, events       *securebucket.SecureBucket
	ecommerce, analytics awsiam.IRole
	writeTime, both      *objectredaction.Redaction
	imported             *objectredaction.Redaction
}

var objectredactionConfigs = testkit.Register("objectredaction", nil, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(objectredactionStack), nil)
	b := &objectredactionBuilt
	b.orders = securebucket.New(s, "Orders", nil)
	b.events = securebucket.New(s, "Events", nil)
	b.ecommerce = awsiam.NewRole(s, jsii.String("ECommerce"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	b.analytics = awsiam.NewRole(s, jsii.String("Analytics"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})

	// The mode open to every account: redacted copies at write time,
	// VPC-only access points for both applications.
	b.writeTime = objectredaction.New(s, "Redaction", &objectredaction.Props{
		Bucket:          b.orders.Bucket,
		OriginalReaders: []awsiam.IGrantable{b.ecommerce},
		RedactedReaders: []awsiam.IGrantable{b.analytics},
		Vpc:             accesspointsVpc(s),
	})
	// An existing S3 Object Lambda customer: both modes, on another bucket,
	// in the same stack.
	b.both = objectredaction.New(s, "ReadTime", &objectredaction.Props{
		Bucket:              b.events.Bucket,
		SourcePrefix:        "events/",
		RedactedPrefix:      "events-redacted/",
		OriginalReaders:     []awsiam.IGrantable{b.ecommerce},
		RedactedReaders:     []awsiam.IGrantable{b.analytics},
		AllowInternetOrigin: jsii.Bool(true),
		ObjectLambda:        jsii.Bool(true),
		ExistingCustomer:    jsii.Bool(true),
		MaxObjectBytes:      64 << 20,
		CreateAlarms:        jsii.Bool(false),
	})

	// Another team's bucket: imported, its policy (delegation) and its
	// EventBridge setting managed by its owner; its key given for grants.
	s2 := awscdk.NewStack(app, jsii.String(objectredactionImportedStack), nil)
	bucket := awss3.Bucket_FromBucketName(s2, jsii.String("Partner"), jsii.String(accesspointsImportedName))
	reader := awsiam.NewRole(s2, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	b.imported = objectredaction.New(s2, "Redaction", &objectredaction.Props{
		Bucket:                       bucket,
		EncryptionKey:                awskms.Key_FromKeyArn(s2, jsii.String("PartnerKey"), jsii.String(accesspointsImportedKey)),
		BucketPolicyManagedElsewhere: jsii.Bool(true),
		RedactedReaders:              []awsiam.IGrantable{reader},
		Vpc:                          accesspointsVpc(s2),
	})
})
