package cicd

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodebuild"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// Defaults written into the generated buildspecs.
const (
	// DefaultBranch is the branch a connection source follows.
	DefaultBranch = "main"
	// DefaultCdkCliVersion is the CDK CLI the deploy actions install: the
	// version this repository pins in package.json (it reads the cloud
	// assembly schema aws-cdk-lib 2.270 writes).
	DefaultCdkCliVersion = "2.1148.1"
	// DefaultQualifier is the CDK bootstrap qualifier of `cdk bootstrap`.
	DefaultQualifier = "hnb659fds"
	// DefaultPostDeployScript is the end-to-end test a stage runs after its
	// deployment unless Stage.PostDeployCommands says otherwise: a script of
	// the repository that ingests a file, runs the pipeline and checks the
	// output, and exits non-zero on failure (docs/patterns/cicd.md).
	DefaultPostDeployScript = ".ci/e2e.sh"
)

// DefaultBuildCommands are the README's two commands: every test, then the
// synthesis into cdk.out.
var DefaultBuildCommands = []string{"npm test", "npm run synth"}

// Props configures a Pipeline. Exactly one source is required (ConnectionArn
// with Repository, or SourceBucket with SourceKey) and at least one Stage.
type Props struct {
	// ConnectionArn is a CodeConnections connection (GitHub, GitLab,
	// Bitbucket), created and authorised once in the console:
	// arn:<partition>:codeconnections:<region>:<account>:connection/<id>
	// (older ones: codestar-connections). Nothing is looked up at synthesis
	// and no token is stored.
	ConnectionArn string
	// Repository is "owner/name" (GitLab: "group/subgroup/name").
	Repository string
	// Branch the pipeline follows.
	// @default "main"
	Branch string

	// SourceBucket is the alternative source: a versioned bucket with
	// EventBridge notifications on (a securebucket has both) holding the
	// repository as a zip at SourceKey. A new object version starts the
	// pipeline.
	SourceBucket awss3.IBucket
	// SourceKey is the key of the zip in SourceBucket.
	SourceKey string

	// Stages are the target environments, deployed in this order.
	Stages []Stage
	// AllowUnapprovedProduction lets a production stage (named prod,
	// production or prd, or the last stage) deploy without a manual approval.
	// @default false
	AllowUnapprovedProduction *bool

	// ApprovalEmails are subscribed to the new approval topic.
	// @default none (subscribe later, or use ExistingApprovalTopic)
	ApprovalEmails []string
	// ExistingApprovalTopic receives the approval notices instead of a new
	// encrypted topic.
	ExistingApprovalTopic awssns.ITopic

	// BuildImage runs the build and test action.
	// @default Ubuntu standard:7.0 (x86-64; apt is there for .ci/setup, which
	// installs python3 and PostgreSQL for the tests)
	BuildImage awscodebuild.IBuildImage
	// BuildCommands run in the build action, at the repository's root.
	// They must leave the cloud assembly in cdk.out/.
	// @default DefaultBuildCommands (npm test, npm run synth)
	BuildCommands []string
	// CdkCliVersion is the aws-cdk version the deploy actions install.
	// @default DefaultCdkCliVersion
	CdkCliVersion string
	// BootstrapQualifier is the qualifier the targets were bootstrapped with.
	// @default DefaultQualifier ("hnb659fds")
	BootstrapQualifier string

	// EncryptionKey encrypts the artifact bucket, the CodeBuild projects,
	// their logs and the approval topic.
	// @default a new rotating key, retained
	EncryptionKey awskms.IKey
	// LogRetention of the CodeBuild log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
	// BuildTimeout bounds the build and test action (5 minutes to 36 hours).
	// @default 60 minutes
	BuildTimeout awscdk.Duration
	// DeployTimeout bounds each deploy action and each post-deploy test.
	// @default 60 minutes
	DeployTimeout awscdk.Duration
}

// Stage is one target environment.
type Stage struct {
	// Name of the pipeline stage ("test", "prod"): letters, digits, . @ - _.
	Name string
	// Account is the target account id (12 digits), bootstrapped with
	// `cdk bootstrap --trust <pipeline account> aws://<account>/<region>`.
	Account string
	// Region is the target region, e.g. "eu-west-1".
	Region string
	// Stacks are the stacks of cdk.out to deploy (ids or display paths as
	// `cdk deploy` takes them; their dependencies are deployed too).
	Stacks []string
	// RequireApproval puts a manual approval before the deployment.
	// @default true for a production stage (named prod, production or prd,
	// or the last stage), false otherwise
	RequireApproval *bool
	// PostDeployCommands run after the deployment, at the repository's root,
	// with STAGE, TARGET_ACCOUNT and AWS_REGION set: the end-to-end test.
	// @default ["bash .ci/e2e.sh"] (DefaultPostDeployScript); an empty,
	// non-nil slice runs no test
	PostDeployCommands []string
	// PostDeployRoleArn is a role of the target account that the post-deploy
	// commands assume (it needs what the test does: put the file, start the
	// pipeline, read the output) and that trusts the pipeline account.
	// @default none: the commands run with the test project's own role, which
	// may read the pipeline's artifacts and nothing in the target account
	PostDeployRoleArn string
}
