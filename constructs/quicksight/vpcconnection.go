package quicksight

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsquicksight"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// vpcConnection creates the security group, the role QuickSight assumes and
// the VPC connection.
func (d *Dataset) vpcConnection(p *Props, base string) {
	r := p.Redshift
	stack := awscdk.Stack_Of(d.Construct)
	port := awsec2.Port_Tcp(jsii.Number(r.Port))

	sg := awsec2.NewSecurityGroup(d.Construct, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              r.Vpc,
		Description:      jsii.String("QuickSight VPC connection to the warehouse"),
		AllowAllOutbound: jsii.Bool(false),
	})
	d.SecurityGroup = sg
	// Egress to the warehouse port only; the warehouse admits it.
	sg.Connections().AllowTo(r.Warehouse, port, jsii.String("QuickSight to the warehouse port"))
	// QuickSight's network interfaces do not track connections like other
	// ENIs: the replies from the warehouse need an inbound rule (QuickSight
	// user guide, security groups of a VPC connection).
	sg.Connections().AllowFrom(r.Warehouse, awsec2.Port_AllTcp(), jsii.String("Replies from the warehouse to QuickSight"))

	subnets := *r.Vpc.SelectSubnets(network.PrivateOr(r.Vpc, r.Subnets)).SubnetIds
	role := awsiam.NewRole(d.Construct, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("quicksight.amazonaws.com"), nil).WithConditions(&map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
		}),
		Description: jsii.String("QuickSight manages the network interfaces of the VPC connection " + *d.Node().Path()),
	})
	d.Role = role
	eni := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ec2"), Resource: jsii.String("network-interface"), ResourceName: jsii.String("*")})
	subnetArns := []*string{}
	for _, s := range subnets {
		subnetArns = append(subnetArns, stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ec2"), Resource: jsii.String("subnet"), ResourceName: s}))
	}
	sgArn := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ec2"), Resource: jsii.String("security-group"), ResourceName: sg.SecurityGroupId()})
	vpcArn := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ec2"), Resource: jsii.String("vpc"), ResourceName: r.Vpc.VpcId()})
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("DescribeNetwork"),
		Actions:   jsii.Strings("ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"),
		Resources: jsii.Strings("*"),
	}))
	createOn := append([]*string{eni, sgArn}, subnetArns...)
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("CreateInterfacesInTheSubnets"),
		Actions:   jsii.Strings("ec2:CreateNetworkInterface"),
		Resources: &createOn,
	}))
	role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("ManageInterfacesInTheVpc"),
		Actions:    jsii.Strings("ec2:ModifyNetworkInterfaceAttribute", "ec2:DeleteNetworkInterface"),
		Resources:  &[]*string{eni, sgArn},
		Conditions: &map[string]any{"ArnEquals": map[string]any{"ec2:Vpc": vpcArn}},
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "ec2:DescribeSubnets and ec2:DescribeSecurityGroups support no resource-level permission, and the network interfaces QuickSight creates " +
			"have ids unknown before it creates them; creation is limited to the connection's subnets and security group, changes and deletion to interfaces of the warehouse VPC.",
		AppliesTo: []string{"Resource::*", "/^Resource::arn:" + nag.Partition + `:ec2:.*:network-interface\/\*$/`},
	})

	d.VpcConnection = awsquicksight.NewCfnVPCConnection(d.Construct, jsii.String("VpcConnection"), &awsquicksight.CfnVPCConnectionProps{
		AwsAccountId:     account(d.Construct),
		VpcConnectionId:  jsii.String(base + "-vpc"),
		Name:             jsii.String(base),
		RoleArn:          role.RoleArn(),
		SecurityGroupIds: jsii.Strings(*sg.SecurityGroupId()),
		SubnetIds:        &subnets,
	})
	// The role's policy must exist before QuickSight creates the interfaces.
	d.VpcConnection.Node().AddDependency(role)
}
