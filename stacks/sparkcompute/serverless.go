package sparkcompute

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// serverless is ETL-14: a Spark application for the skew join, with the
// devices table a Hive application for the export, and with the warehouse
// a Spark application in its VPC for the offload (ETL-22), all stopped
// while idle; the Nightly state machine runs them one after the other.
func (s *Stack) serverless(w *work) {
	sc := w.cfg.Serverless
	capacity := &emrserverless.Capacity{VCpu: sc.MaxVcpu, MemoryGB: sc.MaxMemoryGB, DiskGB: emrserverless.DefaultMaximumCapacity.DiskGB}
	common := func(typ string) *emrserverless.Props {
		return &emrserverless.Props{
			Type:               typ,
			IdleTimeoutMinutes: jsii.Number(sc.IdleMinutes),
			MaximumCapacity:    capacity,
			ScriptAssets:       scriptAssets(s.Jobs),
			AlarmTopic:         s.Alarms.Topic,
		}
	}
	sp := common(emrserverless.Spark)
	sp.LogPrefix = "emr-serverless/spark/"
	sp.ReadLocations = []emrserverless.Location{{Bucket: w.lake.Bucket, Prefix: w.lake.OrdersPrefix}, {Bucket: w.lake.Bucket, Prefix: w.lake.CustomersPrefix}}
	sp.ReadWriteLocations = []emrserverless.Location{{Bucket: w.lake.Bucket, Prefix: OrdersByCustomerPrefix}}
	s.Spark = emrserverless.New(s.Stack, "Spark", sp)
	s.Jobs.GrantPutMetricData(s.Spark.JobRole)

	skew := s.Spark.StartJobRun(s.Stack, "OrdersByCustomer", &emrserverless.JobRunProps{
		EntryPoint:          *s.Jobs.S3Url(sparkjobs.SkewJoin),
		EntryPointArguments: w.skewArgs(),
		ExecutionTimeout:    awscdk.Duration_Hours(jsii.Number(1)),
		ResultPath:          "$.ordersByCustomer",
	})
	var definition awsstepfunctions.IChainable = skew
	if w.devices != nil {
		hv := common(emrserverless.Hive)
		hv.ReadWriteLocations = []emrserverless.Location{{Bucket: w.lake.Bucket, Prefix: DevicesPrefix}, {Bucket: w.lake.Bucket, Prefix: OutputPrefix + "hive/"}}
		hv.GlueDatabases = []string{Database}
		// One log bucket and key for both applications.
		hv.LogBucket, hv.EncryptionKey, hv.LogPrefix = s.Spark.LogBucket, s.Spark.Key, "emr-serverless/hive/"
		s.Hive = emrserverless.New(s.Stack, "Hive", hv)
		grantExport(s.Hive.JobRole, w)
		driver := must(s.Jobs.HiveServerlessDriver(w.export()))
		export := s.Hive.StartJobRun(s.Stack, "DevicesExport", &emrserverless.JobRunProps{
			Query:            *driver.Query,
			HiveParameters:   *driver.Parameters,
			ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
			ResultPath:       "$.devicesExport",
		})
		definition = skew.Next(export)
	}
	if w.warehouse != nil {
		offload := s.offload(w, w.warehouse, common)
		definition = awsstepfunctions.Chain_Start(definition).Next(offload)
	}
	s.Nightly = statemachine.New(s.Stack, "Nightly", &statemachine.Props{
		Definition: definition,
		Timeout:    awscdk.Duration_Hours(jsii.Number(3)),
		AlarmTopic: s.Alarms.Topic,
		Schedule:   schedule(w.cfg),
	})
	s.Spark.GrantStartJobRun(s.Nightly.Role)
	if s.Hive != nil {
		s.Hive.GrantStartJobRun(s.Nightly.Role)
	}
	if s.Offload != nil {
		s.Offload.GrantStartJobRun(s.Nightly.Role)
	}
}

// grantExport lets the export's role scan the devices table (and decrypt
// it) and create its database and replace its external table: the
// database is created by the first run, so under Lake Formation the role
// owns it as its creator (docs/patterns/sparkjobs.md).
func grantExport(role awsiam.IRole, w *work) {
	w.devices.Grant(role, jsii.String("dynamodb:DescribeTable"), jsii.String("dynamodb:Scan"))
	if key := w.devices.EncryptionKey(); key != nil {
		key.GrantDecrypt(role)
	}
	stack := awscdk.Stack_Of(role)
	arn := func(resource, name string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String(resource), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("glue:CreateDatabase", "glue:DeleteTable"),
		Resources: &[]*string{
			stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("glue"), Resource: jsii.String("catalog"), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME}),
			arn("database", Database), arn("table", Database+"/ddb_device_latest"),
		},
	}))
}

// scriptAssets are the shipped scripts, in sparkjobs.Scripts order.
func scriptAssets(j *sparkjobs.Jobs) []awss3assets.Asset {
	out := make([]awss3assets.Asset, 0, len(sparkjobs.Scripts))
	for _, name := range sparkjobs.Scripts {
		out = append(out, j.Assets[name])
	}
	return out
}

// schedule is the nightly schedule, nil with "none".
func schedule(cfg Config) *string {
	if cfg.Schedule == "none" {
		return nil
	}
	return jsii.String(cfg.Schedule)
}
