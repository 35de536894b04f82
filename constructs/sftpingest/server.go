package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awstransfer"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// logging creates the server's log group (finite retention, the
// construct's key, retained) and the role Transfer writes it with, allowed
// to write to that group only: Transfer's legacy per-server group
// /aws/transfer/<server-id> (unencrypted, kept forever) is never created.
func (in *Ingest) logging(p *Props) {
	in.LogGroup = awslogs.NewLogGroup(in.Construct, jsii.String("Logs"), &awslogs.LogGroupProps{
		Retention:     p.LogRetention,
		EncryptionKey: in.Key,
		RemovalPolicy: sandbox.RemovalPolicy(in.Construct),
	})
	role := in.transferRole(in.Construct, "LoggingRole", "Lets AWS Transfer Family write the logs of "+*in.Node().Path()+" to its log group", "server/*")
	in.LogGroup.GrantWrite(role)
	in.LoggingRole = role
}

// transferRole is a role transfer.amazonaws.com may assume for resources of
// this account whose ARN matches arn:<partition>:transfer:<region>:<account>:<resource>
// (the confused-deputy conditions of the Transfer Family guide).
func (in *Ingest) transferRole(scope constructs.Construct, id, description, resource string) awsiam.Role {
	stack := awscdk.Stack_Of(in.Construct)
	return awsiam.NewRole(scope, jsii.String(id), &awsiam.RoleProps{
		Description: jsii.String(description),
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("transfer.amazonaws.com"), nil).WithConditions(&map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
			"ArnLike": map[string]any{"aws:SourceArn": stack.FormatArn(&awscdk.ArnComponents{
				Service: jsii.String("transfer"), Resource: jsii.String(resource),
			})},
		}),
	})
}

// server creates the SFTP server: VPC endpoint, security policy, structured
// logs, identity provider and workflow.
func (in *Ingest) server(p *Props, idp *awstransfer.CfnServer_IdentityProviderDetailsProperty) {
	subnets := p.Vpc.SelectSubnets(subnetSelection(p))
	endpoint := &awstransfer.CfnServer_EndpointDetailsProperty{
		VpcId:            p.Vpc.VpcId(),
		SubnetIds:        subnets.SubnetIds,
		SecurityGroupIds: &[]*string{in.SecurityGroup.SecurityGroupId()},
	}
	if len(in.ElasticIps) > 0 {
		ids := make([]*string, len(in.ElasticIps))
		for i, e := range in.ElasticIps {
			ids[i] = e.AttrAllocationId()
		}
		endpoint.AddressAllocationIds = &ids
	}
	props := &awstransfer.CfnServerProps{
		Protocols:                 jsii.Strings("SFTP"),
		Domain:                    jsii.String("S3"),
		EndpointType:              jsii.String("VPC"),
		EndpointDetails:           endpoint,
		IdentityProviderType:      jsii.String(p.IdentityProvider),
		SecurityPolicyName:        jsii.String(p.SecurityPolicyName),
		LoggingRole:               in.LoggingRole.RoleArn(),
		StructuredLogDestinations: &[]*string{in.LogGroup.LogGroupArn()},
		// S3 has no modification times or permissions to set: answer
		// SETSTAT with success instead of failing clients that send it.
		ProtocolDetails: &awstransfer.CfnServer_ProtocolDetailsProperty{SetStatOption: jsii.String("ENABLE_NO_OP")},
	}
	if idp != nil {
		props.IdentityProviderDetails = idp
	}
	if in.Workflow != nil {
		props.WorkflowDetails = &awstransfer.CfnServer_WorkflowDetailsProperty{
			OnUpload: []any{&awstransfer.CfnServer_WorkflowDetailProperty{
				WorkflowId:    in.Workflow.AttrWorkflowId(),
				ExecutionRole: in.WorkflowRole.RoleArn(),
			}},
		}
	}
	in.Server = awstransfer.NewCfnServer(in.Construct, jsii.String("Server"), props)
	// The roles' policies must exist before the server uses them.
	in.Server.Node().AddDependency(in.LoggingRole)
	if in.WorkflowRole != nil {
		in.Server.Node().AddDependency(in.WorkflowRole)
	}
}
