package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
)

// ANA-05: with warehouse.biReader, business-intelligence tools (the Serving
// stack's QuickSight dataset) read the warehouse as BiReaderUser, a
// password user whose secret QuickSight reads from Secrets Manager (it
// cannot sign in with temporary credentials). The user holds the role
// analyst of DWH-10 and nothing else: SELECT on the orders fact, the
// regions dimension and the non-personal columns of customers.
const BiReaderUser = "bi_reader"

// QuickSightSecretsRole is the role QuickSight reads data-source secrets
// with; it exists once an administrator gives QuickSight access to Secrets
// Manager (Manage QuickSight, Security & permissions).
const QuickSightSecretsRole = "service-role/aws-quicksight-secretsmanager-role-v0"

// BiReader is what a BI tool needs to read the warehouse through a VPC
// connection: the warehouse's network, endpoint and database, and the
// user's secret.
type BiReader struct {
	Vpc awsec2.IVpc
	// Warehouse is the warehouse's security group: it admits the tool's
	// security group on Port.
	Warehouse awsec2.IConnectable
	Host      *string
	Port      float64
	Database  string
	// Secret holds BiReaderUser's username and password.
	Secret awssecretsmanager.ISecret
}

// biReader creates the user's secret, named <stack>/bi_reader, under the
// staging key, and lets QuickSight's secrets role decrypt that secret, and
// no other, through Secrets Manager: the key policy's condition names the
// secret's ARN by its name (its ARN itself would make the key depend on
// the secret, which depends on the key).
func (s *Stack) biReader() {
	name := *s.Stack.StackName() + "/" + BiReaderUser
	secret := namedUserSecret(s, "BiReaderUserSecret", BiReaderUser,
		"Redshift user "+BiReaderUser+" of BI tools (QuickSight): role analyst, read only", jsii.String(name))
	arn := func(service, resource, resourceName string, region *string) *string {
		return s.Stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String(service), Region: region, Resource: jsii.String(resource),
			ResourceName: jsii.String(resourceName), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})
	}
	// A condition on the principal's ARN, not the role as principal: the
	// role exists only after the QuickSight administrator's step, and a key
	// policy naming a missing role is refused.
	s.Staging.Key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("QuickSightReadsTheBiReaderSecret"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewAccountRootPrincipal()},
		Actions:    jsii.Strings("kms:Decrypt"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{
			"ArnEquals": map[string]any{"aws:PrincipalArn": s.Stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("iam"), Region: jsii.String(""),
				Resource: jsii.String("role"), ResourceName: jsii.String(QuickSightSecretsRole)})},
			"StringEquals": map[string]any{"kms:ViaService": "secretsmanager." + *s.Stack.Region() + ".amazonaws.com"},
			// Secrets Manager appends six random characters to the name.
			"StringLike": map[string]any{"kms:EncryptionContext:SecretARN": *arn("secretsmanager", "secret", name+"-??????", nil)},
		},
	}), nil)
	w := s.Warehouse
	s.BiReader = &BiReader{Vpc: w.Vpc, Warehouse: w.SecurityGroup, Host: w.Endpoint, Port: w.PortNumber(), Database: w.DatabaseName, Secret: secret}
}

// biReaderSQL gives the user the role analyst, which the Governance SQL
// creates: applied once, after it.
func (s *Stack) biReaderSQL() {
	if s.BiReader == nil {
		return
	}
	grant := s.Warehouse.ApplySQLOnce("BiReaderGrants", [][]string{{"GRANT ROLE analyst TO " + BiReaderUser}})
	grant.Node().AddDependency(s.Governance)
}
