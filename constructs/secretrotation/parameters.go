package secretrotation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/jsii-runtime-go"
)

// ReferencePrefix is the Parameter Store path through which GetParameter
// (WithDecryption) and GetParameters return a Secrets Manager secret's
// value. Nothing is stored under it: Parameter Store forwards the call to
// Secrets Manager, so the caller needs secretsmanager:GetSecretValue on the
// secret (and kms:Decrypt on its key) as well as ssm:GetParameter on the
// reference.
const ReferencePrefix = "/aws/reference/secretsmanager/"

// ReferenceName is the Parameter Store name that reads secret's value:
// ReferencePrefix + the secret's name. Give it to code or services that
// only speak Parameter Store (ECS task definitions' valueFrom, SSM
// documents, scripts calling aws ssm get-parameter --with-decryption).
func ReferenceName(secret awssecretsmanager.ISecret) *string {
	return jsii.String(ReferencePrefix + *secret.SecretName())
}

// SecureStringReference is the CloudFormation dynamic reference
// {{resolve:ssm-secure:/aws/reference/secretsmanager/<name>}} to secret's
// value, for a resource property that only accepts Parameter Store secure
// strings. CloudFormation resolves ssm-secure in the properties its
// documentation lists (not in custom resources, not across accounts);
// anywhere else prefer secret.SecretValue() ({{resolve:secretsmanager:...}}),
// which every property accepts. Neither writes the value into the template.
func SecureStringReference(secret awssecretsmanager.ISecret) awscdk.SecretValue {
	return awscdk.SecretValue_SsmSecure(ReferenceName(secret), nil)
}

// publish creates the discovery parameters: plain String parameters holding
// the secret's ARN and name (never its value). Their names are the user's
// ParameterPath: the point of a discovery parameter is a name others know.
func (r *Rotation) publish(p *Props) {
	desc := " of the secret rotated by " + *r.Node().Path() + " (read the value from Secrets Manager)"
	r.ArnParameter = awsssm.NewStringParameter(r.Construct, jsii.String("ArnParameter"), &awsssm.StringParameterProps{
		ParameterName: jsii.String(p.ParameterPath + "/arn"),
		StringValue:   p.Secret.SecretArn(),
		Description:   jsii.String("ARN" + desc),
		Tier:          awsssm.ParameterTier_STANDARD,
	})
	r.NameParameter = awsssm.NewStringParameter(r.Construct, jsii.String("NameParameter"), &awsssm.StringParameterProps{
		ParameterName: jsii.String(p.ParameterPath + "/name"),
		StringValue:   p.Secret.SecretName(),
		Description:   jsii.String("Name" + desc),
		Tier:          awsssm.ParameterTier_STANDARD,
	})
}
