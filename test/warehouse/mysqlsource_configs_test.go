package warehouse_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const mysqlsourceStackName = "SourceDbStack"

var mysqlsourceBuilt = map[string]*mysqlsource.Database{}

// mysqlsourceVpc is an isolated VPC like the warehouse's, with a security
// group standing for the DMS replication instance.
func mysqlsourceVpc(stack awscdk.Stack) (awsec2.Vpc, awsec2.SecurityGroup) {
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		NatGateways:                  jsii.Number(0),
		RestrictDefaultSecurityGroup: jsii.Bool(false),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
		},
	})
	awsec2.NewFlowLog(stack, jsii.String("FlowLog"), &awsec2.FlowLogProps{
		ResourceType: awsec2.FlowLogResourceType_FromVpc(vpc),
		Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(awslogs.NewLogGroup(stack, jsii.String("FlowLogs"), &awslogs.LogGroupProps{
			Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
			EncryptionKey: mysqlsourceKey(stack, "FlowLogsKey", awscdk.RemovalPolicy_RETAIN),
		}), nil),
	})
	testkit.AcceptNag(vpc, "VPCDefaultSecurityGroupClosed", "A VPC standing for the caller's network; closing its default security group is the network owner's (datavpc does it).")
	dms := awsec2.NewSecurityGroup(stack, jsii.String("Dms"), &awsec2.SecurityGroupProps{Vpc: vpc, Description: jsii.String("DMS")})
	return vpc, dms
}

// mysqlsourceKey is a rotating key that, like the library's, allows grants
// only for AWS resources (Control Tower CT.KMS.PR.3) and lets CloudWatch
// Logs of eu-west-1 use it.
func mysqlsourceKey(stack awscdk.Stack, id string, removal awscdk.RemovalPolicy) awskms.Key {
	key := awskms.NewKey(stack, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true), RemovalPolicy: removal})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings("kms:CreateGrant"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("logs.eu-west-1.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"),
		Resources:  jsii.Strings("*"),
	}), nil)
	return key
}

// defaults: nil props but the VPC, the DMS group allowed, and a role that
// may sign in as dms_reader with IAM.
var mysqlsourceDefaults = testkit.Register("mysqlsource defaults", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(mysqlsourceStackName), &awscdk.StackProps{Env: cdcreplicationEnv})
	vpc, dms := mysqlsourceVpc(stack)
	db := mysqlsource.New(stack, "Plm", &mysqlsource.Props{Vpc: vpc})
	db.AllowFrom(dms, "DMS replication instance")
	reader := awsiam.NewRole(stack, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	db.GrantConnect(reader, "report_reader")
	mysqlsourceBuilt["defaults"] = db
})

// options: every setting changed, an existing key, in a sandbox.
var mysqlsourceOptions = testkit.Register("mysqlsource options", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(mysqlsourceStackName), &awscdk.StackProps{Env: cdcreplicationEnv})
	vpc, _ := mysqlsourceVpc(stack)
	key := mysqlsourceKey(stack, "SharedKey", awscdk.RemovalPolicy_DESTROY)
	mysqlsourceBuilt["options"] = mysqlsource.New(stack, "Erp", &mysqlsource.Props{
		Vpc:                       vpc,
		EngineVersion:             "8.0.44",
		InstanceClass:             "db.r7g.large",
		AllocatedStorage:          jsii.Number(100),
		Port:                      jsii.Number(13306),
		DatabaseName:              "erp_db",
		MasterUsername:            "erp_owner",
		ReplicationUsername:       "erp_cdc",
		BackupRetentionDays:       jsii.Number(35),
		MonitoringIntervalSeconds: jsii.Number(15),
		LogRetention:              awslogs.RetentionDays_TWO_YEARS,
		EncryptionKey:             key,
	})
})
