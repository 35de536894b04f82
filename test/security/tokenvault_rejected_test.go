package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/tokenvault"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestTokenvaultRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *tokenvault.Props
		wants []string
	}{
		{"existing table and table props", func(stack awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{
				Table:      awsdynamodb.Table_FromTableName(stack, jsii.String("Existing"), jsii.String("vault")),
				TableProps: &awsdynamodb.TableProps{BillingMode: awsdynamodb.BillingMode_PROVISIONED},
			}
		}, []string{"tokenvault Bad/Vault: invalid props", "Table/TableProps = Bad/Existing: one of them: TableProps configure a new table, Table is an existing one"}},
		{"AWS managed keys", func(stack awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{
				EncryptionKey: awskms.Alias_FromAliasName(stack, jsii.String("K"), jsii.String("alias/aws/dynamodb")),
				StorageKey:    awskms.Key_FromKeyArn(stack, jsii.String("S"), jsii.String("arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda")),
			}
		}, []string{"EncryptionKey = alias/aws/dynamodb: a customer managed key: an AWS managed key's policy (alias/aws/...) cannot restrict who generates or decrypts data keys",
			"StorageKey = arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda: a customer managed key"}},
		{"one key for both", func(stack awscdk.Stack) *tokenvault.Props {
			k := awskms.NewKey(stack, jsii.String("Both"), nil)
			return &tokenvault.Props{EncryptionKey: k, StorageKey: k}
		}, []string{"EncryptionKey/StorageKey = Bad/Both: two different keys"}},
		{"table props", func(stack awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{TableProps: &awsdynamodb.TableProps{
				PartitionKey:        &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
				SortKey:             &awsdynamodb.Attribute{Name: jsii.String("at"), Type: awsdynamodb.AttributeType_NUMBER},
				Encryption:          awsdynamodb.TableEncryption_AWS_MANAGED,
				EncryptionKey:       awskms.NewKey(stack, jsii.String("TableKey"), nil),
				PointInTimeRecovery: jsii.Bool(false),
				TimeToLiveAttribute: jsii.String("expires"),
				RemovalPolicy:       awscdk.RemovalPolicy_DESTROY,
			}}
		}, []string{`TableProps.PartitionKey = id (STRING): "token" (STRING)`, "TableProps.SortKey = at: none",
			"TableProps.Encryption = AWS_MANAGED: CUSTOMER_MANAGED", "TableProps.EncryptionKey = Bad/TableKey: nil: set StorageKey",
			"TableProps.PointInTimeRecovery = false: enabled: the vault holds the only copy of the values",
			"TableProps.TimeToLiveAttribute = expires: none", "TableProps.RemovalPolicy = DESTROY: data is retained"}},
		{"cache bounds and function", func(awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{DataKeyMaxAge: awscdk.Duration_Hours(jsii.Number(2)), DataKeyMaxUses: 2e6, MemorySize: 64, ReservedConcurrency: -1, LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"DataKeyMaxAge = 2 hours: whole seconds from 1 second to 1 hour", "DataKeyMaxUses = 2e+06: a whole number from 1 to 1000000",
			"MemorySize = 64: whole MB from 128 to 10240", "ReservedConcurrency = -1: a whole number", "LogRetention = INFINITE: a finite retention"}},
		{"sub-second cache age", func(awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{DataKeyMaxAge: awscdk.Duration_Millis(jsii.Number(500))}
		}, []string{"DataKeyMaxAge = 500 millis: whole seconds from 1 second to 1 hour"}},
		{"network props without a VPC", func(awscdk.Stack) *tokenvault.Props {
			return &tokenvault.Props{VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}, Endpoints: jsii.Bool(true)}
		}, []string{"VpcSubnets = set: only with Vpc", "Endpoints = true: only with Vpc"}},
		{"subnets that select nothing", func(stack awscdk.Stack) *tokenvault.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), RestrictDefaultSecurityGroup: jsii.Bool(false),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return &tokenvault.Props{Vpc: vpc, VpcSubnets: &awsec2.SubnetSelection{SubnetGroupName: jsii.String("Vault")}}
		}, []string{"VpcSubnets = SubnetGroupName Vault: a selection of at least one subnet of Vpc"}},
		{"a VPC with public subnets only", func(stack awscdk.Stack) *tokenvault.Props {
			vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), RestrictDefaultSecurityGroup: jsii.Bool(false),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC}}})
			return &tokenvault.Props{Vpc: vpc}
		}, []string{"VpcSubnets = nil (isolated, else private subnets with egress): a selection of at least one subnet of Vpc"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				tokenvault.New(stack, "Vault", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestTokenvaultDestroyOverrideNeedsTheSandbox(t *testing.T) {
	testkit.CheckDestroyOverrides(t, []testkit.OverrideCase{{
		Name: "tokenvault TableProps",
		Build: func(stack awscdk.Stack) {
			tokenvault.New(stack, "Vault", &tokenvault.Props{TableProps: &awsdynamodb.TableProps{RemovalPolicy: awscdk.RemovalPolicy_DESTROY}})
		},
		Wants: []string{"tokenvault Stack/Vault", "TableProps.RemovalPolicy = DESTROY"},
	}})
}
