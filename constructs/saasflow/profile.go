package saasflow

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsappflow"
	"github.com/aws/jsii-runtime-go"
)

// profile creates the Salesforce connector profile from Secrets Manager, or
// names the existing one.
func (f *Flow) profile(p *Props) {
	s := p.Salesforce
	if s == nil {
		f.ConnectorProfileName = jsii.String(p.ConnectorProfileName)
		return
	}
	creds := &awsappflow.CfnConnectorProfile_SalesforceConnectorProfileCredentialsProperty{
		ClientCredentialsArn: s.ClientCredentials.SecretArn(),
		OAuth2GrantType:      jsii.String("CLIENT_CREDENTIALS"),
	}
	if s.JwtToken != nil {
		creds.OAuth2GrantType = jsii.String("JWT_BEARER")
		creds.JwtToken = s.JwtToken.UnsafeUnwrap() // a dynamic reference, resolved by CloudFormation
	}
	sandbox := s.Sandbox != nil && *s.Sandbox
	f.ConnectorProfile = awsappflow.NewCfnConnectorProfile(f.Construct, jsii.String("Connection"), &awsappflow.CfnConnectorProfileProps{
		ConnectorProfileName: name(f.Construct, "salesforce"),
		ConnectorType:        jsii.String("Salesforce"),
		ConnectionMode:       jsii.String("Public"),
		KmsArn:               f.Key.KeyArn(),
		ConnectorProfileConfig: &awsappflow.CfnConnectorProfile_ConnectorProfileConfigProperty{
			ConnectorProfileProperties: &awsappflow.CfnConnectorProfile_ConnectorProfilePropertiesProperty{
				Salesforce: &awsappflow.CfnConnectorProfile_SalesforceConnectorProfilePropertiesProperty{
					InstanceUrl:          jsii.String(s.InstanceUrl),
					IsSandboxEnvironment: jsii.Bool(sandbox),
				},
			},
			ConnectorProfileCredentials: &awsappflow.CfnConnectorProfile_ConnectorProfileCredentialsProperty{
				Salesforce: creds,
			},
		},
	})
	f.ConnectorProfileName = f.ConnectorProfile.ConnectorProfileName()
}
