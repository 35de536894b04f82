package accesspoints_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The notes' example: Julie may GET and PUT under Julie/ of the lake,
// through a VPC-only access point; the analytics role reads curated/.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lake"), nil)
	lake := securebucket.New(stack, "Raw", nil)
	julie := awsiam.NewRole(stack, jsii.String("Julie"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	analytics := awsiam.NewRole(stack, jsii.String("Analytics"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId: jsii.String("vpc-0a1b2c3d4e5f67890"), AvailabilityZones: jsii.Strings("eu-west-1a"),
	})
	aps := accesspoints.New(stack, "AccessPoints", &accesspoints.Props{
		Bucket: lake.Bucket,
		AccessPoints: []accesspoints.AccessPoint{
			{ID: "Julie", Prefix: "Julie/", Access: accesspoints.ReadWrite, Grantees: []awsiam.IGrantable{julie}, Vpc: vpc},
			{ID: "Curated", Prefix: "curated/", Grantees: []awsiam.IGrantable{analytics}, Vpc: vpc},
		},
	})
	for _, p := range aps.Points {
		fmt.Println(p.ID, p.Prefix, p.Access, *p.Name)
	}
	// Output:
	// Julie Julie/ read-write lake-accesspoints-julie-2d11e15d
	// Curated curated/ read lake-accesspoints-curated-4c8d76d0
}
