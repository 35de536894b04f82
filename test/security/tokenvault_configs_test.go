package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/tokenvault"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	tokenvaultDefaultsStack = "TokenVaultDefaults"
	tokenvaultVpcStack      = "TokenVaultVpc"
	tokenvaultDataVpcStack  = "TokenVaultDataVpc"
	tokenvaultSandboxStack  = "TokenVaultSandbox"
)

var tokenvaultBuilt struct {
	defaults, second, vpc, dataVpc, sandbox *tokenvault.Vault
	storageKey                              awskms.IKey
	app, analyst                            awsiam.IRole
}

var tokenvaultConfigs = testkit.Register("tokenvault", nil, func(scope constructs.Construct) {
	// Defaults, twice in one stack; an application role that may tokenize
	// and an analyst role that may detokenize.
	s1 := awscdk.NewStack(scope, jsii.String(tokenvaultDefaultsStack), nil)
	tokenvaultBuilt.defaults = tokenvault.New(s1, "Vault", nil)
	tokenvaultBuilt.second = tokenvault.New(s1, "Second", nil)
	tokenvaultAcceptBackup(tokenvaultBuilt.defaults, tokenvaultBuilt.second)
	app := awsiam.NewRole(s1, jsii.String("App"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("ecs-tasks.amazonaws.com"), nil)})
	analyst := awsiam.NewRole(s1, jsii.String("Analyst"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	tokenvaultBuilt.defaults.GrantTokenize(app)
	tokenvaultBuilt.defaults.GrantDetokenize(analyst)
	tokenvaultBuilt.app, tokenvaultBuilt.analyst = app, analyst

	// Deterministic tokens in an isolated VPC with the vault's own
	// endpoints, tuned cache and functions.
	s2 := awscdk.NewStack(scope, jsii.String(tokenvaultVpcStack), nil)
	key := tokenvaultLogsKey(s2, "StorageKey")
	tokenvaultBuilt.storageKey = key
	vpc := awsec2.NewVpc(s2, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs:                       jsii.Number(2),
		NatGateways:                  jsii.Number(0),
		RestrictDefaultSecurityGroup: jsii.Bool(false),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Vault"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
			{Name: jsii.String("Other"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED, CidrMask: jsii.Number(24)},
		},
	})
	testkit.AcceptNag(vpc, "VPCDefaultSecurityGroupClosed", "A VPC standing for the caller's network; closing its default security group is the network owner's (datavpc does it).")
	flowLogs := awslogs.NewLogGroup(s2, jsii.String("FlowLogs"), &awslogs.LogGroupProps{
		EncryptionKey: key, Retention: awslogs.RetentionDays_ONE_YEAR, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	vpc.AddFlowLog(jsii.String("Flow"), &awsec2.FlowLogOptions{Destination: awsec2.FlowLogDestination_ToCloudWatchLogs(flowLogs, nil)})
	tokenvaultBuilt.vpc = tokenvault.New(s2, "Vault", &tokenvault.Props{
		Deterministic:       jsii.Bool(true),
		StorageKey:          key,
		Vpc:                 vpc,
		VpcSubnets:          &awsec2.SubnetSelection{SubnetGroupName: jsii.String("Vault")},
		Endpoints:           jsii.Bool(true),
		DataKeyMaxAge:       awscdk.Duration_Minutes(jsii.Number(1)),
		DataKeyMaxUses:      100,
		MemorySize:          512,
		ReservedConcurrency: 20,
		LogRetention:        awslogs.RetentionDays_TWO_YEARS,
	})
	tokenvaultAcceptBackup(tokenvaultBuilt.vpc)
})

// tokenvaultAcceptBackup acknowledges the packs' DynamoDBInBackupPlan on
// the vaults' tables: the app backs them up (the DataProtection stack adds
// its vault's table to its plan), and these configurations test the
// construct alone.
func tokenvaultAcceptBackup(vaults ...*tokenvault.Vault) {
	for _, v := range vaults {
		testkit.AcceptNag(v.Table, "DynamoDBInBackupPlan", "The app backs the vault's table up (the DataProtection stack adds it to its plan); this configuration tests the construct alone.")
	}
}

// tokenvaultLogsKey is a caller's key that CloudWatch Logs may use:
// rotating, denying grants not for AWS services (CT.KMS.PR.3).
func tokenvaultLogsKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	stack := awscdk.Stack_Of(scope)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("logs."+*stack.Region()+"."+*stack.UrlSuffix()), nil)},
		Actions:    jsii.Strings("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"),
		Resources:  jsii.Strings("*"),
	}), nil)
	return key
}

// A VPC that already has the endpoints (datavpc without NAT: DynamoDB
// gateway, KMS interface endpoint): the vault only places its functions.
// The table and the envelope key are the caller's.
var tokenvaultDataVpcConfigs = testkit.Register("tokenvault-datavpc", nil, func(scope constructs.Construct) {
	s := awscdk.NewStack(scope, jsii.String(tokenvaultDataVpcStack), nil)
	net := datavpc.New(s, "Network", &datavpc.Props{
		Zones: jsii.Number(2), NatGateways: jsii.Number(0),
		InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_KMS()},
	})
	tokenvaultBuilt.dataVpc = tokenvault.New(s, "Vault", &tokenvault.Props{
		Vpc:           net.Vpc,
		Table:         awsdynamodb.Table_FromTableName(s, jsii.String("Existing"), jsii.String("orders-vault")),
		EncryptionKey: tokenvaultLogsKey(s, "EnvelopeKey"),
	})
})

var tokenvaultSandboxConfigs = testkit.Register("tokenvault-sandbox", map[string]any{"sandbox": true}, func(scope constructs.Construct) {
	s := awscdk.NewStack(scope, jsii.String(tokenvaultSandboxStack), nil)
	tokenvaultBuilt.sandbox = tokenvault.New(s, "Vault", &tokenvault.Props{Deterministic: jsii.Bool(true)})
	tokenvaultAcceptBackup(tokenvaultBuilt.sandbox)
})
