package emrserverless

import (
	"sort"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsemrserverless"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// GlueMetastoreFactory is the Hive metastore client that makes the Glue
// Data Catalog the metastore of Spark and Hive (catalogue ETL-16).
const GlueMetastoreFactory = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"

// Application is an EMR Serverless application with its job role, logs
// and failure notifications.
type Application struct {
	constructs.Construct
	Application awsemrserverless.CfnApplication
	// ApplicationId and Arn of the application.
	ApplicationId *string
	Arn           *string
	// Type is SPARK or HIVE.
	Type string
	// JobRole is the job runtime role passed to every job run; grant it
	// more (JobRole.AddToPrincipalPolicy, bucket.GrantRead(JobRole)).
	JobRole awsiam.IRole
	Key     awskms.IKey
	// LogBucket and LogPrefix receive the job logs; LogUri is
	// "s3://<bucket>/<prefix>".
	LogBucket awss3.IBucket
	LogPrefix string
	LogUri    *string
	// LogGroup receives the driver's and executors' stdout and stderr.
	LogGroup awslogs.ILogGroup
	// SecurityGroup of the jobs' network interfaces; nil without Vpc.
	// It allows HTTPS out only: add rules for databases the jobs reach.
	SecurityGroup awsec2.SecurityGroup
	// FailedRule sends failed job runs to AlarmTopic; nil without alarms.
	FailedRule    awsevents.Rule
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
}

// New creates the application. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Application {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &Application{Construct: c, Type: orString(p.Type, Spark), LogPrefix: orString(p.LogPrefix, "emr-serverless/")}

	a.Key = p.EncryptionKey
	if a.Key == nil {
		a.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the EMR Serverless application "+*c.Node().Path())
	} else {
		keys.AllowLogs(a.Key)
	}
	a.LogBucket = p.LogBucket
	if a.LogBucket == nil {
		// SSE-KMS with the key EMR Serverless uploads the logs with: a
		// DSSE bucket would refuse those uploads.
		a.LogBucket = securebucket.New(c, "Logs", &securebucket.Props{Encryption: securebucket.SSEKMS, EncryptionKey: a.Key}).Bucket
	}
	a.LogUri = jsii.String("s3://" + *a.LogBucket.BucketName() + "/" + a.LogPrefix)
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	a.LogGroup = awslogs.NewLogGroup(c, jsii.String("JobLogs"), &awslogs.LogGroupProps{
		EncryptionKey: a.Key, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})

	app := &awsemrserverless.CfnApplicationProps{
		ReleaseLabel:           jsii.String(orString(p.ReleaseLabel, DefaultReleaseLabel)),
		Type:                   jsii.String(a.Type),
		Architecture:           jsii.String(orString(p.Architecture, ARM64)),
		AutoStartConfiguration: &awsemrserverless.CfnApplication_AutoStartConfigurationProperty{Enabled: jsii.Bool(true)},
		AutoStopConfiguration: &awsemrserverless.CfnApplication_AutoStopConfigurationProperty{
			Enabled: jsii.Bool(true), IdleTimeoutMinutes: orNumber(p.IdleTimeoutMinutes, 15),
		},
		MaximumCapacity:         maximum(p.MaximumCapacity),
		MonitoringConfiguration: a.monitoring(),
		RuntimeConfiguration:    runtime(a.Type, &p),
	}
	if p.Name != "" {
		app.Name = jsii.String(p.Name)
	}
	if len(p.InitialCapacity) > 0 {
		app.InitialCapacity = initial(p.InitialCapacity)
	}
	if p.Vpc != nil {
		app.NetworkConfiguration = a.network(c, &p)
	}
	a.Application = awsemrserverless.NewCfnApplication(c, jsii.String("Application"), app)
	a.Application.Node().AddDependency(a.LogGroup)
	a.ApplicationId = a.Application.AttrApplicationId()
	a.Arn = a.Application.AttrArn()

	a.JobRole = newJobRole(c, a, &p)
	if p.CreateAlarms == nil || *p.CreateAlarms {
		a.alarms(c, &p)
	}
	return a
}

func maximum(c *Capacity) *awsemrserverless.CfnApplication_MaximumAllowedResourcesProperty {
	m := DefaultMaximumCapacity
	if c != nil {
		m = *c
	}
	out := &awsemrserverless.CfnApplication_MaximumAllowedResourcesProperty{
		Cpu: jsii.String(num(m.VCpu) + " vCPU"), Memory: jsii.String(num(m.MemoryGB) + " GB"),
	}
	if m.DiskGB > 0 {
		out.Disk = jsii.String(num(m.DiskGB) + " GB")
	}
	return out
}

func initial(ws []Worker) *[]any {
	out := []any{}
	for _, w := range ws {
		disk := w.DiskGB
		if disk == 0 {
			disk = 20
		}
		out = append(out, &awsemrserverless.CfnApplication_InitialCapacityConfigKeyValuePairProperty{
			Key: jsii.String(w.Role),
			Value: &awsemrserverless.CfnApplication_InitialCapacityConfigProperty{
				WorkerCount: jsii.Number(w.Count),
				WorkerConfiguration: &awsemrserverless.CfnApplication_WorkerConfigurationProperty{
					Cpu: jsii.String(num(w.VCpu) + " vCPU"), Memory: jsii.String(num(w.MemoryGB) + " GB"), Disk: jsii.String(num(disk) + " GB"),
				},
			},
		})
	}
	return &out
}

// runtime is the application's default configuration: the Glue Data
// Catalog as metastore, and for Spark adaptive execution with skew joins
// plus the caller's spark-defaults.
func runtime(typ string, p *Props) *[]any {
	glue := p.GlueCatalog == nil || *p.GlueCatalog
	if typ == Hive {
		if !glue {
			return nil
		}
		return &[]any{&awsemrserverless.CfnApplication_ConfigurationObjectProperty{
			Classification: jsii.String("hive-site"),
			Properties:     map[string]*string{"hive.metastore.client.factory.class": jsii.String(GlueMetastoreFactory)},
		}}
	}
	props := map[string]*string{}
	if glue {
		props["spark.hadoop.hive.metastore.client.factory.class"] = jsii.String(GlueMetastoreFactory)
	}
	if p.AdaptiveSkewJoin == nil || *p.AdaptiveSkewJoin {
		props["spark.sql.adaptive.enabled"] = jsii.String("true")
		props["spark.sql.adaptive.skewJoin.enabled"] = jsii.String("true")
	}
	for k, v := range p.SparkDefaults {
		props[k] = jsii.String(v)
	}
	if len(props) == 0 {
		return nil
	}
	return &[]any{&awsemrserverless.CfnApplication_ConfigurationObjectProperty{
		Classification: jsii.String("spark-defaults"), Properties: props,
	}}
}

// monitoring sends logs to the encrypted S3 prefix and to the CMK log
// group, and encrypts the persistent application UI with the key.
func (a *Application) monitoring() *awsemrserverless.CfnApplication_MonitoringConfigurationProperty {
	logTypes := map[string][]string{"SPARK_DRIVER": {"STDOUT", "STDERR"}, "SPARK_EXECUTOR": {"STDOUT", "STDERR"}}
	if a.Type == Hive {
		logTypes = map[string][]string{"HIVE_DRIVER": {"STDOUT", "STDERR", "HIVE_LOG"}, "TEZ_TASK": {"STDOUT", "STDERR"}}
	}
	names := make([]string, 0, len(logTypes))
	for k := range logTypes {
		names = append(names, k)
	}
	sort.Strings(names)
	typeMap := []any{}
	for _, k := range names {
		typeMap = append(typeMap, &awsemrserverless.CfnApplication_LogTypeMapKeyValuePairProperty{Key: jsii.String(k), Value: jsii.Strings(logTypes[k]...)})
	}
	return &awsemrserverless.CfnApplication_MonitoringConfigurationProperty{
		S3MonitoringConfiguration: &awsemrserverless.CfnApplication_S3MonitoringConfigurationProperty{
			LogUri: a.LogUri, EncryptionKeyArn: a.LogBucket.EncryptionKey().KeyArn(),
		},
		CloudWatchLoggingConfiguration: &awsemrserverless.CfnApplication_CloudWatchLoggingConfigurationProperty{
			Enabled: jsii.Bool(true), LogGroupName: a.LogGroup.LogGroupName(), EncryptionKeyArn: a.Key.KeyArn(),
			LogTypeMap: &typeMap,
		},
		ManagedPersistenceMonitoringConfiguration: &awsemrserverless.CfnApplication_ManagedPersistenceMonitoringConfigurationProperty{
			Enabled: jsii.Bool(true), EncryptionKeyArn: a.Key.KeyArn(),
		},
	}
}

// network creates the jobs' security group (HTTPS out only) in the
// private subnets of Vpc.
func (a *Application) network(c constructs.Construct, p *Props) *awsemrserverless.CfnApplication_NetworkConfigurationProperty {
	a.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("EMR Serverless jobs of " + *c.Node().Path() + ": HTTPS out"),
	})
	a.SecurityGroup.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS to AWS services (S3, Glue, KMS, CloudWatch) through endpoints or NAT"), nil)
	ids := []*string{}
	for _, s := range *p.Vpc.SelectSubnets(network.PrivateOr(p.Vpc, p.VpcSubnets)).Subnets {
		ids = append(ids, s.SubnetId())
	}
	return &awsemrserverless.CfnApplication_NetworkConfigurationProperty{
		SubnetIds: &ids, SecurityGroupIds: &[]*string{a.SecurityGroup.SecurityGroupId()},
	}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}

var _ = awscdk.Stack_Of
