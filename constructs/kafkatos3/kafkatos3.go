package kafkatos3

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecrassets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

const (
	consumerPackage = "apps/kafkatos3"
	dockerfile      = consumerPackage + "/Dockerfile"
	nonrootUID      = "65532"
	// MetricNamespace holds the consumer's embedded-format metrics, with
	// the dimensions Topic and ConsumerGroup.
	MetricNamespace = "CdkDataPatterns/KafkaToS3"
	// shutdownGraceSeconds is the consumer's SHUTDOWN_GRACE; ECS waits 5 s
	// more before SIGKILL.
	shutdownGraceSeconds = 25
)

// KafkaToS3 is a Fargate service whose tasks form a consumer group on an
// MSK topic and write its records to S3 within seconds.
type KafkaToS3 struct {
	constructs.Construct
	// ConsumerGroup is the group id of the tasks.
	ConsumerGroup *string
	// Bucket receives the objects; SecureBucket is the new one (nil with
	// ExistingBucket).
	Bucket       awss3.IBucket
	SecureBucket *securebucket.SecureBucket
	// Key encrypts the log group (the user's EncryptionKey or a new one).
	Key awskms.IKey
	// EcsCluster, Service, TaskDefinition and TaskRole run the consumer;
	// the role holds GrantConsume on the topic and group and s3:PutObject
	// under the prefix, nothing else.
	EcsCluster     awsecs.ICluster
	Service        awsecs.IFargateService
	TaskDefinition awsecs.ITaskDefinition
	TaskRole       awsiam.IRole
	// SecurityGroup of the tasks: no inbound; outbound to the brokers' port
	// and HTTPS (S3, ECR, CloudWatch Logs, STS).
	SecurityGroup awsec2.ISecurityGroup
	// LogGroup holds the JSON logs and the embedded-format metrics.
	LogGroup awslogs.ILogGroup
	// AlarmTopic, AlarmTopicKey, TaskCountAlarm and OffsetLagAlarm: nil
	// when CreateAlarms is false (AlarmTopicKey also with a given topic).
	AlarmTopic     awssns.ITopic
	AlarmTopicKey  awskms.IKey
	TaskCountAlarm awscloudwatch.IAlarm
	OffsetLagAlarm awscloudwatch.IAlarm
}

// New creates the destination bucket (unless given), the consumer's
// service and its alarms. Cluster and Topic are required: nil props fail
// synthesis saying so.
func New(scope constructs.Construct, id string, props *Props) *KafkaToS3 {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fillDefaults(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	k := &KafkaToS3{Construct: c, ConsumerGroup: p.ConsumerGroup}
	if k.ConsumerGroup == nil {
		k.ConsumerGroup = awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(200), Separator: jsii.String("-")})
	}
	k.Key = p.EncryptionKey
	if k.Key == nil {
		k.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the Kafka consumer "+*c.Node().Path())
	}
	k.Bucket = p.ExistingBucket
	if k.Bucket == nil {
		k.SecureBucket = securebucket.New(c, "Destination", p.BucketProps)
		k.Bucket = k.SecureBucket.Bucket
	}

	role := awsiam.NewRole(c, jsii.String("TaskRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
		Description: jsii.String("Kafka consumer of " + *c.Node().Path() + ": reads one topic as one group, writes objects"),
	})
	k.TaskRole = role
	p.Cluster.GrantConsume(role, p.Topic, k.ConsumerGroup)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: jsii.Strings(*k.Bucket.ArnForObjects(jsii.String(*p.Prefix + "/*"))),
	}))
	if key := k.Bucket.EncryptionKey(); key != nil {
		key.Grant(role, jsii.String("kms:GenerateDataKey"))
	}

	k.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: k.Key, Retention: p.LogRetention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	task := awsecs.NewFargateTaskDefinition(c, jsii.String("TaskDefinition"), &awsecs.FargateTaskDefinitionProps{
		Cpu: p.Cpu, MemoryLimitMiB: p.MemoryMiB, TaskRole: role,
		RuntimePlatform: &awsecs.RuntimePlatform{CpuArchitecture: awsecs.CpuArchitecture_ARM64(), OperatingSystemFamily: awsecs.OperatingSystemFamily_LINUX()},
	})
	k.TaskDefinition = task
	startOffset := string(p.StartOffset)
	task.AddContainer(jsii.String("Consumer"), &awsecs.ContainerDefinitionOptions{
		Image: image(&p),
		Environment: &map[string]*string{
			"BOOTSTRAP_BROKERS": p.Cluster.BootstrapBrokers(),
			"AUTH":              jsii.String("iam"),
			"TOPIC":             p.Topic,
			"GROUP_ID":          k.ConsumerGroup,
			"START_OFFSET":      &startOffset,
			"BUCKET":            k.Bucket.BucketName(),
			"PREFIX":            p.Prefix,
			"BUFFER_INTERVAL":   jsii.String(fmt.Sprintf("%gs", propcheck.Seconds(p.BufferInterval))),
			"BUFFER_BYTES":      jsii.String(fmt.Sprintf("%.0f", *p.BufferSize.ToBytes(nil))),
			"SHUTDOWN_GRACE":    jsii.String(fmt.Sprintf("%ds", shutdownGraceSeconds)),
			"METRIC_NAMESPACE":  jsii.String(MetricNamespace),
			"AWS_REGION":        awscdk.Stack_Of(c).Region(),
		},
		Essential:              jsii.Bool(true),
		MemoryLimitMiB:         p.MemoryMiB,
		ReadonlyRootFilesystem: jsii.Bool(true),
		User:                   jsii.String(nonrootUID),
		StopTimeout:            awscdk.Duration_Seconds(jsii.Number(shutdownGraceSeconds + 5)),
		Logging: awsecs.LogDrivers_AwsLogs(&awsecs.AwsLogDriverProps{
			LogGroup: k.LogGroup, StreamPrefix: jsii.String("consumer"),
			Mode: awsecs.AwsLogDriverMode_NON_BLOCKING, MaxBufferSize: awscdk.Size_Mebibytes(jsii.Number(25)),
		}),
	})

	vpc := p.Cluster.Vpc()
	k.EcsCluster = p.EcsCluster
	if k.EcsCluster == nil {
		k.EcsCluster = awsecs.NewCluster(c, jsii.String("EcsCluster"), &awsecs.ClusterProps{Vpc: vpc, ContainerInsightsV2: awsecs.ContainerInsights_ENABLED})
	}
	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              vpc,
		Description:      jsii.String("Kafka consumer tasks of " + *c.Node().Path() + ": no inbound, the brokers port and HTTPS out"),
		AllowAllOutbound: jsii.Bool(false),
	})
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)),
		jsii.String("HTTPS to S3, ECR, CloudWatch Logs and STS"), jsii.Bool(false))
	// The brokers admit the tasks on their IAM port; the tasks' egress rule
	// to the brokers' security group follows from it.
	p.Cluster.Connections().AllowDefaultPortFrom(sg, jsii.String("Kafka consumer "+*c.Node().Path()))
	k.SecurityGroup = sg

	subnets := p.Subnets
	if subnets == nil {
		subnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
		if len(*vpc.PrivateSubnets()) == 0 {
			subnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
		}
	}
	k.Service = awsecs.NewFargateService(c, jsii.String("Service"), &awsecs.FargateServiceProps{
		Cluster: k.EcsCluster, TaskDefinition: task, DesiredCount: p.DesiredCount,
		AssignPublicIp: jsii.Bool(false), VpcSubnets: subnets, SecurityGroups: &[]awsec2.ISecurityGroup{sg},
		PlatformVersion:   awsecs.FargatePlatformVersion_LATEST,
		CircuitBreaker:    &awsecs.DeploymentCircuitBreaker{Enable: jsii.Bool(true), Rollback: jsii.Bool(true)},
		MinHealthyPercent: jsii.Number(100), MaxHealthyPercent: jsii.Number(200),
		PropagateTags: awsecs.PropagatedTagSource_SERVICE,
	})
	suppressTaskFindings(task, role)
	if *p.CreateAlarms {
		createAlarms(c, k, &p)
	}
	return k
}

func fillDefaults(p *Props) {
	if p.StartOffset == "" {
		p.StartOffset = Earliest
	}
	if p.Prefix == nil {
		p.Prefix = jsii.String("data")
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(5))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(5))
	}
	if p.DesiredCount == nil {
		p.DesiredCount = jsii.Number(1)
	}
	if p.Cpu == nil {
		p.Cpu = jsii.Number(256)
	}
	if p.MemoryMiB == nil {
		p.MemoryMiB = jsii.Number(512)
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
	if p.MaxOffsetLag == nil {
		p.MaxOffsetLag = jsii.Number(100000)
	}
}

// image is the user's image or the one built at deploy time from
// apps/kafkatos3/Dockerfile (no Docker at synthesis).
func image(p *Props) awsecs.ContainerImage {
	if p.Image != nil {
		return p.Image
	}
	dir, hash, err := golambda.ImageContext(consumerPackage, dockerfile)
	if err != nil {
		panic(fmt.Sprintf("kafkatos3: cannot stage the consumer image context: %v", err))
	}
	return awsecs.ContainerImage_FromAsset(jsii.String(dir), &awsecs.AssetImageProps{
		File: jsii.String(dockerfile), Platform: awsecrassets.Platform_LINUX_ARM64(), ExtraHash: jsii.String(hash),
	})
}

func createAlarms(c constructs.Construct, k *KafkaToS3, p *Props) {
	k.AlarmTopic = p.AlarmTopic
	if k.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		k.AlarmTopic, k.AlarmTopicKey = t.Topic, t.Key
	}
	path := *c.Node().Path()
	desired := *p.DesiredCount
	k.TaskCountAlarm = alarms.New(c, "TaskCountAlarm", alarms.Spec{
		Metric: awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
			Namespace: jsii.String("ECS/ContainerInsights"), MetricName: jsii.String("RunningTaskCount"),
			DimensionsMap: &map[string]*string{"ClusterName": k.EcsCluster.ClusterName(), "ServiceName": k.Service.ServiceName()},
			Period:        awscdk.Duration_Minutes(jsii.Number(1)), Statistic: jsii.String("Minimum"),
		}),
		Threshold: desired, Comparison: awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD, EvaluationPeriods: 3,
		TreatMissingData: awscloudwatch.TreatMissingData_BREACHING,
		Description:      fmt.Sprintf("Fewer than %g consumer tasks of %s ran for 3 minutes: tasks crash or cannot start (image pull, IAM, broker reachability). Check the service's events and the consumer's logs.", desired, path),
	}, k.AlarmTopic)
	k.OffsetLagAlarm = alarms.New(c, "OffsetLagAlarm", alarms.Spec{
		Metric: awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
			Namespace: jsii.String(MetricNamespace), MetricName: jsii.String("OffsetLag"),
			DimensionsMap: &map[string]*string{"Topic": p.Topic, "ConsumerGroup": k.ConsumerGroup},
			Period:        awscdk.Duration_Minutes(jsii.Number(1)), Statistic: jsii.String("Sum"),
		}),
		Threshold: *p.MaxOffsetLag, Comparison: awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD, EvaluationPeriods: 5,
		Description: fmt.Sprintf("The consumer group of %s was more than %g records behind the topic for 5 minutes: S3 writes fail, tasks are too few or too small, or a rebalance loops. Records expire after the topic's retention.", path, *p.MaxOffsetLag),
	}, k.AlarmTopic)
}

// suppressTaskFindings records the cdk-nag findings that are by design.
func suppressTaskFindings(task awsecs.FargateTaskDefinition, role awsiam.IRole) {
	nag.Suppress(task.Node().DefaultChild(), nag.Suppression{
		Rule:   "AwsSolutions-ECS2",
		Reason: "The environment holds only non-secret configuration (broker addresses, topic, group, bucket, buffer sizes); the consumer authenticates to MSK and S3 with its task role.",
	})
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::arn:.*:s3:::.*\\*$/", "/^Resource::<.*>/.*\\*$/", "/^Resource::arn:.*:kafka:.*$/"},
			Reason:    "The object wildcard is s3:PutObject under the configured prefix only, whose object names the consumer derives from topic, partition and offsets; the kafka-cluster resources are the cluster's own topic and group ARNs, whose last segment is the cluster's generated UUID.",
		})
	}
	if exec := task.ExecutionRole(); exec != nil {
		if policy := nag.DefaultPolicy(exec); policy != nil {
			nag.Suppress(policy, nag.Suppression{
				Rule: "AwsSolutions-IAM5", AppliesTo: []string{"Resource::*"},
				Reason: "ecr:GetAuthorizationToken, which ECS needs to pull the image, takes only the resource *; every other statement of the execution role names its repository or log group.",
			})
		}
	}
}
