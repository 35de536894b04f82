package flinkapp

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// newRole creates the service execution role: assumable by Managed Flink
// for this account only (aws:SourceAccount; aws:SourceArn would name the
// application, which needs the role first), reading the code object and
// writing the application's log stream; in a VPC, managing the
// application's network interfaces. Sources and sinks are granted by the
// caller on Application.Role.
func newRole(c constructs.Construct, a *Application, p *Props) awsiam.Role {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("kinesisanalytics.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("Service execution role of the Managed Flink application " + *c.Node().Path()),
	})
	if a.Code != nil {
		a.Code.GrantRead(role)
	} else {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("s3:GetObject", "s3:GetObjectVersion"),
			Resources: &[]*string{p.CodeBucket.ArnForObjects(jsii.String(p.CodeKey))},
		}))
		if k := p.CodeBucket.EncryptionKey(); k != nil {
			k.GrantDecrypt(role)
		}
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:PutLogEvents", "logs:DescribeLogStreams"),
		Resources: &[]*string{a.LogGroup.LogGroupArn(), logStreamArn(stack, a.LogGroup, a.LogStream)},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:DescribeLogGroups"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"), ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
	reasons := "The role reads the code object (asset grants end in a wildcard on the asset's key and use GetObject*/GetBucket*/List*), and lists the account's log groups (DescribeLogGroups has no narrower resource)."
	if p.Vpc != nil {
		arn := func(resource, name string) *string {
			return stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ec2"), Resource: jsii.String(resource), ResourceName: jsii.String(name), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
		}
		// The VPC permissions Managed Flink documents for its service role.
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces"),
			Resources: jsii.Strings("*"),
		}))
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"),
			Resources: &[]*string{arn("network-interface", "*"), arn("subnet", "*"), arn("security-group", "*")},
		}))
		reasons += " In a VPC it describes VPCs, subnets, security groups, DHCP options and network interfaces (Describe actions support no resource-level permission) and creates and deletes the application's network interfaces (their ids are unknown before the service creates them)."
	}
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: reasons})
	return role
}
