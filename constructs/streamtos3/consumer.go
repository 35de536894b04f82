package streamtos3

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecrassets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

const (
	// consumerPackage is the Go main package of the consumer application.
	consumerPackage = "apps/kinesistos3"
	dockerfile      = consumerPackage + "/Dockerfile"
	// nonrootUID is the distroless "nonroot" user the image runs as.
	nonrootUID = "65532"
	// MetricNamespace is where the consumer's embedded-format metrics land,
	// with the dimension StreamName.
	MetricNamespace = "CdkDataPatterns/StreamToS3"
)

// newConsumer creates the task role and its grants, the log group, the task
// definition (arm64, read-only root file system, non-root) and the Fargate
// service in private subnets.
func newConsumer(c constructs.Construct, s *StreamToS3, p *Props) {
	s.ApplicationName = awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(100),
		Separator: jsii.String("-"),
	})
	role := awsiam.NewRole(c, jsii.String("TaskRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil),
		Description: jsii.String("KCL consumer of " + *c.Node().Path() + ": reads the stream, keeps leases, writes objects"),
	})
	s.TaskRole = role
	grantConsumer(s, p, role)

	logs := awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: s.Key,
		Retention:     p.LogRetention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	s.LogGroup = logs

	task := awsecs.NewFargateTaskDefinition(c, jsii.String("TaskDefinition"), &awsecs.FargateTaskDefinitionProps{
		Cpu:            p.Cpu,
		MemoryLimitMiB: p.MemoryMiB,
		TaskRole:       role,
		RuntimePlatform: &awsecs.RuntimePlatform{
			CpuArchitecture:       awsecs.CpuArchitecture_ARM64(),
			OperatingSystemFamily: awsecs.OperatingSystemFamily_LINUX(),
		},
	})
	s.TaskDefinition = task
	task.AddContainer(jsii.String("Consumer"), &awsecs.ContainerDefinitionOptions{
		Image:       image(p),
		Environment: environment(s, p),
		Essential:   jsii.Bool(true),
		// A hard limit equal to the task's memory: the container is the task.
		MemoryLimitMiB:         p.MemoryMiB,
		ReadonlyRootFilesystem: jsii.Bool(true),
		User:                   jsii.String(nonrootUID),
		// ECS sends SIGTERM, waits this long, then SIGKILL: the consumer
		// flushes and checkpoints within its shutdown grace before that.
		StopTimeout: awscdk.Duration_Seconds(jsii.Number(shutdownGraceSeconds + 5)),
		Logging: awsecs.LogDrivers_AwsLogs(&awsecs.AwsLogDriverProps{
			LogGroup:     logs,
			StreamPrefix: jsii.String("consumer"),
			// Logging never stalls the consumer: lines are buffered (25 MiB)
			// while CloudWatch Logs is slow.
			Mode:          awsecs.AwsLogDriverMode_NON_BLOCKING,
			MaxBufferSize: awscdk.Size_Mebibytes(jsii.Number(25)),
		}),
	})

	s.Cluster = p.Cluster
	if s.Cluster == nil {
		s.Cluster = awsecs.NewCluster(c, jsii.String("Cluster"), &awsecs.ClusterProps{
			Vpc:                 s.Vpc,
			ContainerInsightsV2: awsecs.ContainerInsights_ENABLED,
		})
	}
	sg := newSecurityGroup(c, s.Vpc)
	s.SecurityGroup = sg
	s.Service = awsecs.NewFargateService(c, jsii.String("Service"), &awsecs.FargateServiceProps{
		Cluster:         s.Cluster,
		TaskDefinition:  task,
		DesiredCount:    p.DesiredCount,
		AssignPublicIp:  jsii.Bool(false),
		VpcSubnets:      taskSubnets(s.Vpc, p.Subnets),
		SecurityGroups:  &[]awsec2.ISecurityGroup{sg},
		PlatformVersion: awsecs.FargatePlatformVersion_LATEST,
		// A deployment whose tasks keep failing is rolled back; the old
		// tasks keep their leases until the new ones are healthy.
		CircuitBreaker:    &awsecs.DeploymentCircuitBreaker{Enable: jsii.Bool(true), Rollback: jsii.Bool(true)},
		MinHealthyPercent: jsii.Number(100),
		MaxHealthyPercent: jsii.Number(200),
		PropagateTags:     awsecs.PropagatedTagSource_SERVICE,
	})
	suppressTaskFindings(task, role, p.SchemaArn != nil)
}

// grantConsumer gives the task role exactly what the KCL consumer calls:
// stream reads (and the fan-out consumer's SubscribeToShard), lease-table
// item reads and writes, s3:PutObject under the prefix with
// kms:GenerateDataKey on the bucket's key (one PutObject per flush, no
// multipart upload, no tagging, retention or legal hold), and the keys of the
// stream and the table through their grants. Metrics go out as
// embedded-format log lines, so there is no cloudwatch:PutMetricData.
func grantConsumer(s *StreamToS3, p *Props, role awsiam.IRole) {
	s.Stream.GrantRead(role)
	if s.FanOutConsumer != nil {
		s.FanOutConsumer.GrantRead(role)
	}
	s.LeaseTable.GrantReadWriteData(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:PutObject"),
		Resources: jsii.Strings(*s.Bucket.ArnForObjects(jsii.String(*p.Prefix + "/*"))),
	}))
	if key := s.Bucket.EncryptionKey(); key != nil {
		key.Grant(role, jsii.String("kms:GenerateDataKey"))
	}
	if p.SchemaArn != nil {
		// No Glue grant exists for schema versions. GetSchemaVersion by id
		// is authorised on "*" (AWS's deserializer policy): the id names no
		// registry. The consumer checks that each version belongs to
		// SchemaArn itself.
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("glue:GetSchemaVersion"),
			Resources: jsii.Strings("*"),
		}))
	}
}

// image is the user's image, or the image asset built at deploy time from
// apps/kinesistos3/Dockerfile in a context holding only what the binary is
// compiled from (see golambda.ImageContext).
func image(p *Props) awsecs.ContainerImage {
	if p.Image != nil {
		return p.Image
	}
	dir, hash, err := golambda.ImageContext(consumerPackage, dockerfile)
	if err != nil {
		panic(fmt.Sprintf("streamtos3: cannot stage the consumer image context: %v", err))
	}
	return awsecs.ContainerImage_FromAsset(jsii.String(dir), &awsecs.AssetImageProps{
		File:      jsii.String(dockerfile),
		Platform:  awsecrassets.Platform_LINUX_ARM64(),
		ExtraHash: jsii.String(hash),
	})
}

// environment is the consumer's configuration (apps/kinesistos3/config.go).
func environment(s *StreamToS3, p *Props) *map[string]*string {
	compression := "none"
	if *p.Gzip {
		compression = "gzip"
	}
	env := map[string]*string{
		"STREAM_NAME":      s.Stream.StreamName(),
		"APPLICATION_NAME": s.ApplicationName,
		"LEASE_TABLE":      s.LeaseTable.TableName(),
		"BUCKET":           s.Bucket.BucketName(),
		"PREFIX":           p.Prefix,
		"BUFFER_INTERVAL":  jsii.String(fmt.Sprintf("%gs", propcheck.Seconds(p.BufferInterval))),
		"BUFFER_BYTES":     jsii.String(fmt.Sprintf("%.0f", *p.BufferSize.ToBytes(nil))),
		"COMPRESSION":      jsii.String(compression),
		"INITIAL_POSITION": jsii.String(string(p.StartPosition)),
		"SHUTDOWN_GRACE":   jsii.String(fmt.Sprintf("%ds", shutdownGraceSeconds)),
		"METRIC_NAMESPACE": jsii.String(MetricNamespace),
		"AWS_REGION":       awscdk.Stack_Of(s.Construct).Region(),
	}
	if p.StartPosition == AtTimestamp {
		env["START_TIMESTAMP"] = jsii.String(strings.TrimSpace(*p.StartTimestamp))
	}
	if s.FanOutConsumer != nil {
		env["EFO_CONSUMER_ARN"] = s.FanOutConsumer.StreamConsumerArn()
	}
	if p.SchemaArn != nil {
		env["SCHEMA_ARN"] = p.SchemaArn
	}
	return &env
}
