package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// configrulesTopic is a caller's encrypted topic: its key rotates, denies
// grants not for AWS services (CT.KMS.PR.3) and lets EventBridge of the
// account publish.
func configrulesTopic(scope constructs.Construct, id string) awssns.ITopic {
	key := awskms.NewKey(scope, jsii.String(id+"Key"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"), Resources: jsii.Strings("*"),
	}), nil)
	return awssns.NewTopic(scope, jsii.String(id), &awssns.TopicProps{MasterKey: key, EnforceSSL: jsii.Bool(true)})
}
