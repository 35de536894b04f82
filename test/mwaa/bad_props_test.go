package mwaa_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMwaaRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *mwaa.Props
		wants []string
	}{
		{"public web server", func(awscdk.Stack) *mwaa.Props { return &mwaa.Props{WebserverAccessMode: "PUBLIC_ONLY"} },
			[]string{"mwaa Bad/Airflow: invalid props", "WebserverAccessMode = PUBLIC_ONLY: PRIVATE_ONLY (the default); a web server on the internet needs AllowPublicWebserver: true"}},
		{"public web server not allowed", func(awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{WebserverAccessMode: "PUBLIC_ONLY", AllowPublicWebserver: jsii.Bool(false)}
		}, []string{"WebserverAccessMode = PUBLIC_ONLY: PRIVATE_ONLY"}},
		{"unknown access mode", func(awscdk.Stack) *mwaa.Props { return &mwaa.Props{WebserverAccessMode: "PRIVATE"} },
			[]string{"WebserverAccessMode = PRIVATE: PRIVATE_ONLY or PUBLIC_ONLY"}},
		{"bucket of the app without versioning", func(stack awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{DagBucket: awss3.NewBucket(stack, jsii.String("Plain"), nil)}
		}, []string{"DagBucket = Bad/Plain: a versioned bucket (VersioningConfiguration Status Enabled)"}},
		{"bucket of the app with versioning suspended", func(stack awscdk.Stack) *mwaa.Props {
			b := awss3.NewBucket(stack, jsii.String("Suspended"), nil)
			b.Node().DefaultChild().(awss3.CfnBucket).SetVersioningConfiguration(&awss3.CfnBucket_VersioningConfigurationProperty{Status: jsii.String("Suspended")})
			return &mwaa.Props{DagBucket: b}
		}, []string{"DagBucket = Bad/Suspended: a versioned bucket"}},
		{"imported bucket", func(stack awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{DagBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Imported"), jsii.String("dags"))}
		}, []string{"DagBucket = Bad/Imported: a versioned bucket: this one is imported, so confirm its versioning with DagBucketVersioned: true"}},
		{"imported bucket said unversioned", func(stack awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{DagBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Imported"), jsii.String("dags")), DagBucketVersioned: jsii.Bool(false)}
		}, []string{"DagBucket = Bad/Imported: a versioned bucket: this one is imported"}},
		{"environment class", func(awscdk.Stack) *mwaa.Props { return &mwaa.Props{EnvironmentClass: "mw1.huge"} },
			[]string{"EnvironmentClass = mw1.huge: one of mw1.micro, mw1.small, mw1.medium, mw1.large, mw1.xlarge, mw1.2xlarge"}},
		{"min above max", func(awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{MinWorkers: jsii.Number(5), MaxWorkers: jsii.Number(3)}
		},
			[]string{"MinWorkers = 5, MaxWorkers = 3: MinWorkers must not exceed MaxWorkers"}},
		{"min above default max", func(awscdk.Stack) *mwaa.Props { return &mwaa.Props{MinWorkers: jsii.Number(3)} },
			[]string{"MinWorkers = 3, MaxWorkers = 2: MinWorkers must not exceed MaxWorkers (MaxWorkers defaults to 2)"}},
		{"workers out of range", func(awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{MinWorkers: jsii.Number(0), MaxWorkers: jsii.Number(2.5)}
		},
			[]string{"MinWorkers = 0: a whole number of workers from 1 to 25", "MaxWorkers = 2.5: a whole number of workers from 1 to 25"}},
		{"one subnet", func(stack awscdk.Stack) *mwaa.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("P"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return &mwaa.Props{Vpc: vpc, VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}
		}, []string{"VpcSubnets = 1 subnet(s): exactly two private subnets in different zones"}},
		{"no private subnets", func(stack awscdk.Stack) *mwaa.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("P"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return &mwaa.Props{Vpc: vpc}
		}, []string{"VpcSubnets = ", "a selection of two private subnets of Vpc in different zones"}},
		{"endpoints and subnets without a VPC of the construct", func(stack awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}
		}, []string{"VpcSubnets = set: only with Vpc"}},
		{"extra endpoints in an existing VPC", func(stack awscdk.Stack) *mwaa.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("P"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return &mwaa.Props{Vpc: vpc, VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				ExtraEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_GLUE()}}
		}, []string{"ExtraEndpoints = 1: none with an existing Vpc"}},
		{"names, versions, levels, paths", func(awscdk.Stack) *mwaa.Props {
			return &mwaa.Props{Name: "1st env", AirflowVersion: "latest", LogLevel: "VERBOSE", DagS3Path: "/dags/",
				RequirementsS3ObjectVersion: "v1", DagConfig: map[string]*string{"a": jsii.String("b")}, DagBucketVersioned: jsii.Bool(true),
				LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{
			"Name = 1st env: 1 to 60 letters, digits, - and _, starting with a letter",
			"AirflowVersion = latest: an Airflow version Amazon MWAA supports, as major.minor.patch",
			"LogLevel = VERBOSE: CRITICAL, ERROR, WARNING, INFO, DEBUG",
			"DagS3Path = /dags/: a folder of the bucket without leading or trailing slash",
			"RequirementsS3ObjectVersion = v1: only with RequirementsS3Path",
			"DagConfig = set: only with DagsDirectory",
			"DagBucketVersioned = true: only with DagBucket",
			"LogRetention = INFINITE",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				mwaa.New(stack, "Airflow", c.props(stack))
			}, c.wants...)
		})
	}
}
