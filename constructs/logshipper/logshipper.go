package logshipper

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/flowlogs"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// Shipper is a Linux web server whose log files an agent ships to a
// Kinesis data stream or a Firehose stream.
type Shipper struct {
	constructs.Construct
	Instance awsec2.Instance
	// Role is the instance role: SSM Session Manager and writes to the one
	// destination.
	Role          awsiam.IRole
	SecurityGroup awsec2.ISecurityGroup
	Vpc           awsec2.IVpc
	// Key encrypts the new VPC's flow logs; nil with Props.Vpc.
	Key      awskms.IKey
	UserData awsec2.UserData
	// Agent is the agent installed; ConfigPath and Config its configuration
	// file and content (values may be tokens).
	Agent      Agent
	ConfigPath string
	Config     string
	Flows      []Flow
}

// New creates the web server. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Shipper {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	s := &Shipper{Construct: c, Agent: p.Agent, Flows: p.Flows}
	if s.Agent == "" {
		s.Agent = FluentBit
	}
	if len(s.Flows) == 0 {
		s.Flows = DefaultFlows()
	}

	dest := Destination{Region: *stack.Region(), URLSuffix: *stack.UrlSuffix()}
	if p.Stream != nil {
		dest.Stream = *p.Stream.StreamName()
	} else {
		dest.DeliveryStream = *p.DeliveryStream.DeliveryStreamName()
	}
	if s.Agent == KinesisAgent {
		s.ConfigPath, s.Config = KinesisAgentConfigPath, KinesisAgentConfig(s.Flows, dest)
	} else {
		s.ConfigPath, s.Config = FluentBitConfigPath, FluentBitConfig(s.Flows, dest)
	}

	sel := p.VpcSubnets
	if p.Vpc != nil {
		s.Vpc = p.Vpc
	} else {
		s.Key = p.EncryptionKey
		if s.Key == nil {
			s.Key = keys.NewForLogs(c, "Key", "Encrypts the flow logs of the web server "+*c.Node().Path())
		} else {
			keys.AllowLogs(s.Key)
		}
		s.Vpc = newVpc(c, s.Key)
	}
	if sel == nil {
		sel = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
	}

	sg := awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              s.Vpc,
		AllowAllOutbound: jsii.Bool(false),
		Description:      jsii.String("Web server " + *c.Node().Path() + ": no inbound (Session Manager), HTTPS out"),
	})
	sg.AddEgressRule(awsec2.Peer_AnyIpv4(), awsec2.Port_Tcp(jsii.Number(443)),
		jsii.String("HTTPS to Kinesis/Firehose, SSM, CloudWatch and the package repositories"), jsii.Bool(false))
	s.SecurityGroup = sg

	role := awsiam.NewRole(c, jsii.String("InstanceRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("ec2.amazonaws.com"), nil),
		Description: jsii.String("Web server " + *c.Node().Path() + ": Session Manager and writes to its log destination"),
		ManagedPolicies: &[]awsiam.IManagedPolicy{
			awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("AmazonSSMManagedInstanceCore")),
		},
	})
	s.Role = role
	grantDestination(role, &p, s.Agent)

	instanceType := p.InstanceType
	if instanceType == nil {
		instanceType = awsec2.NewInstanceType(jsii.String(DefaultInstanceType))
	}
	cpu := awsec2.AmazonLinuxCpuType_X86_64
	if instanceType.Architecture() == awsec2.InstanceArchitecture_ARM_64 {
		cpu = awsec2.AmazonLinuxCpuType_ARM_64
	}
	install := p.InstallHttpd == nil || *p.InstallHttpd
	s.UserData = awsec2.UserData_ForLinux(nil)
	s.UserData.AddCommands(*jsii.Strings(userDataCommands(s.Agent, s.Flows, install, s.Config)...)...)

	s.Instance = awsec2.NewInstance(c, jsii.String("Instance"), &awsec2.InstanceProps{
		Vpc:           s.Vpc,
		VpcSubnets:    sel,
		InstanceType:  instanceType,
		MachineImage:  awsec2.MachineImage_LatestAmazonLinux2023(&awsec2.AmazonLinux2023ImageSsmParameterProps{CpuType: cpu}),
		Role:          role,
		SecurityGroup: sg,
		UserData:      s.UserData,
		// A changed agent configuration reaches the server by replacing it.
		UserDataCausesReplacement: jsii.Bool(true),
		DetailedMonitoring:        jsii.Bool(true),
		AssociatePublicIpAddress:  jsii.Bool(false),
		BlockDevices: &[]*awsec2.BlockDevice{{
			DeviceName: jsii.String("/dev/xvda"),
			Volume: awsec2.BlockDeviceVolume_Ebs(jsii.Number(8), &awsec2.EbsDeviceOptions{
				Encrypted: jsii.Bool(true), VolumeType: awsec2.EbsDeviceVolumeType_GP3, DeleteOnTermination: jsii.Bool(true),
			}),
		}},
	})
	// IMDSv2 only, through a launch template of our own (what
	// RequireImdsv2 does in an aspect), with detailed monitoring (Control
	// Tower CT.EC2.PR.10 reads the template, not the instance).
	lt := awsec2.NewCfnLaunchTemplate(c, jsii.String("LaunchTemplate"), &awsec2.CfnLaunchTemplateProps{
		LaunchTemplateData: &awsec2.CfnLaunchTemplate_LaunchTemplateDataProperty{
			MetadataOptions: &awsec2.CfnLaunchTemplate_MetadataOptionsProperty{
				HttpTokens: jsii.String("required"), HttpEndpoint: jsii.String("enabled"), HttpPutResponseHopLimit: jsii.Number(1),
			},
			Monitoring: &awsec2.CfnLaunchTemplate_MonitoringProperty{Enabled: jsii.Bool(true)},
		},
	})
	cfnInstance := s.Instance.Node().DefaultChild().(awsec2.CfnInstance)
	cfnInstance.SetLaunchTemplate(&awsec2.CfnInstance_LaunchTemplateSpecificationProperty{
		LaunchTemplateId: lt.Ref(), Version: lt.AttrLatestVersionNumber(),
	})
	nag.Suppress(s.Instance, nag.InPacks("EC2InstancesInVPC", "The instance is in the VPC's subnet: with AssociatePublicIpAddress false, CDK writes the subnet into "+
		"the instance's NetworkInterfaces instead of its SubnetId, the one property the compliance packs' rule reads.", nag.HIPAA, nag.NIST, nag.PCI)...)
	nag.Suppress(s.Instance, nag.Suppression{Rule: "AwsSolutions-EC29", Reason: "The web server is a stateless log source rebuilt from its user data (its logs are shipped as they are written); termination protection would only block the stack's deletion and updates that replace it."})
	nag.Suppress(role, nag.Suppression{Rule: "AwsSolutions-IAM4", Reason: "AmazonSSMManagedInstanceCore is the AWS managed policy Session Manager needs on the instance (instead of SSH); AWS keeps it current with the SSM agent's calls.", AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"}})
	return s
}

// grantDestination lets the role write to the one destination, and the
// Kinesis Agent publish its metrics.
func grantDestination(role awsiam.Role, p *Props, agent Agent) {
	if p.Stream != nil {
		// PutRecord(s), ListShards (and the stream key); the Kinesis Agent
		// also describes the stream.
		p.Stream.GrantWrite(role)
		p.Stream.Grant(role, jsii.String("kinesis:DescribeStream"), jsii.String("kinesis:DescribeStreamSummary"))
	} else {
		p.DeliveryStream.GrantPutRecords(role)
	}
	if agent == KinesisAgent {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:    jsii.Strings("cloudwatch:PutMetricData"),
			Resources:  jsii.Strings("*"),
			Conditions: &map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": "AWSKinesisAgent"}},
		}))
	}
	if pol := nag.DefaultPolicy(role); pol != nil {
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The wildcards are GenerateDataKey*/ReEncrypt* on the destination's own KMS key (the grant of an encrypted stream) and, for the Kinesis Agent, cloudwatch:PutMetricData, which has no resource-level permissions and is limited to the namespace AWSKinesisAgent by condition.",
			AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", "Resource::*"}})
	}
}

// newVpc creates the web server's network: private subnets in two zones
// that reach the internet (package repositories) through one NAT gateway
// in a public subnet where nothing else runs, an S3 gateway endpoint (the
// Amazon Linux repositories), and flow logs.
func newVpc(c constructs.Construct, key awskms.IKey) awsec2.IVpc {
	vpc := awsec2.NewVpc(c, jsii.String("Vpc"), &awsec2.VpcProps{
		RestrictDefaultSecurityGroup: jsii.Bool(true),
		MaxAzs:                       jsii.Number(2),
		NatGateways:                  jsii.Number(1),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC, CidrMask: jsii.Number(26), MapPublicIpOnLaunch: jsii.Bool(false)},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS, CidrMask: jsii.Number(24)},
		},
		GatewayEndpoints: &map[string]*awsec2.GatewayVpcEndpointOptions{
			"S3": {Service: awsec2.GatewayVpcEndpointAwsService_S3()},
		},
	})
	flowlogs.Add(c, vpc, key, awslogs.RetentionDays_ONE_YEAR)
	network.NATRoutes(vpc, "the package repositories")
	return vpc
}
