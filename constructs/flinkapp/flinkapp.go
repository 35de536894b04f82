package flinkapp

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisanalyticsv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Application is a Managed Service for Apache Flink application with its
// service role, log group, optional network and alarms.
type Application struct {
	constructs.Construct
	Application awskinesisanalyticsv2.CfnApplication
	// ApplicationName is the application's name (a token: Ref).
	ApplicationName *string
	// Arn of the application.
	Arn *string
	// Runtime and Language of the application.
	Runtime, Language string
	// Role is the service execution role: it reads the code and writes the
	// logs; grant it the sources and sinks (stream.GrantRead(app.Role),
	// domain.GrantWrite(app.Role), ...).
	Role awsiam.IRole
	// Key encrypts LogGroup.
	Key awskms.IKey
	// LogGroup and LogStream receive the application's logs.
	LogGroup  awslogs.ILogGroup
	LogStream awslogs.ILogStream
	// Code is the asset of CodeDirectory or CodeFile; nil for a prebuilt
	// object.
	Code awss3assets.Asset
	// SecurityGroup and Connections of the application's network
	// interfaces; nil outside a VPC.
	SecurityGroup awsec2.SecurityGroup
	Connections   awsec2.Connections
	// JarMissing reports that JarFile was not in CodeDirectory at synthesis
	// (the application was created with a warning and cannot start).
	JarMissing bool
	// Alarms (nil without CreateAlarms): DowntimeAlarm, CheckpointAlarm and
	// one LagAlarms entry per Props.LagAlarmStreams.
	DowntimeAlarm   awscloudwatch.Alarm
	CheckpointAlarm awscloudwatch.Alarm
	LagAlarms       []awscloudwatch.Alarm
	AlarmTopic      awssns.ITopic
	AlarmTopicKey   awskms.IKey
}

// New creates the application. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Application {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr, jar := check(scope, id, &p)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &Application{Construct: c, Runtime: orString(p.Runtime, DefaultRuntime), Language: orString(p.Language, Python), JarMissing: jar.missing}
	if jar.missing {
		awscdk.Annotations_Of(c).AddWarningV2(jsii.String("cdk-data-patterns:flinkapp-jar-missing"), jsii.String(
			"The connector jar "+jar.path+" is missing: the application is created but cannot start until flink/connectors/build.sh builds it and the stack is deployed again (set RequireJar or -c "+RequireJarContext+"=true to fail synthesis instead)."))
	}

	a.Key = p.EncryptionKey
	if a.Key == nil {
		a.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the Managed Flink application "+*c.Node().Path())
	} else {
		keys.AllowLogs(a.Key)
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	group := awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: a.Key, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	a.LogGroup = group
	a.LogStream = awslogs.NewLogStream(c, jsii.String("LogStream"), &awslogs.LogStreamProps{
		LogGroup: group, RemovalPolicy: sandbox.RemovalPolicy(c),
	})

	code := a.code(c, &p)
	role := newRole(c, a, &p)
	a.Role = role

	config := &awskinesisanalyticsv2.CfnApplication_ApplicationConfigurationProperty{
		ApplicationCodeConfiguration: code,
		FlinkApplicationConfiguration: &awskinesisanalyticsv2.CfnApplication_FlinkApplicationConfigurationProperty{
			CheckpointConfiguration: &awskinesisanalyticsv2.CfnApplication_CheckpointConfigurationProperty{
				ConfigurationType:          jsii.String("CUSTOM"),
				CheckpointingEnabled:       jsii.Bool(true),
				CheckpointInterval:         jsii.Number(millis(p.CheckpointInterval, 60)),
				MinPauseBetweenCheckpoints: jsii.Number(millis(p.MinPauseBetweenCheckpoints, 5)),
			},
			MonitoringConfiguration: &awskinesisanalyticsv2.CfnApplication_MonitoringConfigurationProperty{
				ConfigurationType: jsii.String("CUSTOM"),
				MetricsLevel:      jsii.String(orString(p.MetricsLevel, MetricsApplication)),
				LogLevel:          jsii.String(orString(p.LogLevel, "INFO")),
			},
			ParallelismConfiguration: &awskinesisanalyticsv2.CfnApplication_ParallelismConfigurationProperty{
				ConfigurationType:  jsii.String("CUSTOM"),
				Parallelism:        orNumber(p.Parallelism, 1),
				ParallelismPerKpu:  orNumber(p.ParallelismPerKpu, 1),
				AutoScalingEnabled: jsii.Bool(p.AutoScaling == nil || *p.AutoScaling),
			},
		},
		ApplicationSnapshotConfiguration: &awskinesisanalyticsv2.CfnApplication_ApplicationSnapshotConfigurationProperty{
			SnapshotsEnabled: jsii.Bool(snapshots(&p)),
		},
		ApplicationSystemRollbackConfiguration: &awskinesisanalyticsv2.CfnApplication_ApplicationSystemRollbackConfigurationProperty{
			RollbackEnabled: jsii.Bool(p.SystemRollback == nil || *p.SystemRollback),
		},
	}
	if groups := a.propertyGroups(&p); len(groups) > 0 {
		config.EnvironmentProperties = &awskinesisanalyticsv2.CfnApplication_EnvironmentPropertiesProperty{PropertyGroups: &groups}
	}
	if p.Vpc != nil {
		config.VpcConfigurations = a.network(c, &p)
	}
	restore := "SKIP_RESTORE_FROM_SNAPSHOT"
	if snapshots(&p) {
		restore = "RESTORE_FROM_LATEST_SNAPSHOT"
	}
	app := &awskinesisanalyticsv2.CfnApplicationProps{
		RuntimeEnvironment:       jsii.String(a.Runtime),
		ServiceExecutionRole:     role.RoleArn(),
		ApplicationMode:          jsii.String("STREAMING"),
		ApplicationDescription:   jsii.String("Managed Flink application " + *c.Node().Path()),
		ApplicationConfiguration: config,
		RunConfiguration: &awskinesisanalyticsv2.CfnApplication_RunConfigurationProperty{
			ApplicationRestoreConfiguration: &awskinesisanalyticsv2.CfnApplication_ApplicationRestoreConfigurationProperty{
				ApplicationRestoreType: jsii.String(restore),
			},
			FlinkRunConfiguration: &awskinesisanalyticsv2.CfnApplication_FlinkRunConfigurationProperty{AllowNonRestoredState: jsii.Bool(false)},
		},
	}
	if p.Name != "" {
		app.ApplicationName = jsii.String(p.Name)
	}
	a.Application = awskinesisanalyticsv2.NewCfnApplication(c, jsii.String("Application"), app)
	// Managed Flink checks at creation that the role reads the code.
	a.Application.Node().AddDependency(role)
	a.ApplicationName = a.Application.Ref()
	stack := awscdk.Stack_Of(c)
	a.Arn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("kinesisanalytics"), Resource: jsii.String("application"), ResourceName: a.ApplicationName,
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	logging := awskinesisanalyticsv2.NewCfnApplicationCloudWatchLoggingOption(c, jsii.String("Logging"), &awskinesisanalyticsv2.CfnApplicationCloudWatchLoggingOptionProps{
		ApplicationName: a.ApplicationName,
		CloudWatchLoggingOption: &awskinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption_CloudWatchLoggingOptionProperty{
			LogStreamArn: logStreamArn(stack, a.LogGroup, a.LogStream),
		},
	})
	logging.Node().AddDependency(a.LogStream)

	if p.CreateAlarms == nil || *p.CreateAlarms {
		a.alarms(c, &p)
	}
	return a
}

// code is the code configuration: the asset of CodeDirectory / CodeFile or
// the prebuilt object.
func (a *Application) code(c constructs.Construct, p *Props) *awskinesisanalyticsv2.CfnApplication_ApplicationCodeConfigurationProperty {
	var loc *awskinesisanalyticsv2.CfnApplication_S3ContentLocationProperty
	switch {
	case p.CodeDirectory != "" || p.CodeFile != "":
		path := p.CodeDirectory
		if path == "" {
			path = p.CodeFile
		}
		a.Code = awss3assets.NewAsset(c, jsii.String("Code"), &awss3assets.AssetProps{
			Path:    jsii.String(path),
			Exclude: jsii.Strings("__pycache__", "*.pyc", "tests"),
		})
		loc = &awskinesisanalyticsv2.CfnApplication_S3ContentLocationProperty{BucketArn: a.Code.Bucket().BucketArn(), FileKey: a.Code.S3ObjectKey()}
	default:
		loc = &awskinesisanalyticsv2.CfnApplication_S3ContentLocationProperty{BucketArn: p.CodeBucket.BucketArn(), FileKey: jsii.String(p.CodeKey)}
		if p.CodeObjectVersion != "" {
			loc.ObjectVersion = jsii.String(p.CodeObjectVersion)
		}
	}
	return &awskinesisanalyticsv2.CfnApplication_ApplicationCodeConfigurationProperty{
		CodeContentType: jsii.String("ZIPFILE"),
		CodeContent:     &awskinesisanalyticsv2.CfnApplication_CodeContentProperty{S3ContentLocation: loc},
	}
}

// propertyGroups are the caller's groups, sorted, plus the Python run
// options.
func (a *Application) propertyGroups(p *Props) []any {
	groups := map[string]map[string]string{}
	for g, kv := range p.PropertyGroups {
		groups[g] = kv
	}
	if a.Language == Python {
		run := map[string]string{"python": p.PythonEntry}
		if p.JarFile != "" {
			run["jarfile"] = p.JarFile
		}
		if len(p.PyFiles) > 0 {
			run["pyFiles"] = strings.Join(p.PyFiles, ",")
		}
		groups[RunOptionsGroup] = run
	}
	out := []any{}
	for _, g := range sortedKeys(groups) {
		kv := map[string]*string{}
		for k, v := range groups[g] {
			kv[k] = jsii.String(v)
		}
		out = append(out, &awskinesisanalyticsv2.CfnApplication_PropertyGroupProperty{PropertyGroupId: jsii.String(g), PropertyMap: kv})
	}
	return out
}

// network creates the security group (HTTPS out) in the private subnets.
func (a *Application) network(c constructs.Construct, p *Props) *[]any {
	a.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Managed Flink application " + *c.Node().Path() + ": HTTPS out"),
	})
	a.SecurityGroup.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)),
		jsii.String("HTTPS to AWS services (Kinesis, OpenSearch, S3, CloudWatch) through endpoints or NAT"), nil)
	a.Connections = a.SecurityGroup.Connections()
	ids := []*string{}
	for _, s := range *p.Vpc.SelectSubnets(network.PrivateOr(p.Vpc, p.VpcSubnets)).Subnets {
		ids = append(ids, s.SubnetId())
	}
	return &[]any{&awskinesisanalyticsv2.CfnApplication_VpcConfigurationProperty{
		SubnetIds: &ids, SecurityGroupIds: &[]*string{a.SecurityGroup.SecurityGroupId()},
	}}
}

// logStreamArn is arn:<partition>:logs:<region>:<account>:log-group:<group>:log-stream:<stream>.
func logStreamArn(stack awscdk.Stack, group awslogs.ILogGroup, stream awslogs.ILogStream) *string {
	return stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("logs"), Resource: jsii.String("log-group"),
		ResourceName: awscdk.Fn_Join(jsii.String(""), &[]*string{group.LogGroupName(), jsii.String(":log-stream:"), stream.LogStreamName()}),
		ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
}

func snapshots(p *Props) bool { return p.Snapshots == nil || *p.Snapshots }

func millis(d awscdk.Duration, defaultSeconds float64) float64 {
	if d == nil {
		return defaultSeconds * 1000
	}
	return *d.ToMilliseconds(nil)
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
