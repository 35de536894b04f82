package mwaa

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmwaa"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Environment is an Amazon MWAA environment with its network, DAG bucket,
// key, log groups and execution role.
type Environment struct {
	constructs.Construct
	Environment awsmwaa.CfnEnvironment
	// Name is the environment's name; Arn its ARN.
	Name string
	Arn  *string
	// Role is the execution role the scheduler, workers and tasks use.
	Role awsiam.IRole
	Key  awskms.IKey
	// DagBucket holds the DAGs under DagS3Path.
	DagBucket awss3.IBucket
	DagS3Path string
	// Deployment uploads DagsDirectory; nil without it.
	Deployment awss3deployment.BucketDeployment
	Vpc        awsec2.IVpc
	// Subnets are the environment's two subnets.
	Subnets       []awsec2.ISubnet
	SecurityGroup awsec2.ISecurityGroup
	// Endpoints are the interface endpoints of the new VPC, by service
	// ("airflow.api", "sqs", ...); empty with an existing Vpc.
	Endpoints map[string]awsec2.InterfaceVpcEndpoint
	// LogGroups are the five Airflow log groups, by log type (TaskLogs, ...).
	LogGroups map[string]awslogs.ILogGroup
}

// New creates the environment. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Environment {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	e := &Environment{Construct: c, DagS3Path: orString(p.DagS3Path, "dags")}
	stack := awscdk.Stack_Of(c)
	e.Name = p.Name
	if e.Name == "" {
		e.Name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(60), Separator: jsii.String("-")})
	}
	e.Arn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("airflow"), Resource: jsii.String("environment"), ResourceName: jsii.String(e.Name),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	e.Key = p.EncryptionKey
	if e.Key == nil {
		e.Key = keys.NewForLogs(c, "Key", "Encrypts the Amazon MWAA environment "+*c.Node().Path()+" (metadata database, queue, logs, DAG bucket)")
	} else {
		// The five log groups and the flow logs are encrypted with it
		// (no effect on an imported key: its policy must allow it).
		keys.AllowLogs(e.Key)
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	newNetwork(c, e, &p)
	e.LogGroups = map[string]awslogs.ILogGroup{}
	for _, lt := range LogTypes {
		e.LogGroups[lt.Type] = awslogs.NewLogGroup(c, jsii.String(lt.Suffix+"Logs"), &awslogs.LogGroupProps{
			LogGroupName:  jsii.String("airflow-" + e.Name + "-" + lt.Suffix),
			EncryptionKey: e.Key,
			Retention:     retention,
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
	}
	newBucket(c, e, &p)
	e.Role = newRole(c, e)

	level := orString(p.LogLevel, "INFO")
	logging := &awsmwaa.CfnEnvironment_LoggingConfigurationProperty{}
	module := func() *awsmwaa.CfnEnvironment_ModuleLoggingConfigurationProperty {
		return &awsmwaa.CfnEnvironment_ModuleLoggingConfigurationProperty{Enabled: jsii.Bool(true), LogLevel: jsii.String(level)}
	}
	logging.DagProcessingLogs, logging.SchedulerLogs, logging.TaskLogs = module(), module(), module()
	logging.WebserverLogs, logging.WorkerLogs = module(), module()

	subnetIDs := make([]*string, len(e.Subnets))
	for i, s := range e.Subnets {
		subnetIDs[i] = s.SubnetId()
	}
	env := &awsmwaa.CfnEnvironmentProps{
		Name:                 jsii.String(e.Name),
		AirflowVersion:       jsii.String(orString(p.AirflowVersion, DefaultAirflowVersion)),
		EnvironmentClass:     jsii.String(orString(p.EnvironmentClass, DefaultEnvironmentClass)),
		MinWorkers:           orNumber(p.MinWorkers, 1),
		MaxWorkers:           orNumber(p.MaxWorkers, 2),
		ExecutionRoleArn:     e.Role.RoleArn(),
		KmsKey:               e.Key.KeyArn(),
		SourceBucketArn:      e.DagBucket.BucketArn(),
		DagS3Path:            jsii.String(e.DagS3Path),
		WebserverAccessMode:  jsii.String(orString(p.WebserverAccessMode, "PRIVATE_ONLY")),
		EndpointManagement:   jsii.String("SERVICE"),
		LoggingConfiguration: logging,
		NetworkConfiguration: &awsmwaa.CfnEnvironment_NetworkConfigurationProperty{
			SubnetIds:        &subnetIDs,
			SecurityGroupIds: &[]*string{e.SecurityGroup.SecurityGroupId()},
		},
	}
	if p.RequirementsS3Path != "" {
		env.RequirementsS3Path = jsii.String(p.RequirementsS3Path)
		if p.RequirementsS3ObjectVersion != "" {
			env.RequirementsS3ObjectVersion = jsii.String(p.RequirementsS3ObjectVersion)
		}
	}
	if len(p.AirflowConfigurationOptions) > 0 {
		env.AirflowConfigurationOptions = p.AirflowConfigurationOptions
	}
	e.Environment = awsmwaa.NewCfnEnvironment(c, jsii.String("Environment"), env)
	for _, lg := range e.LogGroups {
		e.Environment.Node().AddDependency(lg)
	}
	e.Environment.Node().AddDependency(e.Role)
	if e.Deployment != nil {
		e.Environment.Node().AddDependency(e.Deployment)
	}
	for _, ep := range e.Endpoints {
		e.Environment.Node().AddDependency(ep)
	}
	return e
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}
