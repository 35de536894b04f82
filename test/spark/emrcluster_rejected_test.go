package spark_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcluster"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// emrclusterPublicVpc has one public and one private subnet per zone.
func emrclusterPublicVpc(stack awscdk.Stack) awsec2.Vpc {
	return awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
		}})
}

func TestEmrclusterRejectedProps(t *testing.T) {
	step := []emrcluster.Step{{Name: "job", Args: []string{"spark-submit", "s3://b/job.py"}}}
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *emrcluster.Props
		wants []string
	}{
		{"public subnet", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Vpc: emrclusterPublicVpc(stack), VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}
		}, []string{"emrcluster Bad/Cluster: invalid props", "VpcSubnets = Bad/Vpc/PublicSubnet1: private subnets only: this one is public", "VpcSubnets = Bad/Vpc/PublicSubnet2: private subnets only"}},
		{"public and private subnets", func(stack awscdk.Stack) *emrcluster.Props {
			vpc := emrclusterPublicVpc(stack)
			return &emrcluster.Props{Vpc: vpc, VpcSubnets: &awsec2.SubnetSelection{Subnets: &[]awsec2.ISubnet{(*vpc.PrivateSubnets())[0], (*vpc.PublicSubnets())[1]}}}
		}, []string{"VpcSubnets = Bad/Vpc/PublicSubnet2: private subnets only"}},
		{"VPC without private subnets", func(stack awscdk.Stack) *emrcluster.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC}}})
			return &emrcluster.Props{Vpc: vpc}
		}, []string{"VpcSubnets = ", "a selection of private subnets of Vpc"}},
		{"release older than 6.x", func(awscdk.Stack) *emrcluster.Props { return &emrcluster.Props{ReleaseLabel: "emr-5.36.2"} },
			[]string{"ReleaseLabel = emr-5.36.2: emr-6.x or emr-7.x: releases before 6.0 are out of standard support", "use " + emrcluster.DefaultReleaseLabel}},
		{"malformed release", func(awscdk.Stack) *emrcluster.Props { return &emrcluster.Props{ReleaseLabel: "7.13.0"} },
			[]string{`ReleaseLabel = 7.13.0: an EMR release label "emr-<major>.<minor>.<patch>"`}},
		{"scaling min above max", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Scaling: &emrcluster.Scaling{Minimum: jsii.Number(8), Maximum: jsii.Number(4)}}
		}, []string{"Scaling.Minimum = 8, Scaling.Maximum = 4: the minimum must not exceed the maximum"}},
		{"scaling min above default max", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Scaling: &emrcluster.Scaling{Minimum: jsii.Number(12)}}
		}, []string{"Scaling.Minimum = 12, Scaling.Maximum = 10: the minimum must not exceed the maximum (Maximum defaults to 10)"}},
		{"scaling impossible combinations", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{TaskCapacity: jsii.Number(0), Scaling: &emrcluster.Scaling{Maximum: jsii.Number(5), MaximumOnDemand: jsii.Number(6), MaximumCore: jsii.Number(4)}}
		}, []string{
			"Scaling.MaximumOnDemand = 6, Scaling.Maximum = 5: the On-Demand limit must not exceed the maximum",
			"Scaling.MaximumCore = 4, Scaling.Maximum = 5, TaskCapacity = 0: units above MaximumCore are task nodes, and there is no task fleet",
		}},
		{"scaling below the On-Demand core fleet", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{CoreCapacity: jsii.Number(4), Scaling: &emrcluster.Scaling{MaximumOnDemand: jsii.Number(2), Maximum: jsii.Number(0.5)}}
		}, []string{"Scaling.Maximum = 0.5: a whole number of instance fleet units from 1 to 2000"}},
		{"scaling On-Demand limit below core", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{CoreCapacity: jsii.Number(4), Scaling: &emrcluster.Scaling{MaximumOnDemand: jsii.Number(2)}}
		}, []string{"Scaling.MaximumOnDemand = 2, CoreCapacity = 4: the On-Demand core fleet alone needs 4 On-Demand units"}},
		{"scaling and disabled scaling", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{DisableScaling: jsii.Bool(true), Scaling: &emrcluster.Scaling{}}
		}, []string{"Scaling = set: not with DisableScaling: true"}},
		{"spot core without opt-in", func(awscdk.Stack) *emrcluster.Props { return &emrcluster.Props{CoreSpot: jsii.Bool(true)} },
			[]string{"CoreSpot = true: On-Demand core nodes (the default): a reclaimed Spot core node takes its HDFS blocks", "set AllowSpotCore: true as well"}},
		{"spot core opt-in refused", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{CoreSpot: jsii.Bool(true), AllowSpotCore: jsii.Bool(false)}
		}, []string{"CoreSpot = true: On-Demand core nodes"}},
		{"opt-in without spot core", func(awscdk.Stack) *emrcluster.Props { return &emrcluster.Props{AllowSpotCore: jsii.Bool(true)} },
			[]string{"AllowSpotCore = true: only with CoreSpot: true"}},
		{"security configuration without in-transit encryption", func(awscdk.Stack) *emrcluster.Props {
			doc := emrclusterSecurityDoc(jsii.String("arn:aws:kms:eu-west-1:111122223333:key/k"))
			enc := doc["EncryptionConfiguration"].(map[string]any)
			enc["EnableInTransitEncryption"] = false
			delete(enc, "InTransitEncryptionConfiguration")
			return &emrcluster.Props{SecurityConfiguration: doc}
		}, []string{"SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption = false: true: the construct does not run a cluster without in-transit encryption"}},
		{"security configuration without anything", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{SecurityConfiguration: map[string]any{"AuthenticationConfiguration": map[string]any{}}}
		}, []string{
			"SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption = missing",
			"SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption = missing",
			"SecurityConfiguration.InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion = missing: 2 (IMDSv2 only)",
		}},
		{"security configuration weak at rest", func(awscdk.Stack) *emrcluster.Props {
			doc := emrclusterSecurityDoc(jsii.String("arn:aws:kms:eu-west-1:111122223333:key/k"))
			at := doc["EncryptionConfiguration"].(map[string]any)["AtRestEncryptionConfiguration"].(map[string]any)
			at["S3EncryptionConfiguration"] = map[string]any{"EncryptionMode": "SSE-S3"}
			delete(at["LocalDiskEncryptionConfiguration"].(map[string]any), "EnableEbsEncryption")
			doc["InstanceMetadataServiceConfiguration"] = map[string]any{"MinimumInstanceMetadataServiceVersion": 1}
			delete(doc["EncryptionConfiguration"].(map[string]any)["InTransitEncryptionConfiguration"].(map[string]any), "TLSCertificateConfiguration")
			return &emrcluster.Props{SecurityConfiguration: doc, CertificatesS3Url: "s3://pki-bucket/certs.zip"}
		}, []string{
			`S3EncryptionConfiguration.EncryptionMode = "SSE-S3": SSE-KMS or CSE-KMS`,
			"LocalDiskEncryptionConfiguration.EnableEbsEncryption = missing",
			"MinimumInstanceMetadataServiceVersion = 1: 2 (IMDSv2 only)",
			"InTransitEncryptionConfiguration.TLSCertificateConfiguration = missing: a certificate provider",
			"CertificatesS3Url = s3://pki-bucket/certs.zip: not with SecurityConfiguration",
			"CertificatesS3Url = s3://pki-bucket/certs.zip: with CertificatesBucket",
		}},
		{"log bucket without encryption", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{LogBucket: awss3.NewBucket(stack, jsii.String("Plain"), nil)}
		}, []string{"LogBucket = Bad/Plain: a bucket encrypted with a KMS key (SSE-KMS): this one has no EncryptionKey; pass its key as LogBucketKey"}},
		{"imported log bucket without its key", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{LogBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Imported"), jsii.String("logs"))}
		}, []string{"LogBucket = Bad/Imported: a bucket encrypted with a KMS key"}},
		{"log key without bucket, bad prefix", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{LogBucketKey: awskms.NewKey(stack, jsii.String("K"), nil), LogPrefix: "/logs"}
		}, []string{"LogBucketKey = Bad/K: only with LogBucket", `LogPrefix = /logs: a key prefix ending with "/"`}},
		{"transient without steps", func(awscdk.Stack) *emrcluster.Props { return &emrcluster.Props{Mode: emrcluster.Transient} },
			[]string{"Mode = TRANSIENT: a transient cluster runs its Steps and terminates: give at least one step"}},
		{"transient with idle timeout", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Mode: emrcluster.Transient, Steps: step, IdleTimeout: awscdk.Duration_Hours(jsii.Number(1))}
		}, []string{"IdleTimeout = 1 hour: only with LongRunning"}},
		{"modes, timeouts, steps", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Mode: "NIGHTLY", IdleTimeout: awscdk.Duration_Seconds(jsii.Number(30)), StepConcurrencyLevel: jsii.Number(300),
				Steps: []emrcluster.Step{{Name: ""}, {Name: "x", Args: []string{"a"}, ActionOnFailure: "RETRY"}}}
		}, []string{
			"Mode = NIGHTLY: emrcluster.LongRunning or emrcluster.Transient",
			"IdleTimeout = 30 seconds: whole seconds from 1 minute to 7 days",
			"StepConcurrencyLevel = 300: a whole number from 1 to 256",
			`Steps[0].Name = "": a name for the step`,
			"Steps[0].Args = []: the command command-runner.jar runs",
			"Steps[1].ActionOnFailure = RETRY: TERMINATE_CLUSTER, CANCEL_AND_WAIT, CONTINUE",
		}},
		{"fleets", func(awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{PrimaryInstanceTypes: []string{}, CoreInstanceTypes: []string{"M7G-XL"}, CoreCapacity: jsii.Number(0),
				TaskCapacity: jsii.Number(0), TaskOnDemand: jsii.Bool(true), TaskInstanceTypes: []string{"m7g.xlarge"}, DisableScaling: jsii.Bool(true)}
		}, []string{
			"PrimaryInstanceTypes = 0 type(s): 1 to 5 instance types",
			`CoreInstanceTypes = M7G-XL: EC2 instance types such as "m7g.xlarge"`,
			"CoreCapacity = 0: a whole number of units, at least 1",
			"TaskOnDemand = true: only with a task fleet",
			"TaskInstanceTypes = m7g.xlarge: only with a task fleet",
		}},
		{"catalog, AMI, root volume, certificates, network, alarms", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{GlueCatalog: jsii.Bool(false), GlueDatabases: []string{"Lake-Raw"}, CustomAmiId: "al2023", EbsRootVolumeSize: jsii.Number(500),
				CertificatesS3Url: "https://example.com/certs.zip", CertificatesBucket: awss3.NewBucket(stack, jsii.String("Pki"), nil),
				VpcSubnets:   &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
				CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("T"), nil),
				Configurations: []emrcluster.Configuration{{Classification: ""}}, Data: []emrcluster.Access{{Prefix: "/x"}}}
		}, []string{
			"GlueDatabases = Lake-Raw: only with the Glue Data Catalog as metastore",
			"GlueDatabases = Lake-Raw: Glue database names",
			"CustomAmiId = al2023: an AMI id",
			"EbsRootVolumeSize = 500: whole GiB from 15 to 100",
			"CertificatesS3Url = https://example.com/certs.zip: the S3 URL of a zip of PEM files",
			"VpcSubnets = set: only with Vpc",
			"AlarmTopic = Bad/T: CreateAlarms is false",
			`Configurations[0].Classification = "": an EMR classification`,
			"Data[0].Bucket = nil", "Data[0].Prefix = /x",
		}},
		{"DSSE bucket written", func(stack awscdk.Stack) *emrcluster.Props {
			lake := securebucket.New(stack, "Lake", nil)
			return &emrcluster.Props{Data: []emrcluster.Access{{Bucket: lake.Bucket, Prefix: "raw/"}, {Bucket: lake.Bucket, Prefix: "curated/", Write: true}}}
		}, []string{"Data[1].Bucket = Bad/Lake/Bucket: a bucket EMRFS can write: this one is DSSE-KMS"}},
		{"endpoints in a given VPC", func(stack awscdk.Stack) *emrcluster.Props {
			return &emrcluster.Props{Vpc: emrclusterPublicVpc(stack), ExtraGatewayDynamoDB: jsii.Bool(true),
				ExtraEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_GLUE()}}
		}, []string{"ExtraEndpoints = 1: none with an existing Vpc", "ExtraGatewayDynamoDB = true: not with an existing Vpc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				emrcluster.New(stack, "Cluster", c.props(stack))
			}, c.wants...)
		})
	}
}
