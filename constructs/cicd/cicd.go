package cicd

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodebuild"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodepipeline"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodepipelineactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Pipeline is a CodePipeline (V2) that builds and tests the app, then
// deploys its stacks to each stage in order, behind manual approvals where
// a stage asks for one, and runs the stage's end-to-end test.
type Pipeline struct {
	constructs.Construct
	// Pipeline is the CodePipeline.
	Pipeline awscodepipeline.IPipeline
	// ArtifactBucket holds the source and the cloud assembly (SSE-KMS with Key).
	ArtifactBucket awss3.IBucket
	// Key encrypts the artifacts, the CodeBuild projects, their logs and the
	// approval topic.
	Key awskms.IKey
	// Build runs the build commands (tests and synthesis).
	Build awscodebuild.IProject
	// ApprovalTopic receives the manual approval notices; nil when no stage
	// needs an approval.
	ApprovalTopic awssns.ITopic
	// SourceRule starts the pipeline on a new version of the S3 source; nil
	// with a connection source (CodePipeline's own trigger on push).
	SourceRule awsevents.IRule
	// Stages are the target environments, in order.
	Stages []*DeployStage
}

// DeployStage is what the pipeline created for one Stage.
type DeployStage struct {
	Name string
	// Approval is true when a manual approval comes before the deployment.
	Approval bool
	// Deploy runs `cdk deploy` with the target's bootstrap roles.
	Deploy awscodebuild.IProject
	// Test runs the post-deploy commands; nil when there are none.
	Test awscodebuild.IProject
}

// New creates the pipeline. It fails synthesis, listing every problem, when
// props are invalid.
func New(scope constructs.Construct, id string, props *Props) *Pipeline {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := &Pipeline{Construct: constructs.NewConstruct(scope, jsii.String(id))}
	key := p.EncryptionKey
	if key == nil {
		key = keys.NewForLogs(c.Construct, "Key", "CI/CD pipeline: artifacts, builds, build logs and approval notices")
	}
	c.Key = key
	artifacts := securebucket.New(c.Construct, "Artifacts", &securebucket.Props{
		Encryption:    securebucket.SSEKMS,
		EncryptionKey: key,
		Lifecycle: &securebucket.Lifecycle{
			Expiration:                  awscdk.Duration_Days(jsii.Number(90)),
			NoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(30)),
		},
	})
	c.ArtifactBucket = artifacts.Bucket

	source := awscodepipeline.NewArtifact(jsii.String("Source"), nil)
	assembly := awscodepipeline.NewArtifact(jsii.String("CloudAssembly"), nil)
	build := c.project("Build", "Builds and tests the app, then synthesizes cdk.out", &p,
		buildSpec(p.BuildCommands), p.BuildImage, awscodebuild.ComputeType_MEDIUM, p.BuildTimeout, nil)
	c.Build = build

	stages := []*awscodepipeline.StageProps{
		{StageName: jsii.String("Source"), Actions: &[]awscodepipeline.IAction{c.sourceAction(&p, source)}},
		{StageName: jsii.String("Build"), Actions: &[]awscodepipeline.IAction{
			awscodepipelineactions.NewCodeBuildAction(&awscodepipelineactions.CodeBuildActionProps{
				ActionName: jsii.String("BuildAndTest"), Project: build,
				Input: source, Outputs: &[]awscodepipeline.Artifact{assembly},
			}),
		}},
	}
	for i, s := range p.Stages {
		stages = append(stages, c.stage(&p, s, i, source, assembly))
	}
	pipeline := awscodepipeline.NewPipeline(c.Construct, jsii.String("Pipeline"), &awscodepipeline.PipelineProps{
		PipelineType:   awscodepipeline.PipelineType_V2,
		ArtifactBucket: artifacts.Bucket,
		Stages:         &stages,
	})
	c.Pipeline = pipeline
	if p.SourceBucket != nil {
		c.SourceRule = awsevents.NewRule(c.Construct, jsii.String("SourceChanged"), &awsevents.RuleProps{
			Description: jsii.String("Starts the pipeline when a new version of the source zip arrives"),
			EventPattern: &awsevents.EventPattern{
				Source:     jsii.Strings("aws.s3"),
				DetailType: jsii.Strings("Object Created"),
				Detail: &map[string]any{
					"bucket": map[string]any{"name": []any{p.SourceBucket.BucketName()}},
					"object": map[string]any{"key": []any{p.SourceKey}},
				},
			},
			Targets: &[]awsevents.IRuleTarget{awseventstargets.NewCodePipeline(pipeline, nil)},
		})
	}
	suppress(c)
	return c
}

// fill writes the defaults into p.
func fill(p *Props) {
	if p.Branch == "" {
		p.Branch = DefaultBranch
	}
	if p.BuildCommands == nil {
		p.BuildCommands = DefaultBuildCommands
	}
	if p.CdkCliVersion == "" {
		p.CdkCliVersion = DefaultCdkCliVersion
	}
	if p.BootstrapQualifier == "" {
		p.BootstrapQualifier = DefaultQualifier
	}
	if p.BuildImage == nil {
		p.BuildImage = awscodebuild.LinuxBuildImage_STANDARD_7_0()
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.BuildTimeout == nil {
		p.BuildTimeout = awscdk.Duration_Minutes(jsii.Number(60))
	}
	if p.DeployTimeout == nil {
		p.DeployTimeout = awscdk.Duration_Minutes(jsii.Number(60))
	}
}

// sourceAction reads the repository through the connection, or the zip
// from S3 (started by SourceRule, not by CodePipeline's CloudTrail trigger).
func (c *Pipeline) sourceAction(p *Props, out awscodepipeline.Artifact) awscodepipeline.IAction {
	if p.SourceBucket != nil {
		return awscodepipelineactions.NewS3SourceAction(&awscodepipelineactions.S3SourceActionProps{
			ActionName: jsii.String("Source"), Bucket: p.SourceBucket, BucketKey: jsii.String(p.SourceKey),
			Output: out, Trigger: awscodepipelineactions.S3Trigger_NONE,
		})
	}
	// The action's own grant names the codestar-connections prefix only; an
	// IAM policy must use the prefix of the connection's ARN, so a
	// codeconnections connection also gets codeconnections:UseConnection.
	role := awsiam.NewRole(c.Construct, jsii.String("SourceRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewAccountRootPrincipal(),
		Description: jsii.String("Reads the repository through the CodeConnections connection"),
	})
	if !strings.Contains(p.ConnectionArn, ":codestar-connections:") {
		role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("codeconnections:UseConnection"),
			Resources: jsii.Strings(p.ConnectionArn),
		}))
	}
	cut := strings.LastIndex(p.Repository, "/")
	return awscodepipelineactions.NewCodeStarConnectionsSourceAction(&awscodepipelineactions.CodeStarConnectionsSourceActionProps{
		ActionName:    jsii.String("Source"),
		ConnectionArn: jsii.String(p.ConnectionArn),
		Owner:         jsii.String(p.Repository[:cut]),
		Repo:          jsii.String(p.Repository[cut+1:]),
		Branch:        jsii.String(p.Branch),
		Output:        out,
		Role:          role,
	})
}

// project is a CodeBuild project encrypted with the key, logging to its own
// encrypted log group, unprivileged, with a timeout.
func (c *Pipeline) project(id, description string, p *Props, spec map[string]any, image awscodebuild.IBuildImage,
	compute awscodebuild.ComputeType, timeout awscdk.Duration, env map[string]string) awscodebuild.PipelineProject {
	logs := awslogs.NewLogGroup(c.Construct, jsii.String(id+"Logs"), &awslogs.LogGroupProps{
		Retention:     p.LogRetention,
		EncryptionKey: c.Key,
		RemovalPolicy: sandbox.RemovalPolicy(c.Construct),
	})
	vars := map[string]*awscodebuild.BuildEnvironmentVariable{}
	for k, v := range env {
		vars[k] = &awscodebuild.BuildEnvironmentVariable{Value: jsii.String(v)}
	}
	project := awscodebuild.NewPipelineProject(c.Construct, jsii.String(id), &awscodebuild.PipelineProjectProps{
		Description: jsii.String(description),
		BuildSpec:   awscodebuild.BuildSpec_FromObject(&spec),
		Environment: &awscodebuild.BuildEnvironment{
			BuildImage:  image,
			ComputeType: compute,
			Privileged:  jsii.Bool(false),
		},
		EnvironmentVariables: &vars,
		EncryptionKey:        c.Key,
		Logging: &awscodebuild.LoggingOptions{CloudWatch: &awscodebuild.CloudWatchLoggingOptions{
			LogGroup: logs,
		}},
		Timeout:       timeout,
		QueuedTimeout: awscdk.Duration_Hours(jsii.Number(8)),
	})
	nag.Suppress(project, nag.InPacks("CodeBuildProjectSourceRepoUrl", "The project's source is CODEPIPELINE: it receives the pipeline's artifact and never reads a repository, "+
		"so it holds no repository URL or credentials; the pipeline reads the repository through a CodeConnections connection (an OAuth app), which is what the rule asks for.",
		nag.HIPAA, nag.NIST, nag.PCI)...)
	return project
}
