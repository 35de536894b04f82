package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	secretrotationRedshiftStack = "SecretRotationRedshift"
	secretrotationCustomStack   = "SecretRotationCustom"
	secretrotationFunctionArn   = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-partner-api-key"
	secretrotationPath          = "/lake/warehouse/loader"
	secretrotationCron          = "cron(0 4 ? * SUN *)"
)

var secretrotationBuilt struct {
	admin, loader, apiKey, postgres *secretrotation.Rotation
	adminSecret, loaderSecret       awssecretsmanager.ISecret
	apiSecret, pgSecret             awssecretsmanager.ISecret
	warehouseSG                     awsec2.ISecurityGroup
	vpc                             *datavpc.DataVpc
}

// secretrotationKey is a caller's key: rotating, denying grants not for
// AWS services (CT.KMS.PR.3).
func secretrotationKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	return key
}

// secretrotationSecret is a generated password with the given JSON around
// it.
func secretrotationSecret(scope constructs.Construct, id, template string, key awskms.IKey) awssecretsmanager.Secret {
	return awssecretsmanager.NewSecret(scope, jsii.String(id), &awssecretsmanager.SecretProps{
		EncryptionKey: key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(template), GenerateStringKey: jsii.String("password"),
			ExcludePunctuation: jsii.Bool(true), PasswordLength: jsii.Number(32),
		},
	})
}

var secretrotationConfigs = testkit.Register("secretrotation", nil, func(app constructs.Construct) {
	// A private warehouse (a security group with the Redshift port as its
	// default) in a VPC without NAT, with a Secrets Manager endpoint: the
	// admin rotates alone every 30 days (defaults), the loader with the
	// alternating-users strategy signed in as the admin, weekly by cron,
	// through the endpoint, published under a parameter path.
	s1 := awscdk.NewStack(app, jsii.String(secretrotationRedshiftStack), nil)
	b := &secretrotationBuilt
	b.vpc = datavpc.New(s1, "Network", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0),
		InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_SECRETS_MANAGER()}})
	b.warehouseSG = awsec2.NewSecurityGroup(s1, jsii.String("WarehouseSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc: b.vpc.Vpc, Description: jsii.String("The warehouse"), AllowAllOutbound: jsii.Bool(false),
	})
	warehouse := awsec2.NewConnections(&awsec2.ConnectionsProps{
		SecurityGroups: &[]awsec2.ISecurityGroup{b.warehouseSG}, DefaultPort: awsec2.Port_Tcp(jsii.Number(5439)),
	})
	key := secretrotationKey(s1, "SecretsKey")
	b.adminSecret = secretrotationSecret(s1, "AdminSecret", `{"engine":"redshift","host":"warehouse.example.internal","port":5439,"username":"admin"}`, key)
	b.loaderSecret = secretrotationSecret(s1, "LoaderSecret", `{"engine":"redshift","host":"warehouse.example.internal","port":5439,"username":"orders_loader","dbname":"dev"}`, key)
	b.admin = secretrotation.New(s1, "AdminRotation", &secretrotation.Props{
		Secret: b.adminSecret, Engine: secretrotation.RedshiftSingleUser, Vpc: b.vpc.Vpc, Target: warehouse,
	})
	b.loader = secretrotation.New(s1, "LoaderRotation", &secretrotation.Props{
		Secret: b.loaderSecret, Engine: secretrotation.RedshiftMultiUser, MasterSecret: b.adminSecret,
		Vpc: b.vpc.Vpc, Subnets: b.vpc.Private, Target: warehouse,
		Endpoints:          []awsec2.IConnectable{b.vpc.Endpoints["secretsmanager"]},
		ScheduleExpression: secretrotationCron, RotateImmediately: jsii.Bool(false),
		ParameterPath: secretrotationPath,
	})

	// A partner API key rotated by the caller's function every 7 days, and
	// a PostgreSQL user on a given port every 90 days.
	s2 := awscdk.NewStack(app, jsii.String(secretrotationCustomStack), nil)
	key2 := secretrotationKey(s2, "SecretsKey")
	b.apiSecret = secretrotationSecret(s2, "PartnerApiKey", `{"client":"orders"}`, key2)
	fn := awslambda.Function_FromFunctionArn(s2, jsii.String("RotateFunction"), jsii.String(secretrotationFunctionArn))
	b.apiKey = secretrotation.New(s2, "ApiKeyRotation", &secretrotation.Props{
		Secret: b.apiSecret, RotationFunction: fn, AutomaticallyAfterDays: jsii.Number(7),
	})
	vpc := datavpc.New(s2, "Network", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0)})
	db := awsec2.NewSecurityGroup(s2, jsii.String("DatabaseSecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc: vpc.Vpc, Description: jsii.String("The PostgreSQL database"), AllowAllOutbound: jsii.Bool(false),
	})
	b.pgSecret = secretrotationSecret(s2, "ReportingSecret", `{"engine":"postgres","host":"reporting.example.internal","username":"reporting"}`, key2)
	b.postgres = secretrotation.New(s2, "ReportingRotation", &secretrotation.Props{
		Secret: b.pgSecret, Engine: secretrotation.PostgresSingleUser, Vpc: vpc.Vpc, Target: db, Port: jsii.Number(5432),
		ScheduleExpression: "rate(90 days)",
	})
})
