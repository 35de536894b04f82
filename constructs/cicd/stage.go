package cicd

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodebuild"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodepipeline"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscodepipelineactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/jsii-runtime-go"
)

// BootstrapRoleArn is the ARN of a CDK bootstrap role of account and region
// (kind "deploy-role", "file-publishing-role", ...) in the partition of
// scope's stack, as `cdk bootstrap` names it.
func BootstrapRoleArn(stack awscdk.Stack, qualifier, kind, account, region string) *string {
	return stack.FormatArn(&awscdk.ArnComponents{
		Service:      jsii.String("iam"),
		Region:       jsii.String(""),
		Account:      jsii.String(account),
		Resource:     jsii.String("role"),
		ResourceName: jsii.String("cdk-" + qualifier + "-" + kind + "-" + account + "-" + region),
	})
}

// stage builds the pipeline stage of s: approval (run order 1), deployment
// (2), end-to-end test (3).
func (c *Pipeline) stage(p *Props, s Stage, i int, source, assembly awscodepipeline.Artifact) *awscodepipeline.StageProps {
	d := &DeployStage{Name: s.Name, Approval: needsApproval(s, i, len(p.Stages))}
	c.Stages = append(c.Stages, d)
	env := map[string]string{"STAGE": s.Name, "TARGET_ACCOUNT": s.Account, "AWS_REGION": s.Region, "AWS_DEFAULT_REGION": s.Region}
	var actions []awscodepipeline.IAction
	if d.Approval {
		actions = append(actions, awscodepipelineactions.NewManualApprovalAction(&awscodepipelineactions.ManualApprovalActionProps{
			ActionName:            jsii.String("Approve"),
			NotificationTopic:     c.approvalTopic(p),
			AdditionalInformation: jsii.String("Deploys " + strings.Join(s.Stacks, ", ") + " to " + s.Account + "/" + s.Region + " (stage " + s.Name + ")."),
			RunOrder:              jsii.Number(1),
		}))
	}

	deploy := c.project("Deploy-"+s.Name, "Deploys "+strings.Join(s.Stacks, " ")+" to stage "+s.Name, p,
		deploySpec(s.Stacks, p.CdkCliVersion), awscodebuild.LinuxBuildImage_STANDARD_7_0(),
		awscodebuild.ComputeType_SMALL, p.DeployTimeout, env)
	stack := awscdk.Stack_Of(c.Construct)
	deploy.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("AssumeCdkBootstrapRoles"),
		Actions: jsii.Strings("sts:AssumeRole"),
		Resources: &[]*string{
			BootstrapRoleArn(stack, p.BootstrapQualifier, "deploy-role", s.Account, s.Region),
			BootstrapRoleArn(stack, p.BootstrapQualifier, "file-publishing-role", s.Account, s.Region),
		},
	}))
	d.Deploy = deploy
	actions = append(actions, awscodepipelineactions.NewCodeBuildAction(&awscodepipelineactions.CodeBuildActionProps{
		ActionName: jsii.String("Deploy"), Project: deploy, Input: assembly, RunOrder: jsii.Number(2),
	}))

	commands := s.PostDeployCommands
	if commands == nil {
		commands = []string{"bash " + DefaultPostDeployScript}
	}
	if len(commands) > 0 {
		if s.PostDeployRoleArn != "" {
			env["POST_DEPLOY_ROLE_ARN"] = s.PostDeployRoleArn
		}
		test := c.project("Test-"+s.Name, "End-to-end test of stage "+s.Name, p, testSpec(commands, s.PostDeployRoleArn != ""),
			awscodebuild.LinuxBuildImage_STANDARD_7_0(), awscodebuild.ComputeType_SMALL, p.DeployTimeout, env)
		if s.PostDeployRoleArn != "" {
			test.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:       jsii.String("AssumeTestRole"),
				Actions:   jsii.Strings("sts:AssumeRole"),
				Resources: jsii.Strings(s.PostDeployRoleArn),
			}))
		}
		d.Test = test
		actions = append(actions, awscodepipelineactions.NewCodeBuildAction(&awscodepipelineactions.CodeBuildActionProps{
			ActionName: jsii.String("EndToEndTest"), Project: test, Input: source, RunOrder: jsii.Number(3),
		}))
	}
	return &awscodepipeline.StageProps{StageName: jsii.String(s.Name), Actions: &actions}
}

// approvalTopic is the topic of the approval notices, created once.
func (c *Pipeline) approvalTopic(p *Props) awssns.ITopic {
	if c.ApprovalTopic != nil {
		return c.ApprovalTopic
	}
	if p.ExistingApprovalTopic != nil {
		c.ApprovalTopic = p.ExistingApprovalTopic
		return c.ApprovalTopic
	}
	topic := awssns.NewTopic(c.Construct, jsii.String("ApprovalTopic"), &awssns.TopicProps{
		MasterKey:  c.Key,
		EnforceSSL: jsii.Bool(true),
	})
	for _, e := range p.ApprovalEmails {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(e), nil))
	}
	c.ApprovalTopic = topic
	return topic
}
