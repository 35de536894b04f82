package athena

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsathena"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// SparkEngineVersion is the engine of Athena for Apache Spark workgroups.
const SparkEngineVersion = "PySpark engine version 3"

// SparkProps configures a SparkWorkGroup (catalogue ANA-03). nil is a
// working default.
type SparkProps struct {
	// Name of the workgroup (letters, digits, . _ -, up to 128).
	// @default derived from the construct's unique path
	Name *string
	// Description of the workgroup.
	Description *string
	// ResultsBucket receives calculation results under ResultsPrefix; it
	// must accept SSE-KMS uploads with EncryptionKey.
	// @default a new SSE-KMS securebucket whose results expire after ResultsExpiration
	ResultsBucket awss3.IBucket
	// ResultsPrefix of the results (ending in "/").
	// @default "results/"
	ResultsPrefix *string
	// ResultsExpiration of the bucket the construct creates, whole days.
	// @default 30 days
	ResultsExpiration awscdk.Duration
	// EncryptionKey encrypts results, notebooks and calculation data
	// (CustomerContentEncryptionConfiguration).
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// MaxConcurrentDpus caps the DPUs of all sessions together (2 to 5000).
	// @default Athena's (20 as of 2026)
	MaxConcurrentDpus *float64
}

// SparkWorkGroup is an Athena for Apache Spark workgroup whose sessions run
// as an execution role allowed only what sessions of this workgroup need.
type SparkWorkGroup struct {
	constructs.Construct
	WorkGroup     awsathena.CfnWorkGroup
	Name          string
	Arn           *string
	ResultsBucket awss3.IBucket
	ResultsPrefix string
	Key           awskms.IKey
	// ExecutionRole is what notebooks and calculations run as: grant it the
	// data they read (lake.GrantRead(w.ExecutionRole, "curated/*")).
	ExecutionRole awsiam.Role
}

// NewSpark creates the Spark workgroup. props may be nil.
func NewSpark(scope constructs.Construct, id string, props *SparkProps) *SparkWorkGroup {
	p := SparkProps{}
	if props != nil {
		p = *props
	}
	pr := propcheck.For("athena.SparkWorkGroup", scope, id)
	checkName(pr, p.Name)
	checkResults(pr, p.ResultsBucket, p.ResultsPrefix, p.ResultsExpiration, false)
	if d := p.MaxConcurrentDpus; d != nil && (*d < 2 || *d > 5000 || *d != float64(int(*d))) {
		pr.Add("MaxConcurrentDpus", strconv.FormatFloat(*d, 'f', -1, 64), "a whole number of DPUs from 2 to 5000")
	}
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &SparkWorkGroup{Construct: c, Name: workgroupName(c, p.Name)}
	res := newResults(c, resultsSpec{bucket: p.ResultsBucket, prefix: p.ResultsPrefix, expiration: p.ResultsExpiration, key: p.EncryptionKey})
	w.ResultsBucket, w.ResultsPrefix, w.Key = res.bucket, res.prefix, res.key
	w.Arn = workgroupArn(c, w.Name)
	w.ExecutionRole = sparkRole(c, w)

	var engine any
	if p.MaxConcurrentDpus != nil {
		engine = &awsathena.CfnWorkGroup_EngineConfigurationProperty{MaxConcurrentDpus: p.MaxConcurrentDpus}
	}
	w.WorkGroup = awsathena.NewCfnWorkGroup(c, jsii.String("WorkGroup"), &awsathena.CfnWorkGroupProps{
		Name:                  jsii.String(w.Name),
		Description:           p.Description,
		State:                 jsii.String("ENABLED"),
		RecursiveDeleteOption: jsii.Bool(false),
		WorkGroupConfiguration: &awsathena.CfnWorkGroup_WorkGroupConfigurationProperty{
			EngineVersion:                   &awsathena.CfnWorkGroup_EngineVersionProperty{SelectedEngineVersion: jsii.String(SparkEngineVersion)},
			ExecutionRole:                   w.ExecutionRole.RoleArn(),
			EnforceWorkGroupConfiguration:   jsii.Bool(true),
			PublishCloudWatchMetricsEnabled: jsii.Bool(true),
			EngineConfiguration:             engine,
			CustomerContentEncryptionConfiguration: &awsathena.CfnWorkGroup_CustomerContentEncryptionConfigurationProperty{
				KmsKey: res.key.KeyArn(),
			},
			ResultConfiguration: &awsathena.CfnWorkGroup_ResultConfigurationProperty{
				OutputLocation: res.location(),
				EncryptionConfiguration: &awsathena.CfnWorkGroup_EncryptionConfigurationProperty{
					EncryptionOption: jsii.String(string(SSEKMS)),
					KmsKey:           res.key.KeyArn(),
				},
				ExpectedBucketOwner: awscdk.Stack_Of(c).Account(),
			},
		},
	})
	// The role's policy must exist before Athena checks the role.
	w.WorkGroup.Node().AddDependency(w.ExecutionRole)
	return w
}
