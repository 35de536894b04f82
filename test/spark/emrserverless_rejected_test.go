package spark_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestEmrserverlessRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *emrserverless.Props
		wants []string
	}{
		{"release older than 6.x", func(awscdk.Stack) *emrserverless.Props { return &emrserverless.Props{ReleaseLabel: "emr-5.36.2"} },
			[]string{"emrserverless Bad/App: invalid props", "ReleaseLabel = emr-5.36.2: EMR 6.x or 7.x"}},
		{"malformed release", func(awscdk.Stack) *emrserverless.Props { return &emrserverless.Props{ReleaseLabel: "7.12"} },
			[]string{`ReleaseLabel = 7.12: an EMR release label "emr-<major>.<minor>.<patch>"`}},
		{"presto", func(awscdk.Stack) *emrserverless.Props { return &emrserverless.Props{Type: "PRESTO"} },
			[]string{"Type = PRESTO: SPARK or HIVE: EMR Serverless runs Spark and Hive only"}},
		{"public subnet", func(stack awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{Vpc: emrserverlessPublicVpc(stack), VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}
		}, []string{"VpcSubnets = Bad/Vpc/PublicSubnet1: private subnets only", "VpcSubnets = Bad/Vpc/PublicSubnet2: private subnets only"}},
		{"subnets without a VPC", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}
		}, []string{"VpcSubnets = set: only with Vpc"}},
		{"initial capacity above the maximum", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{InitialCapacity: []emrserverless.Worker{{Role: "Driver", Count: 1, VCpu: 4, MemoryGB: 16}, {Role: "Executor", Count: 4, VCpu: 4, MemoryGB: 16}}}
		}, []string{"InitialCapacity = 20 vCPU, 80 GB, 100 GB disk in all: more than MaximumCapacity (16 vCPU, 64 GB, 200 GB disk)"}},
		{"worker smaller than the Spark request plus 10 %", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{SparkDefaults: map[string]string{"spark.executor.memory": "15g", "spark.executor.cores": "8"},
				InitialCapacity: []emrserverless.Worker{{Role: "Executor", Count: 1, VCpu: 4, MemoryGB: 16}}}
		}, []string{"InitialCapacity[0].MemoryGB = 16: at least spark.executor.memory = 15.0 GB plus 10 % overhead = 16.5 GB", "InitialCapacity[0].VCpu = 4: at least spark.executor.cores = 8"}},
		{"bad workers", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{MaximumCapacity: &emrserverless.Capacity{VCpu: 400, MemoryGB: 3000, DiskGB: 20000},
				InitialCapacity: []emrserverless.Worker{{Role: "TezTask", Count: 0, VCpu: 3, MemoryGB: 4}, {Role: "Driver", Count: 1, VCpu: 2, MemoryGB: 32, DiskGB: 500}}}
		}, []string{"InitialCapacity[0].Role = TezTask: Driver or Executor for a SPARK application", "InitialCapacity[0].Count = 0: a whole number of workers from 1 to 1000",
			"InitialCapacity[0].VCpu = 3: 1, 2, 4, 8 or 16 vCPU per worker", "InitialCapacity[1].MemoryGB = 32: 4 to 16 GB for a 2-vCPU worker", "InitialCapacity[1].DiskGB = 500: 20 to 200 GB per worker"}},
		{"auto-stop timeout out of range", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{IdleTimeoutMinutes: jsii.Number(0)}
		},
			[]string{"IdleTimeoutMinutes = 0: a whole number of minutes from 1 to 10080"}},
		{"auto-stop timeout above a week", func(awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{IdleTimeoutMinutes: jsii.Number(20000)}
		}, []string{"IdleTimeoutMinutes = 20000: a whole number of minutes from 1 to 10080"}},
		{"log bucket without KMS", func(stack awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{LogBucket: awss3.NewBucket(stack, jsii.String("Plain"), nil)}
		}, []string{"LogBucket = Bad/Plain: a bucket encrypted with a KMS key"}},
		{"Spark settings on Hive, names, prefixes, retention, alarms", func(stack awscdk.Stack) *emrserverless.Props {
			return &emrserverless.Props{Type: emrserverless.Hive, AdaptiveSkewJoin: jsii.Bool(true), SparkDefaults: map[string]string{"a": "b"},
				Name: "bad name!", Architecture: "ARM", LogPrefix: "/logs", LogRetention: awslogs.RetentionDays_INFINITE,
				ReadLocations: []emrserverless.Location{{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("bkt")), Prefix: "s3://b/raw/"}},
				CreateAlarms:  jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("Topic"), nil)}
		}, []string{"AdaptiveSkewJoin = true: only for SPARK applications", "SparkDefaults = 1: only for SPARK applications", "Name = bad name!: 1 to 64 letters",
			"Architecture = ARM: ARM64 or X86_64", "LogPrefix = /logs: a folder of the log bucket", "LogRetention = INFINITE", "Location.Prefix = s3://b/raw/",
			"AlarmTopic = Bad/Topic: CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				emrserverless.New(stack, "App", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestEmrserverlessRejectedJobRuns(t *testing.T) {
	cases := []struct {
		name  string
		typ   string
		props *emrserverless.JobRunProps
		wants []string
	}{
		{"no entry point", emrserverless.Spark, nil, []string{"emrserverless.StartJobRun Bad/Run: invalid props", `EntryPoint = "": the s3:// URI of the script`}},
		{"not an s3 URI, bad timeout", emrserverless.Spark, &emrserverless.JobRunProps{EntryPoint: "https://x/y.py", ExecutionTimeout: awscdk.Duration_Days(jsii.Number(8)), Query: "s3://b/q.sql", HiveParameters: "--hivevar A=b", ResultPath: "jobRun"},
			[]string{`EntryPoint = "https://x/y.py": an s3://bucket/key URI`, "ExecutionTimeout = 8 days: whole minutes from 1 minute to 7 days", "Query = set: only for HIVE applications", "HiveParameters = set: only for HIVE applications", "ResultPath = jobRun"}},
		{"hive without query", emrserverless.Hive, &emrserverless.JobRunProps{EntryPoint: "s3://b/x.py"},
			[]string{`Query = "": the s3:// URI of the script`, "EntryPoint/EntryPointArguments/SparkSubmitParameters = set: only for SPARK applications"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				app := emrserverless.New(stack, "App", &emrserverless.Props{Type: c.typ, CreateAlarms: jsii.Bool(false)})
				app.StartJobRun(stack, "Run", c.props)
			}, c.wants...)
		})
	}
}
