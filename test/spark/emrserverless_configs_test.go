package spark_test

import (
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	emrserverlessDefaultsStack = "EmrServerlessDefaults"
	emrserverlessOptionsStack  = "EmrServerlessOptions"
	emrserverlessHiveStack     = "EmrServerlessHive"
)

var emrserverlessBuilt struct {
	defaults, options, hive *emrserverless.Application
	machine                 *statemachine.StateMachine
	run, hiveRun            awsstepfunctions.CustomState
	data                    *securebucket.SecureBucket
}

// emrserverlessPublicVpc has public subnets and private subnets with
// egress (one NAT gateway), for the rejected-props test.
func emrserverlessPublicVpc(scope constructs.Construct) awsec2.Vpc {
	return awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(24)},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(24)},
		},
	})
}

// emrserverlessVpc is a VPC of the app with two isolated subnets, the S3
// gateway endpoint and flow logs into a log group with a compliant key.
func emrserverlessVpc(scope constructs.Construct) awsec2.Vpc {
	vpc := awsec2.NewVpc(scope, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), RestrictDefaultSecurityGroup: jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)}},
		GatewayEndpoints:    &map[string]*awsec2.GatewayVpcEndpointOptions{"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()}},
	})
	key := awskms.NewKey(scope, jsii.String("FlowLogKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("logs.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"), Resources: jsii.Strings("*"),
	}), nil)
	logs := awslogs.NewLogGroup(scope, jsii.String("FlowLogs"), &awslogs.LogGroupProps{
		EncryptionKey: key, Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	vpc.AddFlowLog(jsii.String("FlowLog"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(logs, nil), TrafficType: awsec2.FlowLogTrafficType_ALL})
	return vpc
}

var emrserverlessConfigs = testkit.Register("emrserverless", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(emrserverlessDefaultsStack), nil)
	emrserverlessBuilt.defaults = emrserverless.New(s1, "Spark", nil)

	// The SparkCompute shape: scripts as an asset, a data bucket with a
	// read prefix and a write prefix, a Glue database, pre-initialized
	// workers within the maximum, a VPC, x86, and a state machine that
	// runs the job.
	s2 := awscdk.NewStack(app, jsii.String(emrserverlessOptionsStack), nil)
	emrserverlessBuilt.data = securebucket.New(s2, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	scripts := awss3assets.NewAsset(s2, jsii.String("Scripts"), &awss3assets.AssetProps{Path: jsii.String(filepath.Join(testkit.RepoRoot(), "glue", "jobs"))})
	vpc := emrserverlessVpc(s2)
	emrserverlessBuilt.options = emrserverless.New(s2, "Spark", &emrserverless.Props{
		Name:               "lake-spark",
		ReleaseLabel:       "emr-6.15.0",
		Architecture:       emrserverless.X8664,
		IdleTimeoutMinutes: jsii.Number(30),
		MaximumCapacity:    &emrserverless.Capacity{VCpu: 32, MemoryGB: 128, DiskGB: 500},
		InitialCapacity: []emrserverless.Worker{
			{Role: "Driver", Count: 1, VCpu: 4, MemoryGB: 16},
			{Role: "Executor", Count: 2, VCpu: 4, MemoryGB: 16, DiskGB: 50},
		},
		SparkDefaults:      map[string]string{"spark.executor.memory": "14g", "spark.executor.cores": "4"},
		Vpc:                vpc,
		ScriptAssets:       []awss3assets.Asset{scripts},
		ReadLocations:      []emrserverless.Location{{Bucket: emrserverlessBuilt.data.Bucket, Prefix: "raw/"}},
		ReadWriteLocations: []emrserverless.Location{{Bucket: emrserverlessBuilt.data.Bucket, Prefix: "curated/"}},
		GlueDatabases:      []string{"lake_raw", "lake_curated"},
		LogRetention:       awslogs.RetentionDays_TWO_YEARS,
	})
	run := emrserverlessBuilt.options.StartJobRun(s2, "RunSkewJob", &emrserverless.JobRunProps{
		EntryPoint:            *scripts.S3ObjectUrl(),
		EntryPointArguments:   []string{"--input", "s3://lake/raw/orders/"},
		SparkSubmitParameters: "--conf spark.executor.instances=2",
		ExecutionTimeout:      awscdk.Duration_Hours(jsii.Number(1)),
	})
	emrserverlessBuilt.machine = statemachine.New(s2, "Pipeline", &statemachine.Props{
		Definition: awsstepfunctions.Chain_Start(run),
	})
	emrserverlessBuilt.run = run
	emrserverlessBuilt.options.GrantStartJobRun(emrserverlessBuilt.machine.Role)

	// Hive, no Glue catalog, no alarms, an existing log bucket.
	s3 := awscdk.NewStack(app, jsii.String(emrserverlessHiveStack), nil)
	logs := securebucket.New(s3, "Logs", &securebucket.Props{Encryption: securebucket.SSEKMS})
	emrserverlessBuilt.hive = emrserverless.New(s3, "Hive", &emrserverless.Props{
		Type:         emrserverless.Hive,
		GlueCatalog:  jsii.Bool(false),
		CreateAlarms: jsii.Bool(false),
		LogBucket:    logs.Bucket,
		LogPrefix:    "hive/",
		InitialCapacity: []emrserverless.Worker{
			{Role: "HiveDriver", Count: 1, VCpu: 2, MemoryGB: 4},
		},
	})
	emrserverlessBuilt.hiveRun = emrserverlessBuilt.hive.StartJobRun(s3, "Query", &emrserverless.JobRunProps{Query: "$.query", HiveParameters: "--hivevar TABLE=t --hiveconf hive.exec.scratchdir=s3://b/s/"})
})
