package dataprotection

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
	"github.com/cdk-data-patterns/patterns/constructs/tokenvault"
)

// vault adds the notes' tokenization design (SEC-10): the vault's
// functions in the stack's VPC without NAT (datavpc: isolated subnets, S3
// and DynamoDB gateway endpoints, flow logs).
func (s *Stack) vault(cfg VaultConfig) {
	s.Vault = tokenvault.New(s.Stack, "Vault", &tokenvault.Props{
		Vpc:           s.Network.Vpc,
		VpcSubnets:    s.Network.Private,
		Deterministic: jsii.Bool(cfg.Deterministic),
	})
	// Tokens are worthless without their ciphertexts: the vault's table is
	// in the stack's backup plan.
	s.Backup.AddTables("TokenVault", s.Vault.Table)
}

// perimeter restricts the VPC's endpoints (SEC-07): they admit only this
// account's (or organization's) principals to this account's resources,
// narrowed to the lake's and the shared bucket (and the access points of
// this account), the vault's table and its keys. The interface endpoints
// are those the vault needs: KMS, and Secrets Manager for deterministic
// tokens.
func (s *Stack) perimeter(cfg VaultConfig, lake *Lake) {
	gateway := func(id string) awsec2.IGatewayVpcEndpoint {
		return s.Network.Vpc.Node().FindChild(jsii.String(id)).(awsec2.IGatewayVpcEndpoint)
	}
	p := &endpointpolicy.Props{
		Vpc:     s.Network.Vpc,
		Subnets: s.Network.Private,
		ExistingGatewayEndpoints: map[endpointpolicy.Service]awsec2.IGatewayVpcEndpoint{
			endpointpolicy.S3: gateway("S3"), endpointpolicy.DynamoDB: gateway("DynamoDB"),
		},
		PrincipalOrgID: cfg.PrincipalOrgID,
		Buckets:        []awss3.IBucket{lake.Bucket},
	}
	if s.Vault != nil {
		p.Create = []endpointpolicy.Service{endpointpolicy.KMS}
		if cfg.Deterministic {
			p.Create = append(p.Create, endpointpolicy.SecretsManager)
		}
		p.Tables = []awsdynamodb.ITable{s.Vault.Table}
		p.Keys = []awskms.IKey{s.Vault.Key, s.Vault.StorageKey}
	}
	if s.Shared != nil {
		p.Buckets = append(p.Buckets, s.Shared.Bucket)
		// Requests through an access point name it as their resource.
		condition := "aws:PrincipalAccount"
		value := any(awscdk.Aws_ACCOUNT_ID())
		if cfg.PrincipalOrgID != "" {
			condition, value = "aws:PrincipalOrgID", cfg.PrincipalOrgID
		}
		p.Statements = map[endpointpolicy.Service][]awsiam.PolicyStatement{endpointpolicy.S3: {
			awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:        jsii.String("AllowOwnPrincipalsToOwnAccessPoints"),
				Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
				Actions:    jsii.Strings("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:AbortMultipartUpload"),
				Resources: jsii.Strings(
					*awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/*"), nil),
					*awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:s3:${AWS::Region}:${AWS::AccountId}:accesspoint/*/object/*"), nil)),
				Conditions: &map[string]any{"StringEquals": map[string]any{condition: value}},
			}),
		}}
	}
	s.Endpoints = endpointpolicy.New(s.Stack, "Endpoints", p)
}
